import {
  ArmResource,
  Snapshot,
  SnapshotSubscription,
} from '@aib-scorecards/plugin-azure-image-builder-common';
import { normalizeArmId } from '../armId';
import { RoleClasses, roleClassesOf } from './roleClasses';
import {
  assignmentScope,
  enclosingScopeKeys,
  isKeyAtOrBelow,
  lastIdSegment,
  parseScope,
  ScopeInfo,
  scopeKey,
  ScopeKind,
} from './roleScope';

/** A role definition with what the role rules need of it. @public */
export interface ResolvedRole {
  definition: ArmResource;
  /** `properties.roleName`, else the definition's `name`, else its id. */
  name: string;
  /** The definition's id, as written. */
  id: string;
  /** Its classes; `undefined` when its `permissions` cannot be read. */
  classes: RoleClasses | undefined;
}

/** A role assignment with its scope and role resolved. @public */
export interface IndexedRoleAssignment {
  assignment: ArmResource;
  /** `properties.principalId`, as written (trimmed). */
  principalId: string;
  /** {@link IndexedRoleAssignment.principalId} lower-cased: principal ids compare by it. */
  principalKey: string;
  /** `properties.principalType` (`User`, `Group`, `ServicePrincipal`, …), when given. */
  principalType: string | undefined;
  /** The scope, as written. */
  scope: string;
  scopeKind: ScopeKind;
  /** The scope compared case-insensitively (see `scopeKey`). */
  scopeKey: string;
  /** The last segment of the scope, as written (a resource, group or subscription name). */
  scopeName: string;
  /** The key of the resource group the scope is or lies in, if any. */
  resourceGroupKey?: string;
  /** `properties.roleDefinitionId`, as written (`''` when absent). */
  roleDefinitionId: string;
  /** The role, `undefined` when the definition is not in the snapshot's `roleDefinitions`. */
  role: ResolvedRole | undefined;
  /** The subscription whose `roleAssignments` list holds the assignment. */
  subscription: SnapshotSubscription;
  /** Its position in that list. */
  position: number;
  /**
   * What rules make of the assignment and share between the templates it concerns (its words,
   * its evidence), kept on it: found without a lookup, and gone with the scan. The index leaves
   * it empty; its content is the rules' (see `derivedOf` in the rules).
   */
  derived: object | undefined;
}

/** The assignments of one subscription whose `roleAssignments` were read. */
interface SubscriptionAssignments {
  /** By scope key, for resources, resource groups and the subscription. */
  byScope: Map<string, IndexedRoleAssignment[]>;
  /** At the root or a management group: listed for the subscription, so they cover all of it. */
  inherited: IndexedRoleAssignment[];
  /**
   * Those below a resource group (at resources in it), by the group's key. Those at a group are
   * in `byScope`: most groups (staging groups) hold no resource with assignments.
   */
  belowGroups: Map<string, IndexedRoleAssignment[]>;
  /** What covers the resources below a scope, by its key (see `assignmentsCoveringParts`). */
  coveringAbove: Map<string, readonly IndexedRoleAssignment[]>;
  /** The last of those asked for, and its key. */
  lastParent?: string;
  lastAbove?: readonly IndexedRoleAssignment[];
}

/** See {@link RbacIndex.assignmentsCoveringParts}. @public */
export interface CoveringParts {
  at: readonly IndexedRoleAssignment[];
  above: readonly IndexedRoleAssignment[];
}

/** Role definitions of one subscription, by lower-cased id and by GUID (their name). */
interface DefinitionLookup {
  byId: Map<string, ArmResource>;
  byGuid: Map<string, ArmResource>;
  /** Roles resolved so far (`null`: none), by `roleDefinitionId` as written: thousands of assignments share a few. */
  resolved: Map<string, ResolvedRole | null>;
}

const EMPTY: readonly never[] = Object.freeze([]);
const SUBSCRIPTIONS = '/subscriptions/';

/**
 * Assignments kept once per id (ids compared as `normalizeArmId` does), in the order their ids
 * were first seen; a later copy replaces one whose role is unknown when its own is known. Ids are
 * grouped by their last segment (the assignment's GUID), which equal ids share, and only ids of
 * one group are compared whole: short keys, and no whole id made for most.
 */
