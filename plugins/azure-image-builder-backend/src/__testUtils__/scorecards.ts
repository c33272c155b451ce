import { Scorecard } from '@aib-scorecards/plugin-azure-image-builder-common';

/** Test helper: the ARM id of a template as Azure spells it (mixed case). */
export function templateResourceId(
  subscriptionId: string,
  name: string,
): string {
  return `/subscriptions/${subscriptionId}/resourceGroups/RG-Images/providers/Microsoft.VirtualMachineImages/imageTemplates/${name}`;
}

/** Test helper: a complete scorecard of a template. */
export function makeScorecard(
  subscriptionId: string,
  name: string,
  overrides: Partial<Scorecard> = {},
): Scorecard {
  const resourceId = templateResourceId(subscriptionId, name);
  return {
    templateId: resourceId.toLowerCase(),
    resourceId,
    templateName: name,
    subscriptionId,
    resourceGroup: 'RG-Images',
    location: 'westeurope',
    entityRef: `resource:default/aib-${name.toLowerCase()}`,
    owner: 'group:default/team-images',
    sourceId: 'src',
    score: 67,
    counts: {
      pass: 1,
      fail: 1,
      warn: 1,
      unknown: 0,
      'not-applicable': 0,
      waived: 0,
    },
    findings: [
      {
        ruleId: 'template-lock',
        status: 'fail',
        severity: 'medium',
        message: 'No CanNotDelete lock protects the template',
        evidence: [{ collection: 'locks', observed: null }],
        remediationUrl: 'https://learn.microsoft.com/',
      },
    ],
    scannedAt: '2026-11-20T10:00:00.000Z',
    ...overrides,
  };
}
