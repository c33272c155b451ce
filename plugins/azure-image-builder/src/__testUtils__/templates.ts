import {
  countStatuses,
  FindingStatus,
  OwnerRollupResponse,
  RuleCatalogEntry,
  RULE_METADATA,
  TeamFinding,
  TemplateListResponse,
  TemplateSummary,
} from '@aib-scorecards/plugin-azure-image-builder-common';
import { CompoundEntityRef } from '@backstage/catalog-model';
import { AzureImageBuilderApi } from '../api';

/** A list row for a template named `name` with the given rule statuses. */
export function templateSummary(
  name: string,
  statuses: Record<string, FindingStatus>,
  overrides: Partial<TemplateSummary> = {},
): TemplateSummary {
  const resourceId = `/subscriptions/sub-1/resourceGroups/rg/providers/Microsoft.VirtualMachineImages/imageTemplates/${name}`;
  return {
    templateId: resourceId.toLocaleLowerCase('en-US'),
    resourceId,
    templateName: name,
    entityRef: `resource:default/aib-${name}`,
    owner: 'group:default/team-a',
    subscriptionId: 'sub-1',
    subscriptionName: 'Production',
    resourceGroup: 'rg',
    location: 'westeurope',
    score: 50,
    counts: countStatuses(Object.values(statuses).map(status => ({ status }))),
    lastRunState: 'Succeeded',
    lastRunTime: '2025-03-01T10:00:00Z',
    scannedAt: '2025-03-04T10:00:00Z',
    statuses,
    ...overrides,
  };
}

export function listResponse(
  items: TemplateSummary[],
  totalCount = items.length,
  offset = 0,
  limit = 25,
): TemplateListResponse {
  return { items, totalCount, offset, limit };
}

/** The rule catalog as the backend serves it: the pack, every rule enabled. */
export const ruleCatalog: RuleCatalogEntry[] = RULE_METADATA.map(rule => ({
  ...rule,
  enabled: true,
}));

/** A finding of a team's template. */
export function teamFinding(
  template: TemplateSummary,
  ruleId: string,
  status: FindingStatus,
  severity: TeamFinding['severity'] = 'medium',
): TeamFinding {
  return {
    ruleId,
    status,
    severity,
    message: `${ruleId} is ${status} on ${template.templateName}`,
    evidence: [],
    remediationUrl: 'https://learn.microsoft.com/',
    templateId: template.templateId,
    templateName: template.templateName,
    entityRef: template.entityRef,
  };
}

/** A rollup of the given templates, with counts and scores computed from them. */
export function rollupOf(
  owner: string,
  templates: TemplateSummary[],
  findings: TeamFinding[] = [],
  owners: string[] = [owner],
): OwnerRollupResponse {
  const scores = templates
    .map(t => t.score)
    .filter((s): s is number => s !== null);
  const counts = countStatuses(
    templates.flatMap(t =>
      Object.values(t.statuses).map(status => ({ status })),
    ),
  );
  return {
    owner,
    owners,
    templateCount: templates.length,
    averageScore: scores.length
      ? scores.reduce((a, b) => a + b, 0) / scores.length
      : null,
    worstScore: scores.length ? Math.min(...scores) : null,
    counts,
    templates,
    findings,
  };
}

/** A mock of the whole API; each test sets what it needs. */
export function mockApi(): jest.Mocked<AzureImageBuilderApi> {
  return {
    getScorecardByEntity: jest.fn(async (_ref: CompoundEntityRef) => undefined),
    listTemplates: jest.fn(async () => listResponse([])),
    exportTemplatesCsv: jest.fn(async () => new Blob(['name\n'])),
    getRules: jest.fn(async () => ({ rules: ruleCatalog })),
    getRuleSummary: jest.fn(async () => ({ rules: [], templateCount: 0 })),
    getOwnerRollup: jest.fn(async (_ref: CompoundEntityRef) =>
      rollupOf('group:default/team-a', []),
    ),
  };
}
