/*
 * Role definitions, role assignments and user-assigned identities for tests, as ARM returns them.
 * The built-in roles carry their real GUIDs and control-plane permissions (Microsoft's built-in
 * roles reference), abridged where a long list of named actions changes no role class.
 */
import { ArmResource } from '@aib-scorecards/plugin-azure-image-builder-common';
import { RG, SUB } from './snapshots';

const ROLE_DEFINITIONS = 'providers/Microsoft.Authorization/roleDefinitions';

export function roleDefinitionId(
  guid: string,
  sub: string | null = SUB,
): string {
  return sub === null
    ? `/${ROLE_DEFINITIONS}/${guid}`
    : `/subscriptions/${sub}/${ROLE_DEFINITIONS}/${guid}`;
}

export function makeRoleDefinition(
  guid: string,
  roleName: string,
  actions: string[],
  notActions: string[] = [],
  type = 'CustomRole',
): ArmResource {
  return {
    id: roleDefinitionId(guid),
    name: guid,
    type: 'Microsoft.Authorization/roleDefinitions',
    properties: {
      roleName,
      type,
      assignableScopes: ['/'],
      permissions: [
        { actions, notActions, dataActions: [], notDataActions: [] },
      ],
    },
  };
}

export const OWNER = makeRoleDefinition(
  '8e3af657-a8ff-443c-a75c-2fe8c4bcb635',
  'Owner',
  ['*'],
  [],
  'BuiltInRole',
);

export const CONTRIBUTOR = makeRoleDefinition(
  'b24988ac-6180-42a0-ab88-20f7382dd24c',
  'Contributor',
  ['*'],
  [
    'Microsoft.Authorization/*/Delete',
    'Microsoft.Authorization/*/Write',
    'Microsoft.Authorization/elevateAccess/Action',
    'Microsoft.Blueprint/blueprintAssignments/write',
    'Microsoft.Blueprint/blueprintAssignments/delete',
    'Microsoft.Compute/galleries/share/action',
    'Microsoft.Purview/consents/write',
    'Microsoft.Purview/consents/delete',
    'Microsoft.Resources/deploymentStacks/manageDenySetting/action',
    'Microsoft.Subscription/cancel/action',
    'Microsoft.Subscription/enable/action',
  ],
  'BuiltInRole',
);

export const READER = makeRoleDefinition(
  'acdd72a7-3385-48ef-bd42-f606fba81ae7',
  'Reader',
  ['*/read'],
  [],
  'BuiltInRole',
);

export const USER_ACCESS_ADMINISTRATOR = makeRoleDefinition(
  '18d7d88d-d35e-4fb5-a5c3-7773c20a72d9',
  'User Access Administrator',
  ['*/read', 'Microsoft.Authorization/*', 'Microsoft.Support/*'],
  [],
  'BuiltInRole',
);

export const RBAC_ADMINISTRATOR = makeRoleDefinition(
  'f58310d9-a9f6-439a-9e8d-f62e7b41a168',
  'Role Based Access Control Administrator',
  [
    'Microsoft.Authorization/roleAssignments/write',
    'Microsoft.Authorization/roleAssignments/delete',
    '*/read',
    'Microsoft.Support/*',
  ],
  [],
  'BuiltInRole',
);

export const VIRTUAL_MACHINE_CONTRIBUTOR = makeRoleDefinition(
  '9980e02c-c2be-4d73-94e8-173b1dc7cf3c',
  'Virtual Machine Contributor',
  [
    'Microsoft.Authorization/*/read',
    'Microsoft.Compute/availabilitySets/*',
    'Microsoft.Compute/locations/*',
    'Microsoft.Compute/virtualMachines/*',
    'Microsoft.Compute/virtualMachineScaleSets/*',
    'Microsoft.Compute/cloudServices/*',
    'Microsoft.Compute/disks/write',
    'Microsoft.Compute/disks/read',
    'Microsoft.Compute/disks/delete',
    'Microsoft.DevTestLab/schedules/*',
    'Microsoft.Insights/alertRules/*',
    'Microsoft.Network/loadBalancers/read',
    'Microsoft.Network/locations/*',
    'Microsoft.Network/networkInterfaces/*',
    'Microsoft.Network/virtualNetworks/read',
    'Microsoft.Network/virtualNetworks/subnets/join/action',
    'Microsoft.Resources/deployments/*',
    'Microsoft.Resources/subscriptions/resourceGroups/read',
    'Microsoft.Storage/storageAccounts/listKeys/action',
    'Microsoft.Storage/storageAccounts/read',
    'Microsoft.Support/*',
  ],
  [],
  'BuiltInRole',
);

