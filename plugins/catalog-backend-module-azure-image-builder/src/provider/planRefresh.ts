import { DeferredEntity } from '@backstage/plugin-catalog-node';

/** What one refresh read for one subscription. */
export interface SubscriptionEntities {
  /** Lower-cased subscription id: the key under which entities are remembered. */
  subscriptionId: string;
  /** The entities built from this read; `undefined` when its templates could not be listed. */
  entities?: DeferredEntity[];
  /** Why the templates could not be listed (already redacted). */
  error?: string;
}

/** What a refresh does with the catalog. */
export type RefreshPlan =
  | {
      type: 'apply';
      /** Every entity of the full mutation. */
      entities: DeferredEntity[];
      /** The same entities per subscription: what is remembered once applied. */
      bySubscription: Map<string, DeferredEntity[]>;
      /** Subscriptions that failed, and how many entities of the last run were kept for each. */
      keptFromLastRun: Array<{ subscriptionId: string; count: number }>;
    }
  | {
      type: 'skip';
      /** Why no mutation is applied, and what the operator can do. */
      reason: string;
    };

/**
 * Decides the full mutation of one refresh, or that none is applied, so that a refresh never
 * removes entities because data could not be read.
 *
 * - A subscription whose templates could not be listed keeps the entities applied for it last
 *   time. With nothing applied yet by this process (fresh start), there is nothing to keep and
 *   a full mutation would drop them from the catalog, so nothing is applied.
 * - No mutation with zero entities is ever applied: it would wipe the source.
 * - When the entity count falls below `(1 - maxDropRatio)` of the last applied count, nothing is
 *   applied (`maxDropRatio` 1 turns this check off).
 */
export function planRefresh(options: {
  results: SubscriptionEntities[];
  /** Entities applied by the last successful run of this process, per subscription. */
  previous?: ReadonlyMap<string, DeferredEntity[]>;
  maxDropRatio: number;
  /** For messages, e.g. `azure-image-builder-provider:production`. */
  providerName: string;
}): RefreshPlan {
  const { results, previous, maxDropRatio, providerName } = options;

  const failed = results.filter(r => !r.entities);
  if (failed.length > 0 && !previous) {
    return {
      type: 'skip',
      reason:
        `${providerName}: the image templates of ${describeFailures(
          failed,
        )} could not be listed, ` +
        'and this provider has not applied entities since the backend started, so it cannot keep ' +
        "those subscriptions' entities; no change is applied to the catalog this run and the " +
        'entities already in the catalog are kept. Fix access to those subscriptions; the next ' +
        'run that lists every subscription updates the catalog.',
    };
  }

  const bySubscription = new Map<string, DeferredEntity[]>();
  const keptFromLastRun: Array<{ subscriptionId: string; count: number }> = [];
  for (const result of results) {
    if (result.entities) {
      bySubscription.set(result.subscriptionId, result.entities);
    } else {
      const kept = previous?.get(result.subscriptionId) ?? [];
      bySubscription.set(result.subscriptionId, kept);
      keptFromLastRun.push({
        subscriptionId: result.subscriptionId,
        count: kept.length,
      });
    }
  }
  const entities = [...bySubscription.values()].flat();

  const previousCount = previous ? countEntities(previous) : undefined;
  if (entities.length === 0) {
    const lastRun = previousCount
      ? ` (the last run applied ${previousCount})`
      : '';
    return {
      type: 'skip',
      reason:
        `${providerName}: the source has no image templates that could be mapped to entities${lastRun}; ` +
        'an empty full mutation would remove every entity of this provider, so no change is ' +
        'applied. If the templates were really all deleted, remove the source from ' +
        'azureImageBuilder.sources (its entities then become orphans, which ' +
        'catalog.orphanProviderStrategy: delete removes) or unregister the entities.',
    };
  }

  if (
    previousCount !== undefined &&
    previousCount > 0 &&
    entities.length < previousCount * (1 - maxDropRatio)
  ) {
    return {
      type: 'skip',
      reason:
        `${providerName}: this run would reduce the entities from ${previousCount} to ` +
        `${entities.length}, more than azureImageBuilder.catalog.maxDropRatio ` +
        `(${maxDropRatio}) allows, so no change is applied and the catalog keeps the entities of ` +
        'the last run. Check the source (a wrong file, a missing subscription or a lost role ' +
        'assignment); if the drop is intended, raise azureImageBuilder.catalog.maxDropRatio ' +
        '(1 turns the check off) or restart the backend (the check compares with the last run ' +
        'of this process).',
    };
  }

  return { type: 'apply', entities, bySubscription, keptFromLastRun };
}

function countEntities(bySubscription: ReadonlyMap<string, DeferredEntity[]>) {
  let count = 0;
  for (const entities of bySubscription.values()) {
    count += entities.length;
  }
  return count;
}

function describeFailures(failed: SubscriptionEntities[]): string {
  const subscriptions = failed.map(
    f => `${f.subscriptionId}${f.error ? ` (${f.error})` : ''}`,
  );
  return `${
    failed.length === 1 ? 'subscription' : 'subscriptions'
  } ${subscriptions.join(', ')}`;
}
