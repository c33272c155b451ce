import type { ArmResource } from '@aib-scorecards/plugin-azure-image-builder-common';
import type {
  ScopedResource,
  ServedSnapshot,
  ServedSubscription,
} from '../snapshot/ServedSnapshot';
import type { ArmError } from './armErrors';
import { isFilterError, parseFilter, type FilterClause } from './filters';
import type { ArmRouteMatch } from './routes';
import { canonicalArmPath, isAtOrAbove } from './scope';

/** What a route answers: a list (paged by the server), one resource, or an error. */
export type ArmResult =
  | { kind: 'list'; items: unknown[] }
  | { kind: 'item'; body: unknown }
  | { kind: 'error'; error: ArmError };

/** What a handler reads. The server has already checked the subscription and the collection. */
export interface HandlerContext {
  match: ArmRouteMatch;
  query: URLSearchParams;
  /** The subscription the path names (absent for `GET /subscriptions` and tenant-level scopes). */
  subscription?: ServedSubscription;
  /** The subscriptions the caller's token may see. */
  visible: ServedSubscription[];
  served: ServedSnapshot;
}

const list = (items: unknown[]): ArmResult => ({ kind: 'list', items });
const item = (body: unknown): ArmResult => ({ kind: 'item', body });
const fail = (status: number, code: string, message: string): ArmResult => ({
  kind: 'error',
  error: { status, code, message },
});

/** The subscription resource as `GET /subscriptions` returns it. */
export function subscriptionBody(subscription: ServedSubscription) {
  const data = subscription.data;
  return {
    id: `/subscriptions/${data.subscriptionId}`,
    authorizationSource: 'RoleBased',
    managedByTenants: [],
    subscriptionId: data.subscriptionId,
    ...(data.tenantId ? { tenantId: data.tenantId } : {}),
    displayName: data.displayName ?? data.subscriptionId,
    state: 'Enabled',
    subscriptionPolicies: {
      locationPlacementId: 'Public_2014-09-01',
      quotaId: 'PayAsYouGo_2014-09-01',
      spendingLimit: 'Off',
    },
    ...(data.tags ? { tags: data.tags } : {}),
  };
}

function notFound(match: ArmRouteMatch): ArmResult {
  const rg = match.params.rg;
  const what = match.params.trigger
    ? `${match.resourceType}/${match.params.name}/${match.params.trigger}`
    : `${match.resourceType}/${match.params.name}`;
  return fail(
    404,
    'ResourceNotFound',
    `The Resource '${what}' under resource group '${rg}' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix`,
  );
}

/** The scoped items (locks, role assignments) of the subscriptions a scope reaches. */
function scopedItems(
  context: HandlerContext,
  pick: (subscription: ServedSubscription) => ScopedResource[] | null,
): ScopedResource[] {
  const sources = context.subscription
    ? [context.subscription]
    : context.visible;
  const seen = new Set<string>();
  const items: ScopedResource[] = [];
  for (const source of sources) {
    for (const entry of pick(source) ?? []) {
      const key = canonicalArmPath(entry.resource.id);
      if (seen.has(key)) continue;
      seen.add(key);
      items.push(entry);
    }
  }
  return items;
}

/**
 * Locks and role assignments visible at a scope: those at it and inherited from above, plus,
 * without `atScope()`, those below it. (ARM lists a resource group's lock when asked for a
 * resource's locks: see `ManagementLocks_ListAtResourceLevel` in the REST spec examples.)
 */
function atScope(
  context: HandlerContext,
  pick: (subscription: ServedSubscription) => ScopedResource[] | null,
  allowed: readonly FilterClause[],
): ArmResult {
  const filter = parseFilter(context.query.get('$filter'), allowed);
  if (isFilterError(filter)) return { kind: 'error', error: filter };
  const scope = context.match.scope;
  const principal = filter.principalId?.toLowerCase();
  return list(
    scopedItems(context, pick)
      .filter(
        entry =>
          isAtOrAbove(entry.scope, scope) ||
          (!filter.atScope && isAtOrAbove(scope, entry.scope)),
      )
      .filter(
        entry =>
          principal === undefined ||
          String(entry.resource.properties?.principalId).toLowerCase() ===
            principal,
      )
      .map(entry => entry.resource),
  );
}

function findScoped(
  context: HandlerContext,
  pick: (subscription: ServedSubscription) => ScopedResource[] | null,
): ArmResource | undefined {
  return scopedItems(context, pick).find(
    entry => canonicalArmPath(entry.resource.id) === context.match.path,
  )?.resource;
}

