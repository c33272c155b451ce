import {
  emptyStatusCounts,
  FINDING_STATUSES,
  OwnerRollupResponse,
  SEVERITIES,
  TeamFinding,
  TemplateSummary,
} from '@aib-scorecards/plugin-azure-image-builder-common';
import { RollupOwners } from './resolveRollupOwners';

/** Sorts findings by precomputed keys: a team can have thousands. */
function sortFindings(findings: TeamFinding[]): TeamFinding[] {
  const keyed = findings.map(f => ({
    f,
    status: FINDING_STATUSES.indexOf(f.status),
    severity: SEVERITIES.indexOf(f.severity),
    name: f.templateName.toLowerCase(),
  }));
  const text = (a: string, b: string) => {
    if (a < b) return -1;
    return a > b ? 1 : 0;
  };
  keyed.sort(
    (a, b) =>
      a.status - b.status ||
      a.severity - b.severity ||
      text(a.name, b.name) ||
      text(a.f.templateId, b.f.templateId) ||
      text(a.f.ruleId, b.f.ruleId),
  );
  return keyed.map(k => k.f);
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
    findings: sortFindings(findings),
  };
}