class KeptAssignments {
  readonly entries: IndexedRoleAssignment[] = [];
  /** The normalized id of each entry, made when compared. */
  private readonly ids: (string | undefined)[] = [];
  /** Positions in `entries` by last segment. */
  private readonly byTail = new Map<string, number | number[]>();

  keep(entry: IndexedRoleAssignment): void {
    const id = entry.assignment.id;
    const tail = idTail(id);
    const seen = this.byTail.get(tail);
    if (seen === undefined) {
      this.byTail.set(tail, this.entries.length);
      this.entries.push(entry);
      return;
    }
    const key = normalizeArmId(id);
    if (typeof seen === 'number') {
      if (this.replaces(seen, entry, key)) return;
      this.byTail.set(tail, [seen, this.entries.length]);
    } else {
      for (const k of seen) if (this.replaces(k, entry, key)) return;
      seen.push(this.entries.length);
    }
    this.ids[this.entries.length] = key;
    this.entries.push(entry);
  }

  /** Whether entry `k` has id `key` (then `entry` is kept in its place if its role is better). */
  private replaces(
    k: number,
    entry: IndexedRoleAssignment,
    key: string,
  ): boolean {
    const id = (this.ids[k] ??= normalizeArmId(this.entries[k].assignment.id));
    if (id !== key) return false;
    if (!this.entries[k].role && entry.role) this.entries[k] = entry;
    return true;
  }
}

/**
 * The last segment of an id as `normalizeArmId` would leave it, lower-cased (equal ids have equal
 * ones: lower-casing maps no character to or from `/`, and `/` ends a word for it).
 */
function idTail(id: string): string {
  let end = id.length;
  while (end > 0 && (id[end - 1] === '/' || id[end - 1] <= ' ')) end--;
  let start = 0;
  while (start < end && id[start] <= ' ') start++;
  const slash = id.lastIndexOf('/', end - 1);
  return id.slice(Math.max(start, slash + 1), end).toLowerCase();
}

/**
 * Role assignments, role definitions and user-assigned identities of a snapshot, indexed once (in
 * time linear in their number) for the least-privilege rules. Obtain it from
 * `SnapshotIndex.rbac`, which builds it on first use. Ids, scopes and principal ids compare
 * case-insensitively.
 * @public
 */
export class RbacIndex {
  private readonly assignmentsBySubscription = new Map<
    SnapshotSubscription,
    SubscriptionAssignments | null
  >();
  private readonly definitionsBySubscription = new Map<
    SnapshotSubscription,
    DefinitionLookup
  >();
  /** Every definition of the snapshot by GUID: a GUID names one role tenant-wide. */
  private readonly definitionsByGuid = new Map<string, ArmResource>();
  private readonly roles = new Map<ArmResource, ResolvedRole>();
  private readonly byPrincipal = new Map<string, IndexedRoleAssignment[]>();
  private readonly identities = new Map<string, ArmResource>();
  /**
   * Scopes read so far, by scope as written: thousands of assignments share a scope (a storage
   * account, a gallery's group), and then share its key strings, which maps hash once.
   */
  private readonly scopes = new Map<string, ScopeInfo>();
  /** The key and principal of an identity, by its id as asked (templates share identities). */
  private readonly identitiesAsAsked = new Map<
    string,
    { key: string; principalId: string | undefined }
  >();

  static build(snapshot: Snapshot): RbacIndex {
    return new RbacIndex(snapshot);
  }

  private constructor(snapshot: Snapshot) {
    const subscriptions = snapshot.subscriptions ?? [];
    for (const subscription of subscriptions) {
      const lookup = definitionLookup(subscription);
      this.definitionsBySubscription.set(subscription, lookup);
      for (const [guid, definition] of lookup.byGuid) {
        if (!this.definitionsByGuid.has(guid)) {
          this.definitionsByGuid.set(guid, definition);
        }
      }
    }
    // The first identity of an id wins: set from the last, one map operation each.
    for (let s = subscriptions.length - 1; s >= 0; s--) {
      const identities = subscriptions[s].userAssignedIdentities ?? [];
      for (let i = identities.length - 1; i >= 0; i--) {
        const identity = identities[i];
        if (typeof identity?.id !== 'string') continue;
        this.identities.set(normalizeArmId(identity.id), identity);
      }
    }

    // A management-group assignment is listed in each subscription below the group: keep one,
    // preferring a copy whose role could be resolved.
    const kept = new KeptAssignments();
    for (const subscription of subscriptions) {
      const indexed = this.subscriptionAssignments(subscription);
      if (!indexed) continue;
      for (const entry of indexed.inherited) kept.keep(entry);
      for (const list of indexed.byScope.values()) {
        for (const entry of list) kept.keep(entry);
      }
    }
    for (const entry of kept.entries) {
      if (!entry.principalId) continue;
      push(this.byPrincipal, entry.principalKey, entry);
    }
  }

