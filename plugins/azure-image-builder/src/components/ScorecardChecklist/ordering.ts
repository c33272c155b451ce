import {
  Finding,
  FINDING_STATUSES,
  FindingStatus,
  getRuleMetadata,
  SEVERITIES,
} from '@aib-scorecards/plugin-azure-image-builder-common';

const statusRank = new Map<FindingStatus, number>(
  FINDING_STATUSES.map((status, i) => [status, i]),
);
const severityRank = new Map(SEVERITIES.map((severity, i) => [severity, i]));

function rank<T>(ranks: Map<T, number>, key: T): number {
  // Values a newer backend may send sort after the known ones instead of breaking the list.
  return ranks.get(key) ?? ranks.size;
}

/**
 * Orders findings as the checklist shows them: failures first (fail, warn, unknown, pass,
 * not-applicable, waived), then by severity (high to low), then by rule number.
 */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      rank(statusRank, a.status) - rank(statusRank, b.status) ||
      rank(severityRank, a.severity) - rank(severityRank, b.severity) ||
      ruleNumber(a.ruleId) - ruleNumber(b.ruleId) ||
      a.ruleId.localeCompare(b.ruleId),
  );
}

function ruleNumber(ruleId: string): number {
  return getRuleMetadata(ruleId)?.number ?? Number.MAX_SAFE_INTEGER;
}
