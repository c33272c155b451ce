import {
  ArmResource,
  SnapshotCollectionError,
  SnapshotSubscription,
} from '@aib-scorecards/plugin-azure-image-builder-common';
import { LoggerService } from '@backstage/backend-plugin-api';
import { isAbort, statusOf, toCollectionError } from './collectionError';
import {
  listCollection,
  listTriggers,
  parseTemplateId,
  SubscriptionCollection,
} from './collectors';
import { SubscriptionClients } from './createArmClients';
import { Limiter } from './limiter';

/** What `GET /subscriptions` says about a subscription (owner tag fallback, display). */
export interface SubscriptionInfo {
  subscriptionId: string;
  displayName?: string;
  tenantId?: string;
  tags?: Record<string, string>;
}

/** What collecting a subscription needs; one per read. */
export interface CollectContext {
  clients: SubscriptionClients;
  /** Shared by every call of the read: subscriptions and trigger calls alike. */
  limiter: Limiter;
  signal?: AbortSignal;
  logger: LoggerService;
  collectResourceGroups: boolean;
  /** Called when an SDK call (one list, all its pages) ends, whatever its outcome. */
  onCall?: () => void;
}

/** The order of `errors` entries, whatever order the calls ended in. */
const ERROR_ORDER = [
  'imageTemplates',
  'triggers',
  'locks',
  'roleAssignments',
  'roleDefinitions',
  'userAssignedIdentities',
  'resourceGroups',
];

/**
 * Reads one subscription: one paged list per collection, then one trigger list per template,
 * all through the read's limiter. A collection that cannot be read is `null` with an `errors`
 * entry (rules then answer `unknown`); only the caller's abort rejects.
 */
export async function collectSubscription(
  info: SubscriptionInfo,
  context: CollectContext,
): Promise<SnapshotSubscription> {
  const { clients, limiter, signal, logger } = context;
  const { subscriptionId } = info;
  const errors: SnapshotCollectionError[] = [];

  const record = (entry: SnapshotCollectionError) => {
    errors.push(entry);
    logger.warn(
      `Subscription ${subscriptionId}: could not read ${entry.collection} (${entry.code}: ${entry.message}); rules that need it answer unknown`,
      { subscriptionId, collection: entry.collection, code: entry.code },
    );
  };

  const call = <T>(task: () => Promise<T>) =>
    limiter(async () => {
      if (signal?.aborted) throw signal.reason;
      try {
        return await task();
      } finally {
        context.onCall?.();
      }
    });

  const attempt = async (
    collection: SubscriptionCollection,
  ): Promise<ArmResource[] | null> => {
    try {
      return await call(() =>
        listCollection(collection, clients, subscriptionId, signal),
      );
    } catch (error) {
      if (isAbort(error, signal)) throw error;
      record(toCollectionError(collection, error));
      return null;
    }
  };

  /**
   * One call per template. The snapshot has one `triggers` list per subscription, so one
   * template whose triggers cannot be read makes the whole list unknown; the calls not yet
   * started are then skipped. A template gone since the list (404) has no triggers.
   */
  const collectTriggers = async (
    templates: ArmResource[],
  ): Promise<ArmResource[] | null> => {
    let failure: SnapshotCollectionError | undefined;
    const lists = await Promise.all(
      templates.map(async template => {
        const ref = parseTemplateId(template?.id);
        if (!ref) return []; // the snapshot reader reports the template itself
        return limiter(async () => {
          if (failure) return [];
          if (signal?.aborted) throw signal.reason;
          try {
            return await listTriggers(clients, ref, signal);
          } catch (error) {
            if (isAbort(error, signal)) throw error;
            if (statusOf(error) === 404) return [];
            failure ??= toCollectionError(
              'triggers',
              error,
              `image template ${template.id}`,
            );
            return [];
          } finally {
            context.onCall?.();
          }
        });
      }),
    );
    if (failure) {
      record(failure);
      return null;
    }
    return lists.flat();
  };

  const templatesAndTriggers = attempt('imageTemplates').then(
    async templates => {
      if (templates === null) {
        const cause = errors.find(e => e.collection === 'imageTemplates');
        errors.push({
          collection: 'triggers',
          code: cause?.code ?? 'NotCollected',
          message: 'not read: the image templates could not be listed',
        });
        return { templates, triggers: null };
      }
      return { templates, triggers: await collectTriggers(templates) };
    },
  );
  const [
    { templates, triggers },
    locks,
    roleAssignments,
    roleDefinitions,
    userAssignedIdentities,
    resourceGroups,
  ] = await Promise.all([
    templatesAndTriggers,
    attempt('locks'),
    attempt('roleAssignments'),
    attempt('roleDefinitions'),
    attempt('userAssignedIdentities'),
    // Not collected unless configured: `null` without an error (SNAPSHOT.md: not collected).
    context.collectResourceGroups
      ? attempt('resourceGroups')
      : Promise.resolve(null),
  ]);

  errors.sort(
    (a, b) =>
      ERROR_ORDER.indexOf(a.collection) - ERROR_ORDER.indexOf(b.collection),
  );
  return {
    subscriptionId,
    ...(info.displayName !== undefined
      ? { displayName: info.displayName }
      : {}),
    ...(info.tenantId !== undefined ? { tenantId: info.tenantId } : {}),
    ...(info.tags !== undefined ? { tags: info.tags } : {}),
    resourceGroups,
    imageTemplates: templates,
    triggers,
    locks,
    roleAssignments,
    roleDefinitions,
    userAssignedIdentities,
    errors,
  };
}
