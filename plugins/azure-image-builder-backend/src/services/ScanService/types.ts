import { ScanRunStatus } from '../../database';

/** What a scan did with one configured source. @public */
export interface SourceScanResult {
  sourceId: string;
  status: ScanRunStatus;
  /** Templates scored and stored. */
  templateCount: number;
  /** Stored templates removed because a successfully listed subscription no longer has them. */
  removedCount: number;
  /** Subscriptions whose stored scorecards were kept and marked stale. */
  staleSubscriptions: string[];
  /** Items of the read that were left out (see `LoadedSnapshot.problems`). */
  problemCount: number;
  /** Why the scan was not `ok`. */
  error?: string;
  durationMs: number;
}

/**
 * Reads every configured source, scores its templates and stores the scorecards, never losing a
 * stored scorecard to a failed read.
 * @public
 */
export interface ScanService {
  /**
   * Scans every source, one after the other; a failing source does not stop the others. Never
   * rejects: failures are logged, recorded in the scan history and returned.
   */
  scanAll(options?: { signal?: AbortSignal }): Promise<SourceScanResult[]>;
}
