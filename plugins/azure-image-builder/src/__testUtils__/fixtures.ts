import { Entity } from '@backstage/catalog-model';
import {
  countStatuses,
  Finding,
  Scorecard,
  TemplateFacts,
} from '@aib-scorecards/plugin-azure-image-builder-common';

export const RESOURCE_ID =
  '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-images/providers/Microsoft.VirtualMachineImages/imageTemplates/ubuntu-base';

export const templateEntity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: {
    name: 'aib-ubuntu-base-1a2b3c',
    title: 'ubuntu-base',
    annotations: { 'management.azure.com/resourceId': RESOURCE_ID },
  },
  spec: { type: 'azure-image-template', owner: 'group:default/team-images' },
};

// Deliberately out of display order, to show the checklist sorts them.
export const findings: Finding[] = [
  {
    ruleId: 'vm-boot-optimization',
    status: 'pass',
    severity: 'low',
    message: 'VM boot optimization is enabled.',
    evidence: [
      { path: 'properties.optimize.vmBoot.state', observed: 'Enabled' },
    ],
    remediationUrl:
      'https://learn.microsoft.com/azure/virtual-machines/vm-boot-optimization',
  },
  {
    ruleId: 'own-subnets',
    status: 'fail',
    severity: 'medium',
    message: 'The build runs in a subnet Azure creates, not in yours.',
    evidence: [
      {
        path: 'properties.vmProfile.vnetConfig',
        observed: null,
        expected: 'a build subnet and a container instance subnet',
      },
    ],
    remediationUrl:
      'https://learn.microsoft.com/azure/virtual-machines/linux/image-builder-json#vnetconfig-optional',
  },
  {
    ruleId: 'template-lock',
    status: 'unknown',
    severity: 'medium',
    message: 'The locks of the subscription could not be read.',
    evidence: [{ collection: 'locks', code: 'AuthorizationFailed' }],
    remediationUrl:
      'https://learn.microsoft.com/azure/azure-resource-manager/management/lock-resources',
  },
  {
    ruleId: 'customizer-checksum',
    status: 'fail',
    severity: 'high',
    message: 'Customizer 1 downloads a script without a checksum.',
    evidence: [
      {
        path: 'properties.customize[0].sha256Checksum',
        observed: { type: 'Shell', scriptUri: 'https://example.com/a.sh' },
        expected: 'a sha256Checksum',
      },
    ],
    // A tampered link: the checklist must fall back to the rule's documented page.
    // eslint-disable-next-line no-script-url
    remediationUrl: 'javascript:alert(1)',
  },
  {
    ruleId: 'gallery-replica-count',
    status: 'warn',
    severity: 'medium',
    message: 'westeurope has 2 replicas; 3 are recommended.',
    evidence: [
      {
        path: 'properties.distribute[0].targetRegions[0].replicaCount',
        observed: 2,
        expected: '≥ 3',
      },
    ],
    remediationUrl:
      'https://learn.microsoft.com/azure/virtual-machines/azure-compute-gallery#best-practices',
  },
  {
    ruleId: 'gallery-lock',
    status: 'not-applicable',
    severity: 'medium',
    message: 'The template does not distribute to a gallery.',
    evidence: [],
    remediationUrl:
      'https://learn.microsoft.com/azure/virtual-machines/azure-compute-gallery#best-practices',
  },
  {
    ruleId: 'template-access',
    status: 'waived',
    severity: 'high',
    message: 'Seven principals can change the template.',
    evidence: [],
    remediationUrl:
      'https://learn.microsoft.com/entra/identity-platform/secure-least-privileged-access',
    underlyingStatus: 'fail',
    waiver: {
      reason: 'migration in progress',
      grantedBy: 'user:default/alice',
      expires: '2099-01-31',
    },
  },
  {
    ruleId: 'custom-rule',
    status: 'fail',
    severity: 'high',
    message: 'A rule the metadata does not know.',
    evidence: [{ note: 'from a custom rule pack' }],
    remediationUrl: 'https://example.com/custom-rule',
  },
  {
    ruleId: 'template-identity-privilege',
    status: 'fail',
    severity: 'high',
    message: 'The template identity is Owner of the subscription.',
    evidence: [],
    remediationUrl:
      'https://learn.microsoft.com/azure/virtual-machines/linux/image-builder-permissions-cli',
  },
];

export const scorecard: Scorecard = {
  templateId: RESOURCE_ID.toLowerCase(),
  resourceId: RESOURCE_ID,
  templateName: 'ubuntu-base',
  subscriptionId: '00000000-0000-0000-0000-000000000001',
  resourceGroup: 'rg-images',
  location: 'westeurope',
  entityRef: 'resource:default/aib-ubuntu-base-1a2b3c',
  owner: 'group:default/team-images',
  sourceId: 'demo',
  score: 42,
  counts: countStatuses(findings),
  findings,
  scannedAt: '2025-03-04T10:15:00Z',
};

const SUB = '/subscriptions/00000000-0000-0000-0000-000000000001';

/** Facts of the template, as the backend stores them with the scorecard. */
export const templateFacts: TemplateFacts = {
  location: 'westeurope',
  sourceType: 'PlatformImage',
  sourceImage: 'Canonical:0001-com-ubuntu-server-jammy:22_04-lts-gen2:latest',
  distributions: [
    {
      type: 'SharedImage',
      target: `${SUB}/resourceGroups/rg-gallery/providers/Microsoft.Compute/galleries/gal_images/images/ubuntu-base`,
      regions: ['westeurope', 'northeurope'],
    },
    { type: 'VHD', target: 'ubuntu-base-vhd', regions: [] },
  ],
  identities: [
    `${SUB}/resourceGroups/rg-identities/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-aib-ubuntu`,
  ],
  buildVmIdentities: [
    `${SUB}/resourceGroups/rg-identities/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-aib-buildvm`,
  ],
  vmSize: 'Standard_D4s_v5',
  stagingResourceGroup: `${SUB}/resourceGroups/rg-aib-staging-ubuntu`,
  lastRun: {
    runState: 'PartiallySucceeded',
    runSubState: 'Distributing',
    startTime: '2025-03-03T22:00:05Z',
    endTime: '2025-03-04T01:12:44Z',
    message: 'Distribution to northeurope timed out.',
  },
  provisioningState: 'Succeeded',
};

/** The scorecard with facts and a subscription name. */
export const scorecardWithFacts: Scorecard = {
  ...scorecard,
  facts: templateFacts,
  subscriptionName: 'Platform Production',
};