  /**
   * The assignments that cover a resource, narrowest scope first: at the resource, at each scope
   * its id lies below (resource group, subscription), and at the management groups and root listed
   * in the subscription's `roleAssignments`. `null` when that list is unknown.
   */
  assignmentsCovering(
    subscription: SnapshotSubscription,
    resourceId: string,
  ): IndexedRoleAssignment[] | null {
    const parts = this.assignmentsCoveringParts(subscription, resourceId);
    return parts ? [...parts.at, ...parts.above] : null;
  }

  /**
   * {@link RbacIndex.assignmentsCovering} in two lists, which stay the same objects for the scan:
   * `at` the resource itself, and `above` it (every enclosing scope, then the management groups
   * and root). Resources with one parent share `above`, made once: rules can key what they
   * derive from the assignments on the two lists. Neither may be changed.
   */
  assignmentsCoveringParts(
    subscription: SnapshotSubscription,
    resourceId: string,
  ): CoveringParts | null {
    const indexed = this.subscriptionAssignments(subscription);
    return indexed && coveringParts(indexed, scopeKey(resourceId));
  }

  /** {@link RbacIndex.assignmentsCoveringParts} of a scope read with `parseScope`. */
  assignmentsCoveringScope(
    subscription: SnapshotSubscription,
    scope: ScopeInfo,
  ): CoveringParts | null {
    const indexed = this.subscriptionAssignments(subscription);
    return indexed && coveringParts(indexed, scope.key);
  }

  /**
   * The assignments at a resource group or at a resource in it (not those inherited from above).
   * `null` when the subscription's `roleAssignments` are unknown.
   */
  assignmentsWithinResourceGroup(
    subscription: SnapshotSubscription,
    resourceGroupId: string,
  ): readonly IndexedRoleAssignment[] | null {
    return this.assignmentsWithinScope(
      subscription,
      parseScope(resourceGroupId),
    );
  }

  /** {@link RbacIndex.assignmentsWithinResourceGroup} of a scope read with `parseScope`. */
  assignmentsWithinScope(
    subscription: SnapshotSubscription,
    scope: ScopeInfo,
  ): readonly IndexedRoleAssignment[] | null {
    const indexed = this.subscriptionAssignments(subscription);
    if (!indexed) return null;
    const groupKey = scope.resourceGroupKey;
    if (!groupKey) return EMPTY;
    const within = inListOrder(
      indexed.byScope.get(groupKey) ?? EMPTY,
      indexed.belowGroups.get(groupKey) ?? EMPTY,
    );
    // A resource group holds every assignment listed under its key; a resource, those below it.
    return scope.kind === 'resourceGroup'
      ? within
      : within.filter(entry => isKeyAtOrBelow(entry.scopeKey, scope.key));
  }

  /**
   * Every assignment of a principal in the subscriptions of the snapshot whose `roleAssignments`
   * were read, each once. Group memberships are not expanded: only direct assignments.
   */
  assignmentsOfPrincipal(
    principalId: string,
  ): readonly IndexedRoleAssignment[] {
    if (typeof principalId !== 'string') return EMPTY;
    return this.byPrincipal.get(principalId.trim().toLowerCase()) ?? EMPTY;
  }

  /** A user-assigned identity of the snapshot by its id (any casing). */
  getUserAssignedIdentity(identityId: string): ArmResource | undefined {
    return typeof identityId === 'string'
      ? this.identities.get(normalizeArmId(identityId))
      : undefined;
  }

