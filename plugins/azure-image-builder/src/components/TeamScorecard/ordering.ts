import {
  FINDING_STATUSES,
  getRuleMetadata,
  SEVERITIES,
  TeamFinding,
  TemplateSummary,
} from '@aib-scorecards/plugin-azure-image-builder-common';

function rank<T>(order: readonly T[], value: T): number {
  const i = order.indexOf(value);
  // Values a newer backend may send go after the known ones.
  return i === -1 ? order.length : i;
}

function ruleNumber(ruleId: string): number {
  return getRuleMetadata(ruleId)?.number ?? Number.MAX_SAFE_INTEGER;
}

/** Failures first, then warnings; by severity, rule number, then template name. */
export function sortTeamFindings(findings: readonly TeamFinding[]) {
  return [...findings].sort(
    (a, b) =>
      rank(FINDING_STATUSES, a.status) - rank(FINDING_STATUSES, b.status) ||
      rank(SEVERITIES, a.severity) - rank(SEVERITIES, b.severity) ||
      ruleNumber(a.ruleId) - ruleNumber(b.ruleId) ||
      a.templateName.localeCompare(b.templateName),
  );
}

/** Worst first: lowest score (templates without a score last), most failures, then name. */
export function sortTemplatesWorstFirst(templates: readonly TemplateSummary[]) {
  const score = (t: TemplateSummary) => t.score ?? Number.POSITIVE_INFINITY;
  return [...templates].sort(
    (a, b) =>
      score(a) - score(b) ||
      (b.counts.fail ?? 0) - (a.counts.fail ?? 0) ||
      a.templateName.localeCompare(b.templateName),
  );
}

/** The rule ids of the matrix's columns: every rule any template has a result for, in pack order. */
export function matrixRuleIds(templates: readonly TemplateSummary[]): string[] {
  const ids = new Set<string>();
  for (const t of templates) {
    for (const id of Object.keys(t.statuses ?? {})) ids.add(id);
  }
  return [...ids].sort(
    (a, b) => ruleNumber(a) - ruleNumber(b) || a.localeCompare(b),
  );
}
