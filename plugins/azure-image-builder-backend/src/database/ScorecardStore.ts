import {
  FindingStatus,
  RuleSummaryResponse,
  Scorecard,
  TeamFinding,
  TemplateSortKey,
  TemplateSummary,
} from '@aib-scorecards/plugin-azure-image-builder-common';

/**
 * How a scan of one source ended: `ok` (everything read), `partial` (some subscriptions or items
 * could not be read; what could not be read was kept stale) or `failed` (nothing usable was read,
 * or storing failed).
 * @public
 */
export type ScanRunStatus = 'ok' | 'partial' | 'failed';

/** One scan of one configured source, as recorded in the history. @public */
export interface ScanRun {
  sourceId: string;
  startedAt: Date;
  finishedAt: Date;
  status: ScanRunStatus;
  /** Templates scored and stored by the run. */
  templateCount: number;
  /** Why the run was not `ok`. */
  error?: string;
}

/** A recorded scan run, as read back (timestamps are ISO 8601). @public */
export interface StoredScanRun {
  id: number;
  sourceId: string;
  startedAt: string;
  finishedAt: string;
  status: ScanRunStatus;
  templateCount: number;
  error?: string;
}

/**
 * Which stored scorecards a {@link ScorecardStore.markStale} call applies to: every one of a
 * source, narrowed to one subscription and/or some templates.
 * @public
 */
export interface StaleScope {
  sourceId: string;
  subscriptionId?: string;
  /** ARM ids of templates (any case). */
  templateIds?: string[];
}

/** Why and since when scorecards are stale. @public */
export interface StaleMark {
  since: Date;
  reason: string;
}

/** @public */
export interface ReplaceSubscriptionResult {
  /** Scorecards inserted or updated. */
  written: number;
  /** Stored scorecards of the subscription that were removed. */
  removed: number;
}

/**
 * Which stored templates a listing is about; every condition given must hold.
 * @public
 */
export interface TemplateFilter {
  /** Owner entity refs (any of), compared case-insensitively. */
  owners?: string[];
  /** Subscription ids (any of), compared case-insensitively. */
  subscriptions?: string[];
  /**
   * With `status`: templates whose finding for this rule has that status. Alone: templates that
   * have a finding for the rule.
   */
  rule?: string;
  /** Alone: templates with any finding of this status. */
  status?: FindingStatus;
  /** Free text: a case-insensitive part of the name, resource group, location or owner. */
  q?: string;
}

/** How a template listing is ordered. @public */
export interface TemplateSort {
  /** Default `name`. */
  sort?: TemplateSortKey;
  /** Default `asc`. Templates without a value for the key come last either way. */
  order?: 'asc' | 'desc';
}

/** @public */
export interface TemplateListOptions extends TemplateFilter, TemplateSort {
  offset?: number;
  /** Omitted: every template from `offset` on. */
  limit?: number;
  /**
   * Default true. False skips counting the matches when a page is full (`totalCount` is then
   * only a lower bound), for callers that page through everything anyway.
   */
  countTotal?: boolean;
}

/** @public */
export interface TemplatePage {
  items: TemplateSummary[];
  /** How many templates match the filter, across all pages. */
  totalCount: number;
}

/**
 * Storage of the latest scorecard of each template, and of the scan history.
 * @public
 */
export interface ScorecardStore {
  /**
   * Makes `scorecards` the stored scorecards of a subscription of a source, in one transaction:
   * each is inserted or replaces the stored one (its staleness cleared); stored scorecards of the
   * subscription that are neither in `scorecards` nor in `options.retain` are removed.
   */
  replaceSubscription(
    sourceId: string,
    subscriptionId: string,
    scorecards: Scorecard[],
    options?: {
      /** ARM ids of stored templates to keep although they are not in `scorecards`. */
      retain?: string[];
    },
  ): Promise<ReplaceSubscriptionResult>;

  /**
   * Marks stored scorecards stale. `since` is kept when a scorecard already is stale (it says
   * since when); the reason is always updated to the latest one. Returns how many were marked.
   */
  markStale(scope: StaleScope, mark: StaleMark): Promise<number>;

  /** The (lower-cased) ids of the subscriptions that have stored scorecards for a source. */
  listSubscriptions(sourceId: string): Promise<string[]>;

  /** The scorecard of a catalog entity (ref compared case-insensitively). */
  getByEntityRef(entityRef: string): Promise<Scorecard | undefined>;

  /** The scorecard of a template by its ARM id (compared case-insensitively). */
  getByTemplateId(templateId: string): Promise<Scorecard | undefined>;

  /** A page of the templates matching a filter, with the status of each of their rules. */
  listTemplates(options: TemplateListOptions): Promise<TemplatePage>;

  /**
   * Per rule, how many of the templates matching a filter have each status (rules in no
   * particular order), and how many templates match.
   */
  summarizeRules(filter: TemplateFilter): Promise<RuleSummaryResponse>;

  /**
   * The findings with one of `statuses` (`fail`, `warn`, `unknown` or `waived`) of the templates
   * matching a filter, each with its template, in no particular order. Their `evidence` is left
   * out (empty): it is in the template's scorecard.
   */
  listFindings(
    filter: TemplateFilter,
    statuses: FindingStatus[],
  ): Promise<TeamFinding[]>;

  /** Adds a scan run to the history. */
  recordScanRun(run: ScanRun): Promise<void>;

  /** The latest scan runs first. */
  listScanRuns(options?: {
    sourceId?: string;
    limit?: number;
  }): Promise<StoredScanRun[]>;
}
