import type { SnapshotCollection } from '@aib-scorecards/plugin-azure-image-builder-common';
import type { ApiVersionFamily } from './apiVersions';
import { canonicalSegments } from './scope';

/** What a route reads: a snapshot collection, or the subscriptions themselves. @public */
export type RouteCollection = SnapshotCollection | 'subscriptions';

/** The names of the routes the emulator serves (also written to the request log). @public */
export type ArmRouteName =
  | 'subscriptions.list'
  | 'subscriptions.get'
  | 'resourceGroups.list'
  | 'resourceGroups.get'
  | 'imageTemplates.list'
  | 'imageTemplates.listByResourceGroup'
  | 'imageTemplates.get'
  | 'triggers.list'
  | 'triggers.get'
  | 'userAssignedIdentities.list'
  | 'userAssignedIdentities.listByResourceGroup'
  | 'userAssignedIdentities.get'
  | 'locks.list'
  | 'locks.get'
  | 'roleAssignments.list'
  | 'roleAssignments.get'
  | 'roleDefinitions.list'
  | 'roleDefinitions.get';

interface RouteSpec {
  name: ArmRouteName;
  collection: RouteCollection;
  family: ApiVersionFamily;
  /** The resource type, for error messages. */
  resourceType: string;
}

/** A request path matched to a route. */
export interface ArmRouteMatch extends RouteSpec {
  /** Path parameters as written (`sub`, `rg`, `name`, `trigger`). */
  params: Record<string, string>;
  /** The subscription the path names, as written. */
  subscriptionId?: string;
  /** The canonical scope the request reads (for role/lock filters and error messages). */
  scope: string;
  /** The canonical path: the id of the resource a `get` route reads. */
  path: string;
}

const IMAGE_TEMPLATES = 'Microsoft.VirtualMachineImages/imageTemplates';
const IDENTITIES = 'Microsoft.ManagedIdentity/userAssignedIdentities';
const RG = 'subscriptions/{sub}/resourcegroups/{rg}';
const TEMPLATE = `${RG}/providers/microsoft.virtualmachineimages/imagetemplates/{name}`;

const TABLE: Array<[string, RouteSpec]> = [
  [
    'subscriptions',
    {
      name: 'subscriptions.list',
      collection: 'subscriptions',
      family: 'subscriptions',
      resourceType: 'Microsoft.Resources/subscriptions',
    },
  ],
  [
    'subscriptions/{sub}',
    {
      name: 'subscriptions.get',
      collection: 'subscriptions',
      family: 'subscriptions',
      resourceType: 'Microsoft.Resources/subscriptions',
    },
  ],
  [
    'subscriptions/{sub}/resourcegroups',
    {
      name: 'resourceGroups.list',
      collection: 'resourceGroups',
      family: 'resources',
      resourceType: 'Microsoft.Resources/resourceGroups',
    },
  ],
  [
    RG,
    {
      name: 'resourceGroups.get',
      collection: 'resourceGroups',
      family: 'resources',
      resourceType: 'Microsoft.Resources/resourceGroups',
    },
  ],
  [
    'subscriptions/{sub}/providers/microsoft.virtualmachineimages/imagetemplates',
    {
      name: 'imageTemplates.list',
      collection: 'imageTemplates',
      family: 'imageBuilder',
      resourceType: IMAGE_TEMPLATES,
    },
  ],
  [
    `${RG}/providers/microsoft.virtualmachineimages/imagetemplates`,
    {
      name: 'imageTemplates.listByResourceGroup',
      collection: 'imageTemplates',
      family: 'imageBuilder',
      resourceType: IMAGE_TEMPLATES,
    },
  ],
  [
    TEMPLATE,
    {
      name: 'imageTemplates.get',
      collection: 'imageTemplates',
      family: 'imageBuilder',
      resourceType: IMAGE_TEMPLATES,
    },
  ],
  [
    `${TEMPLATE}/triggers`,
    {
      name: 'triggers.list',
      collection: 'triggers',
      family: 'imageBuilder',
      resourceType: `${IMAGE_TEMPLATES}/triggers`,
    },
  ],
  [
    `${TEMPLATE}/triggers/{trigger}`,
    {
      name: 'triggers.get',
      collection: 'triggers',
      family: 'imageBuilder',
      resourceType: `${IMAGE_TEMPLATES}/triggers`,
    },
  ],
  [
    'subscriptions/{sub}/providers/microsoft.managedidentity/userassignedidentities',
    {
      name: 'userAssignedIdentities.list',
      collection: 'userAssignedIdentities',
      family: 'managedIdentity',
      resourceType: IDENTITIES,
    },
  ],
  [
    `${RG}/providers/microsoft.managedidentity/userassignedidentities`,
    {
      name: 'userAssignedIdentities.listByResourceGroup',
      collection: 'userAssignedIdentities',
      family: 'managedIdentity',
      resourceType: IDENTITIES,
    },
  ],
  [
    `${RG}/providers/microsoft.managedidentity/userassignedidentities/{name}`,
    {
      name: 'userAssignedIdentities.get',
      collection: 'userAssignedIdentities',
      family: 'managedIdentity',
      resourceType: IDENTITIES,
    },
  ],
];

