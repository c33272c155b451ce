import {
  ArmResource,
  Snapshot,
  SnapshotCollectionError,
  SnapshotSubscription,
} from '@aib-scorecards/plugin-azure-image-builder-common';
import {
  armIdScopeLength,
  lockScopeId,
  normalizeArmId,
  parseArmId,
  resourceGroupScopeId,
  subscriptionScopeId,
  triggerParentId,
} from './armId';
import { RbacIndex } from './rbac/RbacIndex';
import { findSecretsInValue, SecretLocation } from '../redaction';
import { redactSnapshot } from '../redaction/redactSnapshot';

/** A template of the snapshot with the subscription it was listed in. @public */
export interface IndexedTemplate {
  template: ArmResource;
  subscription: SnapshotSubscription;
}

/** A management lock with the scope it applies to. @public */
export interface IndexedLock {
  lock: ArmResource;
  /** The scope, as written in the lock's id (the prefix before `/providers/Microsoft.Authorization/locks/`). */
  scope: string;
  /** `properties.level` as written (`CanNotDelete`, `ReadOnly`), `undefined` when absent. */
  level: string | undefined;
}

/** The three scopes a lock can protect a resource from. @public */
export type LockScopeKind = 'resource' | 'resourceGroup' | 'subscription';

/** A lock that protects a resource, and the scope it does so from. @public */
export interface CoveringLock extends IndexedLock {
  scopeKind: LockScopeKind;
}

/** A part of the scan that failed or was not collected. @public */
export interface ScanFailure {
  subscriptionId: string;
  collection: string;
  code: string;
  message?: string;
}

/** Code used when a collection is null and the snapshot records no error for it. @public */
export const NOT_COLLECTED = 'NotCollected';

const EMPTY: readonly never[] = Object.freeze([]);

/**
 * Lookups over one snapshot, built once (`SnapshotIndex.build`) in time linear in its size so that
 * rules never scan whole collections per template. Ids are compared case-insensitively.
 *
 * The index holds the snapshot redacted (`redactSnapshot`): the templates, role data, locks and
 * everything else it hands out have no secret left, so nothing a rule makes of them can leak one.
 * Where each template's secrets were is kept for the `no-embedded-secrets` rule
 * ({@link SnapshotIndex.secretsIn}).
 * @public
 */
export class SnapshotIndex {
  /** Every template of the snapshot in snapshot order, with its subscription. */
  readonly templates: readonly IndexedTemplate[];
  /** Every part of the scan that failed: an `errors` entry, or template list that is null. */
  readonly scanFailures: readonly ScanFailure[];
  /**
   * The templates listed after another of the same id (ids compare case-insensitively), which
   * {@link SnapshotIndex.getTemplate} never answers: usually none.
   */
  readonly repeatedTemplates: ReadonlySet<IndexedTemplate>;

  private readonly templatesById: Map<string, IndexedTemplate>;
  /**
   * The comparison key of each template id and subscription id as written in the snapshot: rules
   * look templates up by the id they were given, so most lookups need no lower-casing.
   */
  private readonly keysByExactId: Map<string, string>;
  private readonly subscriptionsById: Map<string, SnapshotSubscription>;
  private readonly triggersByTemplate: Map<string, ArmResource[]>;
  private readonly locksByScope: Map<string, IndexedLock[]>;
  private readonly errorsBySubscription: Map<
    SnapshotSubscription,
    Map<string, SnapshotCollectionError>
  >;

  /** Redacts and indexes a snapshot. The snapshot must not change afterwards. */
  static build(snapshot: Snapshot): SnapshotIndex {
    const redacted = redactSnapshot(snapshot);
    return new SnapshotIndex(redacted.snapshot, redacted.secrets);
  }

