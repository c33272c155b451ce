import {
  Finding,
  FINDING_STATUSES,
  FindingStatus,
  Scorecard,
  StatusCounts,
  TemplateSummary,
  templateKey,
} from '@aib-scorecards/plugin-azure-image-builder-common';

/** SQLite gives timestamps back as epoch milliseconds, PostgreSQL as Date. */
export type DbTimestamp = Date | number | string;

export type ScorecardRow = {
  template_id: string;
  entity_ref: string;
  source_id: string;
  subscription_id: string;
  /** Lower-cased. */
  owner: string;
  template_name: string;
  score: number | null;
  scorecard: string;
  scanned_at: DbTimestamp | null;
  stale_since: DbTimestamp | null;
  stale_reason: string | null;
  updated_at: DbTimestamp;
  // Listing columns (migration 20261127_listing).
  summary: string | null;
  name_key: string;
  resource_group: string | null;
  location: string | null;
  subscription_name: string | null;
  subscription_key: string;
  fail_count: number;
  warn_count: number;
  unknown_count: number;
  pass_count: number;
  last_run_state: string | null;
  last_run_time: Date | null;
  /** JSON: the {@link OpenFinding}s of the scorecard. */
  open_findings: string | null;
};

export type FindingRow = {
  template_id: string;
  rule_id: string;
  status: string;
  severity: string;
};

/** The statuses a team acts on (or was exempted from): kept, without evidence, for lists. */
export const OPEN_STATUSES: readonly FindingStatus[] = [
  'fail',
  'warn',
  'unknown',
  'waived',
];

/** A finding as lists of findings show it: everything but its evidence. */
export type OpenFinding = Omit<Finding, 'evidence'>;

/** A row of the template list as stored: without staleness, added when read. */
export type StoredSummary = Omit<TemplateSummary, 'stale'>;

export function toDate(value: DbTimestamp): Date {
  if (value instanceof Date) {
    return value;
  }
  // SQLite may hand back a number as a numeric string from raw queries.
  return new Date(
    typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value,
  );
}

export function toIso(value: DbTimestamp): string {
  return toDate(value).toISOString();
}

function parseDate(value: unknown): Date | null {
  if (typeof value !== 'string' || !value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

function lower(value: string | undefined | null): string | null {
  return typeof value === 'string' && value ? value.toLowerCase() : null;
}

/** Every status with a count, 0 where the scorecard has none. */
export function completeCounts(
  counts: Partial<StatusCounts> | undefined,
): StatusCounts {
  return Object.fromEntries(
    FINDING_STATUSES.map(s => [s, Number(counts?.[s] ?? 0)]),
  ) as StatusCounts;
}

/**
 * The list row of a scorecard. The migration `20261127_listing.js` derives the same from stored
 * scorecards; keep them in step.
 */
export function summaryOf(scorecard: Scorecard): StoredSummary {
  const location = scorecard.location ?? scorecard.facts?.location;
  const run = scorecard.facts?.lastRun;
  const lastRunTime = (
    parseDate(run?.endTime) ?? parseDate(run?.startTime)
  )?.toISOString();
  const statuses: Record<string, FindingStatus> = {};
  for (const f of scorecard.findings) statuses[f.ruleId] = f.status;
  return {
    templateId: scorecard.templateId,
    resourceId: scorecard.resourceId,
    templateName: scorecard.templateName,
    entityRef: scorecard.entityRef,
    owner: scorecard.owner,
    subscriptionId: scorecard.subscriptionId,
    ...(scorecard.subscriptionName
      ? { subscriptionName: scorecard.subscriptionName }
      : {}),
    resourceGroup: scorecard.resourceGroup,
    ...(location ? { location } : {}),
    score: scorecard.score ?? null,
    counts: completeCounts(scorecard.counts),
    ...(run?.runState ? { lastRunState: run.runState } : {}),
    ...(lastRunTime ? { lastRunTime } : {}),
    scannedAt: scorecard.scannedAt,
    statuses,
  };
}

export function toRow(
  sourceId: string,
  subscriptionId: string,
  scorecard: Scorecard,
  now: Date,
): ScorecardRow {
  // Staleness lives in its own columns: the JSON holds what the scan produced.
  const { stale: _stale, ...rest } = scorecard;
  const summary = summaryOf(scorecard);
  return {
    template_id: templateKey(scorecard.templateId),
    entity_ref: scorecard.entityRef.toLowerCase(),
    source_id: sourceId,
    subscription_id: subscriptionId.toLowerCase(),
    owner: scorecard.owner.toLowerCase(),
    template_name: scorecard.templateName,
    score: scorecard.score === null ? null : Math.round(scorecard.score),
    scorecard: JSON.stringify(rest),
    scanned_at: parseDate(scorecard.scannedAt),
    stale_since: null,
    stale_reason: null,
    updated_at: now,
    summary: JSON.stringify(summary),
    name_key: scorecard.templateName.toLowerCase(),
    resource_group: lower(scorecard.resourceGroup),
    location: lower(summary.location),
    subscription_name: scorecard.subscriptionName ?? null,
    subscription_key:
      lower(scorecard.subscriptionName) ??
      scorecard.subscriptionId.toLowerCase(),
    fail_count: summary.counts.fail,
    warn_count: summary.counts.warn,
    unknown_count: summary.counts.unknown,
    pass_count: summary.counts.pass,
    last_run_state: summary.lastRunState ?? null,
    last_run_time: parseDate(summary.lastRunTime),
    open_findings: JSON.stringify(openFindingsOf(scorecard)),
  };
}

/**
 * The findings of a scorecard with an open status, without their evidence (which can be large;
 * it stays in the scorecard): what team lists of findings read, without parsing whole scorecards.
 */
export function openFindingsOf(scorecard: Scorecard): OpenFinding[] {
  return scorecard.findings
    .filter(f => OPEN_STATUSES.includes(f.status))
    .map(({ evidence: _evidence, ...rest }) => rest);
}

/** One row per rule (a rule listed twice keeps its last finding: the key is template + rule). */
export function findingRows(scorecard: Scorecard): FindingRow[] {
  const templateId = templateKey(scorecard.templateId);
  const byRule = new Map<string, FindingRow>();
  for (const f of scorecard.findings) {
    byRule.set(f.ruleId, {
      template_id: templateId,
      rule_id: f.ruleId,
      status: f.status,
      severity: f.severity,
    });
  }
  return [...byRule.values()];
}

export function fromRow(
  row: Pick<ScorecardRow, 'scorecard' | 'stale_since' | 'stale_reason'>,
): Scorecard {
  const scorecard: Scorecard = JSON.parse(row.scorecard);
  delete scorecard.stale;
  if (row.stale_since !== null && row.stale_since !== undefined) {
    scorecard.stale = {
      since: toIso(row.stale_since),
      reason: row.stale_reason ?? '',
    };
  }
  return scorecard;
}

/** A list row as read: the stored summary with its staleness. */
export function toTemplateSummary(
  row: Pick<ScorecardRow, 'stale_since' | 'stale_reason'>,
  summary: StoredSummary,
): TemplateSummary {
  const { statuses, ...rest } = summary;
  return {
    ...rest,
    ...(row.stale_since !== null && row.stale_since !== undefined
      ? {
          stale: {
            since: toIso(row.stale_since),
            reason: row.stale_reason ?? '',
          },
        }
      : {}),
    statuses: statuses ?? {},
  };
}