const PATTERNS = TABLE.map(
  ([pattern, spec]) => [pattern.split('/'), spec] as const,
);

const AUTHORIZATION: Record<
  string,
  { list: ArmRouteName; get: ArmRouteName; spec: Omit<RouteSpec, 'name'> }
> = {
  locks: {
    list: 'locks.list',
    get: 'locks.get',
    spec: {
      collection: 'locks',
      family: 'locks',
      resourceType: 'Microsoft.Authorization/locks',
    },
  },
  roleassignments: {
    list: 'roleAssignments.list',
    get: 'roleAssignments.get',
    spec: {
      collection: 'roleAssignments',
      family: 'authorization',
      resourceType: 'Microsoft.Authorization/roleAssignments',
    },
  },
  roledefinitions: {
    list: 'roleDefinitions.list',
    get: 'roleDefinitions.get',
    spec: {
      collection: 'roleDefinitions',
      family: 'authorization',
      resourceType: 'Microsoft.Authorization/roleDefinitions',
    },
  },
};

/**
 * Whether segments name a scope ARM can hold a lock or role assignment at: the tenant root, a
 * management group, a subscription, a resource group, or a resource (`providers/{ns}` then
 * type/name pairs).
 */
function isScope(lower: readonly string[]): boolean {
  if (lower.length === 0) return true;
  if (lower[0] === 'providers') {
    return (
      lower.length === 4 &&
      lower[1] === 'microsoft.management' &&
      lower[2] === 'managementgroups'
    );
  }
  if (lower[0] !== 'subscriptions' || lower.length < 2) return false;
  let rest = lower.slice(2);
  if (rest[0] === 'resourcegroups') {
    if (rest.length < 2) return false;
    rest = rest.slice(2);
  }
  if (rest.length === 0) return true;
  // providers/{namespace}/{type}/{name}[/{type}/{name}...]
  return rest[0] === 'providers' && rest.length >= 4 && rest.length % 2 === 0;
}

function matchAuthorization(
  segments: readonly string[],
  lower: readonly string[],
): ArmRouteMatch | undefined {
  const at = lower.lastIndexOf('providers');
  if (at < 0 || lower[at + 1] !== 'microsoft.authorization') return undefined;
  const kind = AUTHORIZATION[lower[at + 2]];
  const rest = segments.slice(at + 3);
  if (!kind || rest.length > 1) return undefined;
  const scopeSegments = lower.slice(0, at);
  if (!isScope(scopeSegments)) return undefined;
  const params: Record<string, string> = {};
  if (rest.length === 1) params.name = rest[0];
  const subscriptionId = lower[0] === 'subscriptions' ? segments[1] : undefined;
  if (subscriptionId) params.sub = subscriptionId;
  return {
    ...kind.spec,
    name: rest.length === 1 ? kind.get : kind.list,
    params,
    subscriptionId,
    scope: canonicalSegments(segments.slice(0, at)),
    path: canonicalSegments(segments),
  };
}

/**
 * Matches the decoded, non-empty segments of a GET path to a route: literals compare
 * case-insensitively (the SDKs send both `resourceGroups` and `resourcegroups`).
 */
export function matchArmRoute(
  segments: readonly string[],
): ArmRouteMatch | undefined {
  const lower = segments.map(segment => segment.toLowerCase());
  const authorization = matchAuthorization(segments, lower);
  if (authorization) return authorization;
  for (const [pattern, spec] of PATTERNS) {
    if (pattern.length !== segments.length) continue;
    const params: Record<string, string> = {};
    const matches = pattern.every((part, index) => {
      if (part.startsWith('{')) {
        params[part.slice(1, -1)] = segments[index];
        return true;
      }
      return part === lower[index];
    });
    if (matches) {
      return {
        ...spec,
        params,
        subscriptionId: params.sub,
        scope: canonicalSegments(segments),
        path: canonicalSegments(segments),
      };
    }
  }
  return undefined;
}