  private constructor(
    /** The snapshot, redacted. */
    readonly snapshot: Snapshot,
    private readonly secrets: ReadonlyMap<
      ArmResource,
      readonly SecretLocation[]
    >,
  ) {
    const templates: IndexedTemplate[] = [];
    const scanFailures: ScanFailure[] = [];
    const repeatedTemplates = new Set<IndexedTemplate>();
    this.templatesById = new Map();
    this.keysByExactId = new Map();
    this.subscriptionsById = new Map();
    this.triggersByTemplate = new Map();
    this.locksByScope = new Map();
    this.errorsBySubscription = new Map();

    for (const subscription of snapshot.subscriptions ?? []) {
      const subId = String(subscription.subscriptionId ?? '');
      const subKey = normalizeArmId(subId);
      if (!this.subscriptionsById.has(subKey)) {
        this.subscriptionsById.set(subKey, subscription);
      }
      this.keysByExactId.set(subId, subKey);

      const errors = new Map<string, SnapshotCollectionError>();
      for (const error of subscription.errors ?? []) {
        if (!error || typeof error.collection !== 'string') continue;
        // The first entry for a collection wins; later ones are usually retries of the same call.
        if (!errors.has(error.collection)) errors.set(error.collection, error);
        scanFailures.push({
          subscriptionId: subscription.subscriptionId,
          collection: error.collection,
          code: error.code,
          ...(error.message !== undefined ? { message: error.message } : {}),
        });
      }
      this.errorsBySubscription.set(subscription, errors);
      if (
        !Array.isArray(subscription.imageTemplates) &&
        !errors.has('imageTemplates') &&
        !errors.has('subscription')
      ) {
        scanFailures.push({
          subscriptionId: subscription.subscriptionId,
          collection: 'imageTemplates',
          code: NOT_COLLECTED,
        });
      }

      for (const template of subscription.imageTemplates ?? []) {
        if (typeof template?.id !== 'string') continue;
        const entry = { template, subscription };
        templates.push(entry);
        const key = normalizeArmId(template.id);
        if (!this.templatesById.has(key)) this.templatesById.set(key, entry);
        else repeatedTemplates.add(entry);
        this.keysByExactId.set(template.id, key);
      }

      for (const trigger of subscription.triggers ?? []) {
        const parent =
          typeof trigger?.id === 'string'
            ? triggerParentId(trigger.id)
            : undefined;
        // Usually the id of a template just indexed, whose key is known.
        if (parent) push(this.triggersByTemplate, this.keyOf(parent), trigger);
      }

      for (const lock of subscription.locks ?? []) {
        const scope =
          typeof lock?.id === 'string' ? lockScopeId(lock.id) : undefined;
        if (!scope) continue;
        const level = lock.properties?.level;
        push(this.locksByScope, this.keyOf(scope), {
          lock,
          scope,
          level: typeof level === 'string' ? level : undefined,
        });
      }
    }
    this.templates = templates;
    this.scanFailures = scanFailures;
    this.repeatedTemplates = repeatedTemplates;
  }

  /**
   * The secrets of a template, with their paths: those found when the index was built, for a
   * template of the snapshot (redacted or as given); else the template is searched now.
   */
  secretsIn(template: ArmResource): readonly SecretLocation[] {
    return this.secrets.get(template) ?? findSecretsInValue(template);
  }

  /** Whether any part of the scan failed or was not collected (see {@link SnapshotIndex.scanFailures}). */
  get hasScanFailures(): boolean {
    return this.scanFailures.length > 0;
  }

  /** A template by its ARM id (any casing). */
  getTemplate(templateId: string): IndexedTemplate | undefined {
    return this.templatesById.get(this.keyOf(templateId));
  }

  /** A subscription of the snapshot by its id (any casing). */
  getSubscription(subscriptionId: string): SnapshotSubscription | undefined {
    return this.subscriptionsById.get(this.keyOf(subscriptionId));
  }

  /**
   * The triggers of a template, or `null` when they are unknown: the subscription the template is
   * listed in (or, for a template not in the snapshot, the one its id names) did not collect
   * triggers, or is not in the snapshot.
   */
  getTriggers(templateId: string): readonly ArmResource[] | null {
    const key = this.keyOf(templateId);
    const subscription =
      this.templatesById.get(key)?.subscription ??
      this.subscriptionOfId(templateId);
    if (!subscription || !Array.isArray(subscription.triggers)) return null;
    return this.triggersByTemplate.get(key) ?? EMPTY;
  }

  /**
   * The locks whose scope is exactly `scopeId` (a resource, a resource group or a subscription id),
   * or `null` when they are unknown: the subscription `scopeId` names is not in the snapshot or
   * its locks were not collected.
   */
  getLocksAt(scopeId: string): readonly IndexedLock[] | null {
    const subscription = this.subscriptionOfId(scopeId);
    if (!subscription || !Array.isArray(subscription.locks)) return null;
    return this.locksByScope.get(this.keyOf(scopeId)) ?? EMPTY;
  }