  /** The `properties.principalId` of a user-assigned identity of the snapshot, when known. */
  identityPrincipalId(identityId: string): string | undefined {
    return typeof identityId === 'string'
      ? this.identityAsAsked(identityId).principalId
      : undefined;
  }

  /** An identity id as ids are compared (`normalizeArmId`), made once per id asked. */
  identityKey(identityId: string): string {
    return this.identityAsAsked(identityId).key;
  }

  /**
   * {@link RbacIndex.identityPrincipalId} of an identity key (see {@link RbacIndex.identityKey}),
   * for ids asked once, which are not worth keeping.
   */
  identityPrincipalIdOfKey(key: string): string | undefined {
    return principalOfIdentity(this.identities.get(key));
  }

  private identityAsAsked(identityId: string): {
    key: string;
    principalId: string | undefined;
  } {
    let known = this.identitiesAsAsked.get(identityId);
    if (!known) {
      const key = normalizeArmId(identityId);
      known = {
        key,
        principalId: principalOfIdentity(this.identities.get(key)),
      };
      this.identitiesAsAsked.set(identityId, known);
    }
    return known;
  }

  /**
   * The role definition an assignment of `subscription` references: by id among the
   * subscription's `roleDefinitions`, else by its GUID (the last segment: built-in roles are
   * referenced as `/subscriptions/<s>/providers/…/roleDefinitions/<guid>` or without the
   * subscription), else by GUID among every subscription's definitions.
   */
  resolveRole(
    subscription: SnapshotSubscription,
    roleDefinitionId: string,
  ): ResolvedRole | undefined {
    if (typeof roleDefinitionId !== 'string' || !roleDefinitionId.trim()) {
      return undefined;
    }
    const lookup =
      this.definitionsBySubscription.get(subscription) ??
      definitionLookup(subscription);
    const resolved = lookup.resolved.get(roleDefinitionId);
    if (resolved !== undefined) return resolved ?? undefined;
    const guid = lastSegment(roleDefinitionId);
    const definition =
      lookup.byId.get(normalizeArmId(roleDefinitionId)) ??
      lookup.byGuid.get(guid) ??
      this.definitionsByGuid.get(guid);
    const role = definition ? this.roleOf(definition) : undefined;
    lookup.resolved.set(roleDefinitionId, role ?? null);
    return role;
  }

  private roleOf(definition: ArmResource): ResolvedRole {
    let role = this.roles.get(definition);
    if (!role) {
      const roleName = definition.properties?.roleName;
      role = {
        definition,
        id: definition.id,
        name:
          typeof roleName === 'string' && roleName.trim()
            ? roleName
            : definition.name ?? definition.id,
        classes: roleClassesOf(definition),
      };
      this.roles.set(definition, role);
    }
    return role;
  }

  /** The indexed assignments of a subscription (indexed on first use), `null` when unknown. */
  private subscriptionAssignments(
    subscription: SnapshotSubscription,
  ): SubscriptionAssignments | null {
    const cached = this.assignmentsBySubscription.get(subscription);
    if (cached !== undefined) return cached;
    let indexed: SubscriptionAssignments | null = null;
    if (Array.isArray(subscription.roleAssignments)) {
      indexed = {
        byScope: new Map(),
        inherited: [],
        belowGroups: new Map(),
        coveringAbove: new Map(),
      };
      const assignments = subscription.roleAssignments;
      for (let position = 0; position < assignments.length; position++) {
        const entry = this.indexAssignment(
          subscription,
          assignments[position],
          position,
        );
        if (!entry) continue;
        if (
          entry.scopeKind === 'root' ||
          entry.scopeKind === 'managementGroup'
        ) {
          indexed.inherited.push(entry);
        } else {
          push(indexed.byScope, entry.scopeKey, entry);
          if (
            entry.resourceGroupKey &&
            entry.resourceGroupKey !== entry.scopeKey
          ) {
            push(indexed.belowGroups, entry.resourceGroupKey, entry);
          }
        }
      }
    }
    this.assignmentsBySubscription.set(subscription, indexed);
    return indexed;
  }

