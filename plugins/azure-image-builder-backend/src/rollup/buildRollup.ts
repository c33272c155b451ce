import {
  emptyStatusCounts,
  FINDING_STATUSES,
  OwnerRollupResponse,
  SEVERITIES,
  TeamFinding,
  TemplateSummary,
} from '@aib-scorecards/plugin-azure-image-builder-common';
import { RollupOwners } from './resolveRollupOwners';

const statusRank = (f: TeamFinding) => FINDING_STATUSES.indexOf(f.status);
const severityRank = (f: TeamFinding) => SEVERITIES.indexOf(f.severity);

function compareText(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  if (x < y) return -1;
  return x > y ? 1 : 0;
}

/**
 * A team's scorecard from its templates and their findings: the average (rounded) and worst
 * score of the templates that have one, the counts summed, and the findings ordered fail first,
 * then warn, then by severity (high first), template name and rule.
 * @public
 */
export function buildRollup(
  owners: RollupOwners,
  templates: TemplateSummary[],
  findings: TeamFinding[],
): OwnerRollupResponse {
  const scores = templates
    .map(t => t.score)
    .filter((s): s is number => typeof s === 'number');
  const counts = emptyStatusCounts();
  for (const template of templates) {
    for (const status of FINDING_STATUSES) {
      counts[status] += template.counts[status] ?? 0;
    }
  }
  return {
    owner: owners.owner,
    owners: owners.owners,
    templateCount: templates.length,
    averageScore:
      scores.length > 0
        ? Math.round(scores.reduce((a, b) => a + b, 0) / scores.length)
        : null,
    worstScore:
      scores.length > 0 ? scores.reduce((a, b) => Math.min(a, b)) : null,
    counts,
    templates,
    findings: [...findings].sort(
      (a, b) =>
        statusRank(a) - statusRank(b) ||
        severityRank(a) - severityRank(b) ||
        compareText(a.templateName, b.templateName) ||
        compareText(a.templateId, b.templateId) ||
        compareText(a.ruleId, b.ruleId),
    ),
  };
}