  /**
   * The locks that protect a resource: those on the resource itself, on its resource group and on
   * its subscription, narrowest first. `null` when the locks of the resource's subscription are
   * unknown. A template is looked up in the subscription it is listed in.
   */
  getLocksCovering(resourceId: string): CoveringLock[] | null {
    const key = this.keyOf(resourceId);
    const listed = this.templatesById.get(key)?.subscription;
    const subscription = listed ?? this.subscriptionOfId(resourceId);
    if (!subscription || !Array.isArray(subscription.locks)) return null;
    const scopeLength = armIdScopeLength(resourceId);
    const { groupKey, subscriptionKey: subKey } =
      scopeLength > 0
        ? this.scopeKeysOf(resourceId.slice(0, scopeLength))
        : this.scopeKeys(subscription.subscriptionId, undefined);
    const result: CoveringLock[] = [];
    this.addCovering(result, this.locksByScope.get(key), 'resource');
    // The resource may itself be a resource group or a subscription: no lock is listed twice.
    if (groupKey !== undefined && groupKey !== key) {
      this.addCovering(
        result,
        this.locksByScope.get(groupKey),
        'resourceGroup',
      );
    }
    if (subKey !== undefined) {
      if (subKey !== key && subKey !== groupKey) {
        this.addCovering(result, this.locksByScope.get(subKey), 'subscription');
      }
    }
    return result;
  }

  /**
   * Why a collection of a subscription is missing: its `errors` entry, else the entry for the
   * whole subscription (`collection: 'subscription'`), else `undefined`.
   */
  getCollectionError(
    subscription: SnapshotSubscription | string,
    collection: string,
  ): SnapshotCollectionError | undefined {
    const sub =
      typeof subscription === 'string'
        ? this.getSubscription(subscription)
        : subscription;
    if (!sub) return undefined;
    let errors = this.errorsBySubscription.get(sub);
    if (!errors) {
      // A subscription object that was not indexed (a caller's own): read its errors directly.
      errors = new Map((sub.errors ?? []).map(e => [e.collection, e]));
    }
    return errors.get(collection) ?? errors.get('subscription');
  }

  /**
   * Role assignments, role definitions and user-assigned identities, indexed on first use: only
   * the least-privilege rules need them.
   */
  get rbac(): RbacIndex {
    if (!this.rbacIndex) this.rbacIndex = RbacIndex.build(this.snapshot);
    return this.rbacIndex;
  }

  private rbacIndex: RbacIndex | undefined;

  private subscriptionOfId(id: string): SnapshotSubscription | undefined {
    const { subscriptionId } = parseArmId(id);
    return subscriptionId ? this.getSubscription(subscriptionId) : undefined;
  }

  /** The comparison key of an id: known for the snapshot's own template and subscription ids. */
  private keyOf(id: string): string {
    return this.keysByExactId.get(id) ?? normalizeArmId(id);
  }

  /**
   * The keys of the resource group and subscription scopes of an id that starts with `scope`
   * (see `armIdScopeLength`): the same few starts cover every template.
   */
  private scopeKeysOf(scope: string): ScopeKeys {
    let keys = this.scopeKeysByStart.get(scope);
    if (!keys) {
      const { subscriptionId, resourceGroup } = parseArmId(scope);
      keys = this.scopeKeys(subscriptionId, resourceGroup);
      this.scopeKeysByStart.set(scope, keys);
    }
    return keys;
  }

  /** The keys of `/subscriptions/<id>/resourceGroups/<name>` and `/subscriptions/<id>`. */
  private scopeKeys(
    subscriptionId: string | undefined,
    resourceGroup: string | undefined,
  ): ScopeKeys {
    return {
      groupKey:
        subscriptionId && resourceGroup
          ? normalizeArmId(resourceGroupScopeId(subscriptionId, resourceGroup))
          : undefined,
      subscriptionKey: subscriptionId
        ? normalizeArmId(subscriptionScopeId(subscriptionId))
        : undefined,
    };
  }

  private readonly scopeKeysByStart = new Map<string, ScopeKeys>();

  /** Appends `locks` as covering from `scopeKind`: one frozen object per lock and kind. */
  private addCovering(
    into: CoveringLock[],
    locks: readonly IndexedLock[] | undefined,
    scopeKind: LockScopeKind,
  ): void {
    if (!locks) return;
    for (const lock of locks) {
      let kinds = this.coveringLocks.get(lock);
      if (!kinds) {
        kinds = {};
        this.coveringLocks.set(lock, kinds);
      }
      let covering = kinds[scopeKind];
      if (!covering) {
        covering = Object.freeze({ ...lock, scopeKind });
        kinds[scopeKind] = covering;
      }
      into.push(covering);
    }
  }

  private readonly coveringLocks = new Map<
    IndexedLock,
    Partial<Record<LockScopeKind, CoveringLock>>
  >();
}

/** The comparison keys of the scopes above a resource (`undefined`: it has none). */
interface ScopeKeys {
  groupKey: string | undefined;
  subscriptionKey: string | undefined;
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