function roleDefinitions(context: HandlerContext): ArmResource[] {
  const sources = context.subscription
    ? [context.subscription]
    : context.visible;
  const byGuid = new Map<string, ArmResource>();
  for (const source of sources) {
    for (const [guid, definition] of source.roleDefinitionsByGuid) {
      if (!byGuid.has(guid)) byGuid.set(guid, definition);
    }
  }
  return [...byGuid.values()];
}

type Handler = (
  context: HandlerContext,
  subscription: ServedSubscription,
) => ArmResult;

const HANDLERS: Record<ArmRouteMatch['name'], Handler> = {
  'subscriptions.list': context => list(context.visible.map(subscriptionBody)),
  'subscriptions.get': (_, subscription) =>
    item(subscriptionBody(subscription)),
  'resourceGroups.list': (_, subscription) =>
    list(subscription.collection('resourceGroups') ?? []),
  'resourceGroups.get': ({ match }, subscription) => {
    const group = subscription.groupsByName.get(match.params.rg.toLowerCase());
    return group
      ? item(group)
      : fail(
          404,
          'ResourceGroupNotFound',
          `Resource group '${match.params.rg}' could not be found.`,
        );
  },
  'imageTemplates.list': (_, subscription) =>
    list(subscription.collection('imageTemplates') ?? []),
  'imageTemplates.listByResourceGroup': ({ match }, subscription) =>
    list(
      subscription.templatesByGroup.get(match.params.rg.toLowerCase()) ?? [],
    ),
  'imageTemplates.get': ({ match }, subscription) => {
    const template = subscription.templatesById.get(match.path);
    return template ? item(template) : notFound(match);
  },
  'triggers.list': ({ match }, subscription) => {
    const templateId = match.path.slice(0, -'/triggers'.length);
    if (
      subscription.collection('imageTemplates') !== null &&
      !subscription.templatesById.has(templateId)
    ) {
      return notFound({
        ...match,
        resourceType: 'Microsoft.VirtualMachineImages/imageTemplates',
      });
    }
    return list(subscription.triggersByTemplate.get(templateId) ?? []);
  },
  'triggers.get': ({ match }, subscription) => {
    const trigger = subscription.triggersById.get(match.path);
    return trigger ? item(trigger) : notFound(match);
  },
  'userAssignedIdentities.list': (_, subscription) =>
    list(subscription.collection('userAssignedIdentities') ?? []),
  'userAssignedIdentities.listByResourceGroup': ({ match }, subscription) =>
    list(
      subscription.identitiesByGroup.get(match.params.rg.toLowerCase()) ?? [],
    ),
  'userAssignedIdentities.get': ({ match }, subscription) => {
    const identity = subscription.identitiesById.get(match.path);
    return identity ? item(identity) : notFound(match);
  },
  'locks.list': context => atScope(context, s => s.locks, ['atScope']),
  'locks.get': context => {
    const lock = findScoped(context, s => s.locks);
    return lock
      ? item(lock)
      : fail(
          404,
          'LockNotFound',
          `The lock '${context.match.params.name}' could not be found.`,
        );
  },
  'roleAssignments.list': context =>
    atScope(context, s => s.roleAssignments, [
      'atScope',
      'principalId',
      'assignedTo',
    ]),
  'roleAssignments.get': context => {
    const assignment = findScoped(context, s => s.roleAssignments);
    return assignment
      ? item(assignment)
      : fail(
          404,
          'RoleAssignmentNotFound',
          `The role assignment '${context.match.params.name}' is not found.`,
        );
  },
  'roleDefinitions.list': context => {
    const filter = parseFilter(context.query.get('$filter'), [
      'roleName',
      'type',
    ]);
    if (isFilterError(filter)) return { kind: 'error', error: filter };
    const same = (a: unknown, b: string | undefined) =>
      b === undefined || String(a).toLowerCase() === b.toLowerCase();
    return list(
      roleDefinitions(context).filter(
        definition =>
          same(definition.properties?.roleName, filter.roleName) &&
          same(definition.properties?.type, filter.type),
      ),
    );
  },
  'roleDefinitions.get': context => {
    const guid = context.match.params.name.toLowerCase();
    const sources = context.subscription
      ? [context.subscription]
      : context.visible;
    for (const source of sources) {
      const definition = source.roleDefinitionsByGuid.get(guid);
      if (definition) return item(definition);
    }
    return fail(
      404,
      'RoleDefinitionDoesNotExist',
      `The specified role definition with ID '${context.match.params.name}' does not exist.`,
    );
  },
};

/**
 * Answers a matched route from the snapshot. `subscription` is required by every route that has
 * one in its path; tenant-level routes read the visible subscriptions instead.
 */
export function handleArmRoute(context: HandlerContext): ArmResult {
  const handler = HANDLERS[context.match.name];
  // Tenant-level routes (GET /subscriptions, tenant or management-group scopes) have no subscription.
  return handler(context, context.subscription as ServedSubscription);
}
