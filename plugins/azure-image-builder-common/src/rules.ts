import { Severity } from './findings';

/**
 * Where a rule comes from: Microsoft's "Best practices for Azure VM Image Builder" page, the
 * image template reference and peers (PSRule for Azure), or a backend module of the installation
 * (`custom`, added through the node package's rules extension point).
 * @public
 */
export type RuleOrigin = 'best-practices' | 'template-reference' | 'custom';

/**
 * What every surface (API, UI, CLI, SARIF) needs to know about a rule. The ids are a public
 * contract (RULES.md): they never change meaning.
 * @public
 */
export interface RuleMetadata {
  id: string;
  /** Position in RULES.md. */
  number: number;
  title: string;
  /** The section of Microsoft's page (or reference) the rule comes from; the UI groups by it. */
  practice: string;
  origin: RuleOrigin;
  /** Default severity; configuration may change it. */
  severity: Severity;
  remediationUrl: string;
  /** What passes, in one sentence. */
  description: string;
}

const LOCKS_URL =
  'https://learn.microsoft.com/azure/azure-resource-manager/management/lock-resources';
const RELIABILITY_URL =
  'https://learn.microsoft.com/azure/reliability/reliability-image-builder';
const LEAST_PRIVILEGE_URL =
  'https://learn.microsoft.com/entra/identity-platform/secure-least-privileged-access';
const PERMISSIONS_URL =
  'https://learn.microsoft.com/azure/virtual-machines/linux/image-builder-permissions-cli';
const GALLERY_URL =
  'https://learn.microsoft.com/azure/virtual-machines/azure-compute-gallery#best-practices';
const TEMPLATE_JSON_URL =
  'https://learn.microsoft.com/azure/virtual-machines/linux/image-builder-json';

/**
 * The rule pack of RULES.md, in its order.
 * @public
 */