  private indexAssignment(
    subscription: SnapshotSubscription,
    assignment: ArmResource,
    position: number,
  ): IndexedRoleAssignment | undefined {
    if (typeof assignment?.id !== 'string') return undefined;
    const scope = assignmentScope(assignment);
    if (scope === undefined) return undefined;
    let info = this.scopes.get(scope);
    if (!info) {
      info = parseScope(scope);
      this.scopes.set(scope, info);
    }
    const props = assignment.properties ?? {};
    const roleDefinitionId =
      typeof props.roleDefinitionId === 'string' ? props.roleDefinitionId : '';
    const principalId =
      typeof props.principalId === 'string' ? props.principalId.trim() : '';
    return {
      assignment,
      principalId,
      principalKey: principalId.toLowerCase(),
      principalType:
        typeof props.principalType === 'string'
          ? props.principalType
          : undefined,
      scope,
      scopeKind: info.kind,
      scopeKey: info.key,
      scopeName: info.name,
      resourceGroupKey: info.resourceGroupKey,
      roleDefinitionId,
      role: this.resolveRole(subscription, roleDefinitionId),
      subscription,
      position,
      derived: undefined,
    };
  }
}

/** Two lists of one subscription's assignments as one, in the order the subscription lists them. */
function inListOrder(
  a: readonly IndexedRoleAssignment[],
  b: readonly IndexedRoleAssignment[],
): readonly IndexedRoleAssignment[] {
  if (b.length === 0) return a;
  if (a.length === 0) return b;
  const merged: IndexedRoleAssignment[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (j >= b.length || (i < a.length && a[i].position < b[j].position)) {
      merged.push(a[i++]);
    } else {
      merged.push(b[j++]);
    }
  }
  return merged;
}

/** `properties.principalId` of a user-assigned identity, trimmed; `undefined` when blank or absent. */
function principalOfIdentity(
  identity: ArmResource | undefined,
): string | undefined {
  const written = identity?.properties?.principalId;
  return typeof written === 'string' && written.trim().length > 0
    ? written.trim()
    : undefined;
}

/** See {@link RbacIndex.assignmentsCoveringParts}: `key` is the resource's scope key. */
function coveringParts(
  indexed: SubscriptionAssignments,
  key: string,
): CoveringParts {
  // The scopes covering a resource are the prefixes of its key (see enclosingScopeKeys): the
  // list above it is decided by its parent's key, and made once per parent.
  if (!key.startsWith(SUBSCRIPTIONS) || key.length <= SUBSCRIPTIONS.length) {
    return { at: EMPTY, above: indexed.inherited };
  }
  const parent =
    key.indexOf('/', SUBSCRIPTIONS.length) < 0
      ? ''
      : key.slice(0, key.lastIndexOf('/'));
  let above: readonly IndexedRoleAssignment[] | undefined;
  // Resources are often asked for in runs with one parent (the groups of one subscription):
  // comparing with the last parent costs less than hashing it.
  if (parent === indexed.lastParent) above = indexed.lastAbove;
  else above = indexed.coveringAbove.get(parent);
  if (!above) {
    const list: IndexedRoleAssignment[] = [];
    for (const scope of parent ? enclosingScopeKeys(parent) : EMPTY) {
      for (const entry of indexed.byScope.get(scope) ?? EMPTY) {
        list.push(entry);
      }
    }
    for (const entry of indexed.inherited) list.push(entry);
    above = Object.freeze(list);
    indexed.coveringAbove.set(parent, above);
  }
  indexed.lastParent = parent;
  indexed.lastAbove = above;
  return { at: indexed.byScope.get(key) ?? EMPTY, above };
}

function definitionLookup(
  subscription: SnapshotSubscription,
): DefinitionLookup {
  const lookup: DefinitionLookup = {
    byId: new Map(),
    byGuid: new Map(),
    resolved: new Map(),
  };
  for (const definition of subscription.roleDefinitions ?? []) {
    if (typeof definition?.id !== 'string') continue;
    const id = normalizeArmId(definition.id);
    if (!lookup.byId.has(id)) lookup.byId.set(id, definition);
    for (const guid of [
      lastSegment(definition.id),
      typeof definition.name === 'string'
        ? definition.name.trim().toLowerCase()
        : '',
    ]) {
      if (guid && !lookup.byGuid.has(guid)) lookup.byGuid.set(guid, definition);
    }
  }
  return lookup;
}

function lastSegment(id: string): string {
  return lastIdSegment(id).toLowerCase();
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
