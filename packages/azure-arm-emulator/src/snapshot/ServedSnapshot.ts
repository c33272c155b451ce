import type {
  ArmResource,
  Snapshot,
  SnapshotCollection,
  SnapshotSubscription,
} from '@aib-scorecards/plugin-azure-image-builder-common';
import {
  canonicalArmPath,
  extensionResourceScope,
  lastSegment,
  resourceGroupOf,
} from '../arm/scope';

/** A resource with its canonical scope (locks, role assignments). */
export interface ScopedResource {
  scope: string;
  resource: ArmResource;
}

function hasId(resource: ArmResource): boolean {
  return typeof resource.id === 'string' && resource.id.length > 0;
}

function groupBy<T>(items: T[], key: (item: T) => string | undefined) {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    if (k === undefined) continue;
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

function byId(items: ArmResource[] | null): Map<string, ArmResource> {
  const map = new Map<string, ArmResource>();
  for (const item of items ?? []) {
    if (hasId(item)) map.set(canonicalArmPath(item.id), item);
  }
  return map;
}

function byResourceGroup(items: ArmResource[] | null) {
  return groupBy((items ?? []).filter(hasId), item =>
    resourceGroupOf(item.id)?.toLowerCase(),
  );
}

/**
 * One subscription of the snapshot, indexed for the routes: every lookup a scan makes per template
 * (a template's triggers, a resource's locks) is a map lookup, so 2,000 templates cost no more
 * than their requests.
 */
export class ServedSubscription {
  readonly templatesById: Map<string, ArmResource>;
  readonly templatesByGroup: Map<string, ArmResource[]>;
  readonly triggersById: Map<string, ArmResource>;
  /** Triggers by the canonical id of their template. */
  readonly triggersByTemplate: Map<string, ArmResource[]>;
  readonly locks: ScopedResource[] | null;
  readonly roleAssignments: ScopedResource[] | null;
  /** Role definitions by lower-cased GUID. */
  readonly roleDefinitionsByGuid: Map<string, ArmResource>;
  readonly identitiesById: Map<string, ArmResource>;
  readonly identitiesByGroup: Map<string, ArmResource[]>;
  readonly groupsByName: Map<string, ArmResource>;

  constructor(readonly data: SnapshotSubscription) {
    this.templatesById = byId(data.imageTemplates);
    this.templatesByGroup = byResourceGroup(data.imageTemplates);
    this.triggersById = byId(data.triggers);
    this.triggersByTemplate = groupBy(
      (data.triggers ?? []).filter(hasId),
      trigger => {
        const id = canonicalArmPath(trigger.id);
        const at = id.lastIndexOf('/triggers/');
        return at > 0 ? id.slice(0, at) : undefined;
      },
    );
    const scoped = (items: ArmResource[] | null, scopeField?: string) =>
      items === null
        ? null
        : items.filter(hasId).map(resource => {
            const declared = scopeField
              ? resource.properties?.[scopeField]
              : undefined;
            return {
              scope:
                typeof declared === 'string'
                  ? canonicalArmPath(declared)
                  : extensionResourceScope(resource.id),
              resource,
            };
          });
    this.locks = scoped(data.locks);
    this.roleAssignments = scoped(data.roleAssignments, 'scope');
    this.roleDefinitionsByGuid = new Map(
      (data.roleDefinitions ?? [])
        .filter(hasId)
        .map(definition => [
          (typeof definition.name === 'string'
            ? definition.name
            : lastSegment(definition.id)
          ).toLowerCase(),
          definition,
        ]),
    );
    this.identitiesById = byId(data.userAssignedIdentities);
    this.identitiesByGroup = byResourceGroup(data.userAssignedIdentities);
    this.groupsByName = new Map(
      (data.resourceGroups ?? [])
        .filter(hasId)
        .map(group => [lastSegment(group.id).toLowerCase(), group]),
    );
  }

  get subscriptionId(): string {
    return this.data.subscriptionId;
  }

  /** The items of a collection, `null` when the snapshot does not know them. */
  collection(name: SnapshotCollection): ArmResource[] | null {
    return this.data[name];
  }

  /** The `errors` entry for a collection (or for the whole subscription). */
  errorFor(name: string) {
    const lower = name.toLowerCase();
    return this.data.errors.find(
      entry => entry.collection.toLowerCase() === lower,
    );
  }
}

/** The snapshot the emulator serves, indexed by subscription. */
export class ServedSnapshot {
  private readonly subscriptions: Map<string, ServedSubscription>;

  constructor(readonly snapshot: Snapshot) {
    this.subscriptions = new Map(
      snapshot.subscriptions.map(subscription => [
        subscription.subscriptionId.toLowerCase(),
        new ServedSubscription(subscription),
      ]),
    );
  }

  subscription(id: string): ServedSubscription | undefined {
    return this.subscriptions.get(id.toLowerCase());
  }

  all(): ServedSubscription[] {
    return [...this.subscriptions.values()];
  }

  /** The tenants the snapshot names, in order of first appearance. */
  tenants(): string[] {
    const tenants = new Set<string>();
    for (const subscription of this.snapshot.subscriptions) {
      if (subscription.tenantId) tenants.add(subscription.tenantId);
    }
    return [...tenants];
  }
}
