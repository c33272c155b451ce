import {
  Scorecard,
  SnapshotSubscription,
  templateKey,
} from '@aib-scorecards/plugin-azure-image-builder-common';
import {
  Exemptions,
  ImageTemplateSource,
  LoadedSnapshot,
  OwnershipConfig,
  RuleEngine,
  SnapshotProblem,
  redactString,
  scoreSnapshot,
} from '@aib-scorecards/plugin-azure-image-builder-node';
import { LoggerService } from '@backstage/backend-plugin-api';
import { isError } from '@backstage/errors';
import { ScorecardStore } from '../../database';
import { ScanService, SourceScanResult } from './types';

/** @public */
export interface ScanServiceOptions {
  logger: LoggerService;
  store: ScorecardStore;
  sources: ImageTemplateSource[];
  engine: RuleEngine;
  ownership: OwnershipConfig;
  /** Exemptions to apply; each scan compares their expiry with its start time. */
  exemptions?: Exemptions;
}

/** What the new read says about one subscription. */
type SubscriptionRead = {
  /** Its templates could be listed: the read is the truth about which exist. */
  listed: boolean;
  /** Why they could not be listed. */
  reason?: string;
  scorecards: Scorecard[];
  /** Templates left out of the read as malformed: kept, marked stale with the problem. */
  leftOut: Map<string, string>;
};

const SUBSCRIPTION_IN_ID = /^\/subscriptions\/([^/]+)/i;

function errorMessage(error: unknown): string {
  return redactString(isError(error) ? error.message : String(error));
}

function unlistedReason(subscription: SnapshotSubscription): string {
  const error =
    subscription.errors?.find(e => e.collection === 'imageTemplates') ??
    subscription.errors?.find(e => e.collection === 'subscription');
  const prefix = `The image templates of subscription ${subscription.subscriptionId} could not be listed`;
  if (!error) {
    return `${prefix} (no error was recorded)`;
  }
  const detail = error.message ? `${error.code}: ${error.message}` : error.code;
  return redactString(`${prefix}: ${detail}`);
}