export const RULE_METADATA: readonly RuleMetadata[] = [
  {
    id: 'template-lock',
    number: 1,
    title: 'Image template is protected by a delete lock',
    practice: 'Use resource locks for image templates',
    origin: 'best-practices',
    severity: 'medium',
    remediationUrl: LOCKS_URL,
    description:
      'A CanNotDelete lock on the template, its resource group or its subscription.',
  },
  {
    id: 'dr-replicated-template',
    number: 2,
    title: 'Template is replicated to a secondary region',
    practice: 'Set up image templates for disaster recovery',
    origin: 'best-practices',
    severity: 'medium',
    remediationUrl: RELIABILITY_URL,
    description:
      'Another template of the same image family exists in a different location.',
  },
  {
    id: 'dr-multi-region-distribution',
    number: 3,
    title: 'Images are distributed to two or more regions',
    practice: 'Set up image templates for disaster recovery',
    origin: 'best-practices',
    severity: 'medium',
    remediationUrl: RELIABILITY_URL,
    description:
      'The distribution targets cover at least two distinct regions.',
  },
  {
    id: 'source-image-trigger',
    number: 4,
    title: 'A healthy source image trigger rebuilds the image',
    practice: 'Set up triggers',
    origin: 'best-practices',
    severity: 'medium',
    remediationUrl:
      'https://learn.microsoft.com/azure/virtual-machines/image-builder-triggers-how-to',
    description:
      'A SourceImage trigger that provisioned successfully and is Healthy.',
  },
  {
    id: 'vm-boot-optimization',
    number: 5,
    title: 'VM boot optimization is enabled',
    practice: 'Enable VM boot optimization',
    origin: 'best-practices',
    severity: 'low',
    remediationUrl:
      'https://learn.microsoft.com/azure/virtual-machines/vm-boot-optimization',
    description: 'properties.optimize.vmBoot.state is Enabled.',
  },
  {
    id: 'own-subnets',
    number: 6,
    title: 'The build runs in your own subnets',
    practice: 'Specify subnets',
    origin: 'best-practices',
    severity: 'medium',
    remediationUrl: `${TEMPLATE_JSON_URL}#vnetconfig-optional`,
    description:
      'vnetConfig names a build subnet and a different container instance subnet on the same virtual network.',
  },
  {
    id: 'template-access',
    number: 7,
    title: 'Few principals can change the template, at a narrow scope',
    practice: 'Least privilege: image template',
    origin: 'best-practices',
    severity: 'high',
    remediationUrl: LEAST_PRIVILEGE_URL,
    description:
      'Principals that can write, delete or run the template are granted at the template or its resource group, and are few.',
  },
  {
    id: 'staging-resource-group-access',
    number: 8,
    title: 'Nobody else can write to the staging resource group',
    practice: 'Least privilege: staging resource group',
    origin: 'best-practices',
    severity: 'high',
    remediationUrl: LEAST_PRIVILEGE_URL,
    description:
      'A staging resource group is set and no principal other than the template identity can write to it.',
  },
  {
    id: 'template-identity-privilege',
    number: 9,
    title: 'The template identity holds only what it needs',
    practice: 'Least privilege: template identity',
    origin: 'best-practices',
    severity: 'high',
    remediationUrl: PERMISSIONS_URL,
    description:
      'One user-assigned identity, without access-admin or subscription-wide write rights.',
  },
  {
    id: 'build-vm-identity-privilege',
    number: 10,
    title: 'The build VM identities hold only what they need',
    practice: 'Least privilege: build VM identity',
    origin: 'best-practices',
    severity: 'high',
    remediationUrl: PERMISSIONS_URL,
    description:
      'Build VM identities hold no access-admin or broad write rights and differ from the template identity.',
  },
  {
    id: 'gallery-replica-count',
    number: 11,
    title: 'Gallery image versions have enough replicas',
    practice: 'Azure Compute Gallery best practices',
    origin: 'best-practices',
    severity: 'medium',
    remediationUrl: GALLERY_URL,
    description:
      'Every target region of a gallery distribution has at least 3 replicas.',
  },
  {
    id: 'gallery-zone-redundant-storage',
    number: 12,
    title: 'Gallery image versions use zone-redundant storage',
    practice: 'Azure Compute Gallery best practices',
    origin: 'best-practices',
    severity: 'low',
    remediationUrl: GALLERY_URL,
    description:
      'Every target region of a gallery distribution uses Standard_ZRS.',
  },
  {
    id: 'gallery-lock',
    number: 13,
    title: 'The target gallery is locked',
    practice: 'Azure Compute Gallery best practices',
    origin: 'best-practices',
    severity: 'medium',
    remediationUrl: GALLERY_URL,
    description:
      'A CanNotDelete or ReadOnly lock on the gallery, its resource group or its subscription.',
  },
  {
    id: 'customizer-checksum',
    number: 14,
    title: 'Downloaded customizer files are pinned by checksum',
    practice: 'Image template reference: customize',
    origin: 'template-reference',
    severity: 'high',
    remediationUrl: `${TEMPLATE_JSON_URL}#properties-customize`,
    description:
      'Every Shell or PowerShell step with a scriptUri and every File step with a sourceUri has a sha256Checksum.',
  },
  {
    id: 'validator-checksum',
    number: 15,
    title: 'Downloaded validator scripts are pinned by checksum',
    practice: 'Image template reference: validate',
    origin: 'template-reference',
    severity: 'medium',
    remediationUrl: `${TEMPLATE_JSON_URL}#properties-validate`,
    description:
      'Every in-VM validation that downloads a script or file has a sha256Checksum.',
  },
  {
    id: 'no-embedded-secrets',
    number: 16,
    title: 'No secrets are embedded in the template',
    practice: 'Image template reference: customize',
    origin: 'template-reference',
    severity: 'high',
    remediationUrl: `${TEMPLATE_JSON_URL}#properties-customize`,
    description:
      'No URI carries a SAS signature and no inline command assigns a literal password, token or key.',
  },
  {
    id: 'last-run-succeeded',
    number: 17,
    title: 'The last build succeeded',
    practice: 'Troubleshoot Azure VM Image Builder',
    origin: 'template-reference',
    severity: 'medium',
    remediationUrl:
      'https://learn.microsoft.com/azure/virtual-machines/linux/image-builder-troubleshoot',
    description: 'lastRunStatus.runState is Succeeded.',
  },
  {
    id: 'image-validation',
    number: 18,
    title: 'Images are validated before they are distributed',
    practice: 'Image template reference: validate',
    origin: 'template-reference',
    severity: 'low',
    remediationUrl: `${TEMPLATE_JSON_URL}#properties-validate`,
    description:
      'In-VM validations run and images that fail them are not distributed.',
  },
];

const byId = new Map(RULE_METADATA.map(r => [r.id, r]));

/** The metadata of a rule of the pack, or `undefined` for an unknown id. @public */
export function getRuleMetadata(ruleId: string): RuleMetadata | undefined {
  return byId.get(ruleId);
}
