import { Scorecard } from '@aib-scorecards/plugin-azure-image-builder-common';

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

  /** Adds a scan run to the history. */
  recordScanRun(run: ScanRun): Promise<void>;

  /** The latest scan runs first. */
  listScanRuns(options?: {
    sourceId?: string;
    limit?: number;
  }): Promise<StoredScanRun[]>;
}