/** The subscription a left-out template belongs to, from the problem or its ARM id. */
function problemSubscription(problem: SnapshotProblem): string | undefined {
  const fromId = problem.id?.match(SUBSCRIPTION_IN_ID)?.[1];
  return (problem.subscriptionId ?? fromId)?.toLowerCase();
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

function groupBySubscription(
  loaded: LoadedSnapshot,
  scorecards: Scorecard[],
): Map<string, SubscriptionRead> {
  const reads = new Map<string, SubscriptionRead>();
  const entry = (subscriptionId: string) => {
    const key = subscriptionId.toLowerCase();
    let read = reads.get(key);
    if (!read) {
      read = { listed: false, scorecards: [], leftOut: new Map() };
      reads.set(key, read);
    }
    return read;
  };

  for (const subscription of loaded.snapshot.subscriptions) {
    const read = entry(subscription.subscriptionId);
    if (Array.isArray(subscription.imageTemplates)) {
      read.listed = true;
    } else {
      read.reason ??= unlistedReason(subscription);
    }
  }
  for (const scorecard of scorecards) {
    const read = entry(scorecard.subscriptionId);
    // A scored template proves its subscription was listed.
    read.listed = true;
    read.scorecards.push(scorecard);
  }
  for (const problem of loaded.problems) {
    const subscriptionId = problemSubscription(problem);
    if (
      problem.collection === 'imageTemplates' &&
      problem.id &&
      subscriptionId
    ) {
      entry(subscriptionId).leftOut.set(
        templateKey(problem.id),
        redactString(problem.message),
      );
    }
  }
  return reads;
}

/**
 * Creates the {@link ScanService}.
 *
 * Nothing stored is lost to a failed read: a source that cannot be read keeps all its
 * scorecards, marked stale; so does a subscription whose templates could not be listed, a
 * subscription missing from the read, and a template left out of the read as malformed. Only a
 * template that is gone from a subscription that was listed successfully is removed.
 * @public
 */
export function createScanService(options: ScanServiceOptions): ScanService {
  const { logger, store, sources, engine, ownership, exemptions } = options;

  async function scanSource(
    source: ImageTemplateSource,
    signal?: AbortSignal,
  ): Promise<SourceScanResult> {
    const started = Date.now();
    const startedAt = new Date(started);
    const sourceId = source.id;
    const log = logger.child({ sourceId });
    const result: SourceScanResult = {
      sourceId,
      status: 'ok',
      templateCount: 0,
      removedCount: 0,
      staleSubscriptions: [],
      problemCount: 0,
      durationMs: 0,
    };

    const fail = async (reason: string) => {
      result.status = 'failed';
      result.error = reason;
      try {
        const kept = await store.markStale(
          { sourceId },
          { since: startedAt, reason },
        );
        log.error(
          `${reason}; keeping its ${plural(
            kept,
            'stored scorecard',
          )}, marked stale`,
        );
      } catch (error) {
        log.error(
          `${reason}; its stored scorecards could not be marked stale: ${errorMessage(
            error,
          )}`,
        );
      }
    };

    let loaded: LoadedSnapshot | undefined;
    let scorecards: Scorecard[] = [];
    try {
      loaded = await source.read({ signal });
    } catch (error) {
      await fail(`Could not read source "${sourceId}": ${errorMessage(error)}`);
    }
    if (loaded) {
      try {
        scorecards = scoreSnapshot(loaded.snapshot, {
          engine,
          sourceId,
          ownership,
          exemptions,
          now: startedAt,
        });
      } catch (error) {
        loaded = undefined;
        await fail(
          `Could not score the templates of source "${sourceId}": ${errorMessage(
            error,
          )}`,
        );
      }
    }

    if (loaded) {
      result.problemCount = loaded.problems.length;
      for (const problem of loaded.problems) {
        log.warn(redactString(problem.message), {
          file: problem.file,
          subscriptionId: problem.subscriptionId,
          collection: problem.collection,
          index: problem.index,
          templateId: problem.id,
          field: problem.field,
        });
      }
      try {
        await storeRead(loaded, scorecards, startedAt, result, log);
      } catch (error) {
        result.status = 'failed';
        result.error = `Could not store the scorecards of source "${sourceId}": ${errorMessage(
          error,
        )}`;
        log.error(result.error);
      }
    }

    result.durationMs = Date.now() - started;
    try {
      await store.recordScanRun({
        sourceId,
        startedAt,
        finishedAt: new Date(),
        status: result.status,
        templateCount: result.templateCount,
        error: result.error,
      });
    } catch (error) {
      log.error(`Could not record the scan run: ${errorMessage(error)}`);
    }
    log.info(
      `Scanned source "${sourceId}" (${result.status}) in ${
        result.durationMs
      } ms: ${plural(result.templateCount, 'template')} scored, ${
        result.removedCount
      } removed, ${plural(
        result.staleSubscriptions.length,
        'subscription',
      )} kept stale, ${plural(result.problemCount, 'item')} left out`,
      {
        status: result.status,
        templateCount: result.templateCount,
        removedCount: result.removedCount,
        staleSubscriptionCount: result.staleSubscriptions.length,
        problemCount: result.problemCount,
        durationMs: result.durationMs,
      },
    );
    return result;
  }

  /** Writes a successful read to the store, subscription by subscription. */
  async function storeRead(
    loaded: LoadedSnapshot,
    scorecards: Scorecard[],
    since: Date,
    result: SourceScanResult,
    log: LoggerService,
  ) {
    const { sourceId } = result;
    const reads = groupBySubscription(loaded, scorecards);

    for (const [subscriptionId, read] of reads) {
      if (!read.listed) {
        const reason = read.reason!;
        const kept = await store.markStale(
          { sourceId, subscriptionId },
          { since, reason },
        );
        result.staleSubscriptions.push(subscriptionId);
        log.warn(
          `${reason}; keeping its ${plural(
            kept,
            'stored scorecard',
          )}, marked stale`,
          { subscriptionId },
        );
        continue;
      }
      const { written, removed } = await store.replaceSubscription(
        sourceId,
        subscriptionId,
        read.scorecards,
        { retain: [...read.leftOut.keys()] },
      );
      result.templateCount += written;
      result.removedCount += removed;
      for (const [templateId, problem] of read.leftOut) {
        await store.markStale(
          { sourceId, subscriptionId, templateIds: [templateId] },
          { since, reason: `Left out of the latest read: ${problem}` },
        );
      }
    }

    // A subscription that was stored but is not in this read at all may only be unreachable.
    for (const subscriptionId of await store.listSubscriptions(sourceId)) {
      if (reads.has(subscriptionId)) {
        continue;
      }
      const reason = `Subscription ${subscriptionId} is not in the latest read of source "${sourceId}"`;
      const kept = await store.markStale(
        { sourceId, subscriptionId },
        { since, reason },
      );
      result.staleSubscriptions.push(subscriptionId);
      log.warn(
        `${reason}; keeping its ${plural(
          kept,
          'stored scorecard',
        )}, marked stale`,
        { subscriptionId },
      );
    }

    const notes: string[] = [];
    if (result.staleSubscriptions.length > 0) {
      notes.push(
        `${plural(
          result.staleSubscriptions.length,
          'subscription',
        )} kept stale: ${result.staleSubscriptions.join(', ')}`,
      );
    }
    if (loaded.problems.length > 0) {
      notes.push(
        `${plural(loaded.problems.length, 'item')} of the read were left out`,
      );
    }
    if (notes.length > 0) {
      result.status = 'partial';
      result.error = notes.join('; ');
    }
  }

  return {
    async scanAll({ signal } = {}) {
      const started = Date.now();
      const results: SourceScanResult[] = [];
      for (const source of sources) {
        if (signal?.aborted) {
          logger.warn(
            `Scan aborted before source "${source.id}"; its stored scorecards are unchanged`,
          );
          break;
        }
        results.push(await scanSource(source, signal));
      }
      const count = (status: string) =>
        results.filter(r => r.status === status).length;
      logger.info(
        `Scan of ${plural(results.length, 'source')} finished in ${
          Date.now() - started
        } ms: ${count('ok')} ok, ${count('partial')} partial, ${count(
          'failed',
        )} failed, ${plural(
          results.reduce((n, r) => n + r.templateCount, 0),
          'template',
        )} scored`,
      );
      return results;
    },
  };
}
