import { RuleMetadata } from './rules';
import { Finding, FindingStatus, Staleness, StatusCounts } from './findings';

/**
 * One row of the template list (`GET /templates`): a scorecard without its findings.
 * @public
 */
export interface TemplateSummary {
  templateId: string;
  resourceId: string;
  templateName: string;
  entityRef: string;
  owner: string;
  subscriptionId: string;
  subscriptionName?: string;
  resourceGroup: string;
  location?: string;
  score: number | null;
  counts: StatusCounts;
  /** `lastRunStatus.runState` of the template, when known. */
  lastRunState?: string;
  /** ISO 8601 end (or start) of the last run, when known. */
  lastRunTime?: string;
  scannedAt: string;
  stale?: Staleness;
  /** The status of every rule for this template, by rule id (for matrices). */
  statuses: Record<string, FindingStatus>;
}

/** Sort keys of `GET /templates`. @public */
export type TemplateSortKey =
  | 'name'
  | 'score'
  | 'owner'
  | 'subscription'
  | 'location'
  | 'lastRun'
  | 'fail';

/**
 * Query of `GET /templates` (all optional). `rule` with `status` selects templates whose finding
 * for that rule has that status; `status` alone, templates with any finding of that status.
 * @public
 */
export interface TemplateListQuery {
  /** Entity refs of owners (any of). */
  owner?: string[];
  subscription?: string[];
  rule?: string;
  status?: FindingStatus;
  /** Free text: template name, resource group, location, owner. */
  q?: string;
  sort?: TemplateSortKey;
  order?: 'asc' | 'desc';
  offset?: number;
  /** At most 500; default 50. */
  limit?: number;
}

/** @public */
export interface TemplateListResponse {
  items: TemplateSummary[];
  totalCount: number;
  offset: number;
  limit: number;
}

/** A rule of the catalog (`GET /rules`): its metadata with the configured severity. @public */
export interface RuleCatalogEntry extends RuleMetadata {
  enabled: boolean;
}

/** @public */
export interface RuleCatalogResponse {
  rules: RuleCatalogEntry[];
}

/** How many templates have each status for one rule. @public */
export interface RuleSummary {
  ruleId: string;
  counts: StatusCounts;
}

/** `GET /rules/summary`: per rule, across the organisation or an owner filter. @public */
export interface RuleSummaryResponse {
  rules: RuleSummary[];
  templateCount: number;
}

/** A failing (or warning) finding of a team's template, for the team scorecard. @public */
export interface TeamFinding extends Finding {
  templateId: string;
  templateName: string;
  entityRef: string;
}

/**
 * `GET /owners/:namespace/:kind/:name/rollup`: a group's templates including those owned by its
 * child groups (transitively), or a user's and their groups'.
 * @public
 */
export interface OwnerRollupResponse {
  owner: string;
  /** Every owner ref whose templates are included. */
  owners: string[];
  templateCount: number;
  averageScore: number | null;
  worstScore: number | null;
  counts: StatusCounts;
  templates: TemplateSummary[];
  /** fail first, then warn; by severity; with the template they belong to. */
  findings: TeamFinding[];
}

/** One scan of one source, as `GET /scans` lists it (timestamps ISO 8601). @public */
export interface ScanRunSummary {
  id: number;
  sourceId: string;
  startedAt: string;
  finishedAt: string;
  /** `ok`; `partial` (a subscription or collection failed); `failed` (nothing stored). */
  status: 'ok' | 'partial' | 'failed';
  /** Templates scored and stored by the run. */
  templateCount: number;
  /** Why the run was not `ok`. */
  error?: string;
}

/** `GET /scans`: the scan history, latest first. @public */
export interface ScanHistoryResponse {
  runs: ScanRunSummary[];
}

/** `POST /scans`: a scan was started (it runs in the background). @public */
export interface ScanStartedResponse {
  started: true;
}