/** A custom role for people who run image builds: template-write and nothing broad. */
export const IMAGE_TEMPLATE_OPERATOR = makeRoleDefinition(
  '0a0a0a0a-0000-4000-8000-000000000001',
  'Image Template Operator',
  [
    'Microsoft.VirtualMachineImages/imageTemplates/*',
    'Microsoft.Resources/subscriptions/resourceGroups/read',
  ],
);

export const BUILTIN_ROLES: ArmResource[] = [
  OWNER,
  CONTRIBUTOR,
  READER,
  USER_ACCESS_ADMINISTRATOR,
  RBAC_ADMINISTRATOR,
  VIRTUAL_MACHINE_CONTRIBUTOR,
];

/** Every role above, as a subscription's `roleDefinitions`. */
export const ALL_ROLES: ArmResource[] = [
  ...BUILTIN_ROLES,
  IMAGE_TEMPLATE_OPERATOR,
];

export function managementGroupScope(name: string): string {
  return `/providers/Microsoft.Management/managementGroups/${name}`;
}

let assignmentCount = 0;

/**
 * A role assignment of `role` (a definition, or a GUID of one that may be missing) to a principal
 * at a scope. `roleDefinitionId` is written with the subscription, as ARM lists them; pass
 * `tenantLevelRoleId` for the `/providers/…/roleDefinitions/<guid>` form.
 */
export function makeRoleAssignment(
  principalId: string,
  role: ArmResource | string,
  scope: string,
  options: {
    principalType?: string | null;
    name?: string;
    tenantLevelRoleId?: boolean;
  } = {},
): ArmResource {
  const name =
    options.name ??
    `00000000-aaaa-4000-8000-${String(++assignmentCount).padStart(12, '0')}`;
  const guid = typeof role === 'string' ? role : role.name!;
  const properties: Record<string, unknown> = {
    roleDefinitionId: roleDefinitionId(
      guid,
      options.tenantLevelRoleId ? null : SUB,
    ),
    principalId,
    scope,
  };
  const principalType =
    options.principalType === undefined ? 'User' : options.principalType;
  if (principalType !== null) properties.principalType = principalType;
  return {
    id: `${
      scope === '/' ? '' : scope
    }/providers/Microsoft.Authorization/roleAssignments/${name}`,
    name,
    type: 'Microsoft.Authorization/roleAssignments',
    properties,
  };
}

export function identityId(name: string, rg = RG, sub = SUB): string {
  return `/subscriptions/${sub}/resourceGroups/${rg}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/${name}`;
}

/** A user-assigned identity resource, as listed in a subscription. */
export function makeIdentity(
  name: string,
  principalId: string | undefined,
  rg = RG,
  sub = SUB,
): ArmResource {
  return {
    id: identityId(name, rg, sub),
    name,
    type: 'Microsoft.ManagedIdentity/userAssignedIdentities',
    location: 'westeurope',
    properties: {
      tenantId: '11111111-1111-1111-1111-111111111111',
      clientId: '22222222-2222-2222-2222-222222222222',
      ...(principalId !== undefined ? { principalId } : {}),
    },
  };
}

/** The `identity` block of a template with user-assigned identities and their principal ids. */
export function templateIdentity(
  identities: Array<[id: string, principalId: string | undefined]>,
): Record<string, unknown> {
  return {
    type: 'UserAssigned',
    userAssignedIdentities: Object.fromEntries(
      identities.map(([id, principalId]) => [
        id,
        principalId === undefined
          ? {}
          : { principalId, clientId: '22222222-2222-2222-2222-222222222222' },
      ]),
    ),
  };
}
