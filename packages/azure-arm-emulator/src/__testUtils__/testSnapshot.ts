import type {
  ArmResource,
  Snapshot,
} from '@aib-scorecards/plugin-azure-image-builder-common';

export const TENANT = '11111111-1111-4111-8111-111111111111';
export const OTHER_TENANT = '22222222-2222-4222-8222-222222222222';
/** Six templates (five in rg-images), triggers, locks at three levels, role data, an identity. */
export const SUB_A = 'aaaaaaaa-0000-4000-8000-000000000001';
/** locks: null with an errors entry; roleAssignments: null without one; identities: null, 409. */
export const SUB_B = 'bbbbbbbb-0000-4000-8000-000000000002';
/** In another tenant. */
export const SUB_C = 'cccccccc-0000-4000-8000-000000000003';
/** The whole subscription failed (`errors: [{ collection: 'subscription' }]`). */
export const SUB_D = 'dddddddd-0000-4000-8000-000000000004';

export const PRINCIPAL_READER = '0a000000-0000-4000-8000-0000000000a1';
export const PRINCIPAL_IDENTITY = '0a000000-0000-4000-8000-0000000000a2';
export const PRINCIPAL_OWNER = '0a000000-0000-4000-8000-0000000000a3';

export const READER = 'acdd72a7-3385-48ef-bd42-f606fba81ae7';
export const CONTRIBUTOR = 'b24988ac-6180-42a0-ab88-20f7382dd24c';
export const OWNER = '8e3af657-a8ff-443c-a75c-2fe8c4bcb635';

export const templateId = (sub: string, rg: string, name: string) =>
  `/subscriptions/${sub}/resourceGroups/${rg}/providers/Microsoft.VirtualMachineImages/imageTemplates/${name}`;

const identityId = (sub: string) =>
  `/subscriptions/${sub}/resourceGroups/rg-images/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-images`;

/** An image template as ARM returns it (with `identity`, which the 5.x SDK requires). */
export function template(sub: string, rg: string, name: string): ArmResource {
  return {
    id: templateId(sub, rg, name),
    name,
    type: 'Microsoft.VirtualMachineImages/imageTemplates',
    location: 'westeurope',
    tags: { owner: 'team-images' },
    identity: {
      type: 'UserAssigned',
      userAssignedIdentities: {
        [identityId(sub)]: {
          principalId: PRINCIPAL_IDENTITY,
          clientId: '0c000000-0000-4000-8000-0000000000c1',
        },
      },
    },
    properties: {
      source: {
        type: 'PlatformImage',
        publisher: 'Canonical',
        offer: '0001-com-ubuntu-server-jammy',
        sku: '22_04-lts-gen2',
        version: 'latest',
      },
      customize: [{ type: 'Shell', name: 'hello', inline: ['echo hello'] }],
      distribute: [
        {
          type: 'ManagedImage',
          imageId: `/subscriptions/${sub}/resourceGroups/${rg}/providers/Microsoft.Compute/images/${name}`,
          location: 'westeurope',
          runOutputName: `${name}-out`,
        },
      ],
      buildTimeoutInMinutes: 60,
      vmProfile: { vmSize: 'Standard_D2s_v3', osDiskSizeGB: 64 },
      provisioningState: 'Succeeded',
      lastRunStatus: {
        runState: 'Succeeded',
        runSubState: 'Distributing',
        startTime: '2026-11-01T10:00:00Z',
        endTime: '2026-11-01T10:42:00Z',
        message: '',
      },
    },
  };
}

const lock = (scope: string, name: string, level = 'CanNotDelete') => ({
  id: `${scope}/providers/Microsoft.Authorization/locks/${name}`,
  type: 'Microsoft.Authorization/locks',
  name,
  properties: { level, notes: `${name} notes` },
});

const assignment = (
  scope: string,
  name: string,
  role: string,
  principalId: string,
  sub = SUB_A,
) => ({
  id: `${scope}/providers/Microsoft.Authorization/roleAssignments/${name}`,
  type: 'Microsoft.Authorization/roleAssignments',
  name,
  properties: {
    roleDefinitionId: `/subscriptions/${sub}/providers/Microsoft.Authorization/roleDefinitions/${role}`,
    principalId,
    principalType: 'ServicePrincipal',
    scope,
  },
});

const definition = (
  sub: string,
  guid: string,
  roleName: string,
  type = 'BuiltInRole',
) => ({
  id: `/subscriptions/${sub}/providers/Microsoft.Authorization/roleDefinitions/${guid}`,
  type: 'Microsoft.Authorization/roleDefinitions',
  name: guid,
  properties: {
    roleName,
    type,
    description: roleName,
    assignableScopes: ['/'],
    permissions: [
      {
        actions: ['*/read'],
        notActions: [],
        dataActions: [],
        notDataActions: [],
      },
    ],
  },
});

const group = (sub: string, name: string) => ({
  id: `/subscriptions/${sub}/resourceGroups/${name}`,
  name,
  type: 'Microsoft.Resources/resourceGroups',
  location: 'westeurope',
  tags: { owner: 'team-images' },
  properties: { provisioningState: 'Succeeded' },
});

/** A small snapshot exercising every route and every kind of missing collection. */
export function testSnapshot(): Snapshot {
  const subA = `/subscriptions/${SUB_A}`;
  const rgImages = `${subA}/resourceGroups/rg-images`;
  return {
    kind: 'aib-scorecards/snapshot',
    version: 1,
    capturedAt: '2026-11-20T10:00:00Z',
    subscriptions: [
      {
        subscriptionId: SUB_A,
        displayName: 'Images A',
        tenantId: TENANT,
        tags: { owner: 'team-images' },
        resourceGroups: [group(SUB_A, 'rg-images'), group(SUB_A, 'rg-other')],
        imageTemplates: [
          ...[0, 1, 2, 3, 4].map(i => template(SUB_A, 'rg-images', `it-${i}`)),
          template(SUB_A, 'rg-other', 'it-other'),
        ],
        triggers: [
          {
            id: `${templateId(SUB_A, 'rg-images', 'it-0')}/triggers/source`,
            name: 'source',
            type: 'Microsoft.VirtualMachineImages/imageTemplates/triggers',
            properties: {
              kind: 'SourceImage',
              status: {
                code: 'Healthy',
                message: '',
                time: '2026-11-01T09:00:00Z',
              },
              provisioningState: 'Succeeded',
            },
          },
        ],
        locks: [
          lock(subA, 'sub-lock', 'ReadOnly'),
          lock(rgImages, 'rg-lock'),
          lock(templateId(SUB_A, 'rg-images', 'it-1'), 'it-lock'),
          lock(`${subA}/resourceGroups/rg-other`, 'rg-other-lock'),
        ],
        roleAssignments: [
          assignment(
            '/providers/Microsoft.Management/managementGroups/mg-root',
            'a0000000-0000-4000-8000-000000000000',
            READER,
            PRINCIPAL_READER,
          ),
          assignment(
            subA,
            'a0000000-0000-4000-8000-000000000001',
            READER,
            PRINCIPAL_READER,
          ),
          assignment(
            rgImages,
            'a0000000-0000-4000-8000-000000000002',
            CONTRIBUTOR,
            PRINCIPAL_IDENTITY,
          ),
          assignment(
            templateId(SUB_A, 'rg-images', 'it-1'),
            'a0000000-0000-4000-8000-000000000003',
            OWNER,
            PRINCIPAL_OWNER,
          ),
        ],
        roleDefinitions: [
          definition(SUB_A, READER, 'Reader'),
          definition(SUB_A, CONTRIBUTOR, 'Contributor'),
          definition(SUB_A, OWNER, 'Owner'),
          definition(
            SUB_A,
            'c0000000-0000-4000-8000-0000000000c0',
            'Image Builder Custom',
            'CustomRole',
          ),
        ],
        userAssignedIdentities: [
          {
            id: identityId(SUB_A),
            name: 'id-images',
            type: 'Microsoft.ManagedIdentity/userAssignedIdentities',
            location: 'westeurope',
            properties: {
              tenantId: TENANT,
              principalId: PRINCIPAL_IDENTITY,
              clientId: '0c000000-0000-4000-8000-0000000000c1',
            },
          },
        ],
        errors: [],
      },
      {
        subscriptionId: SUB_B,
        displayName: 'Images B',
        tenantId: TENANT,
        resourceGroups: [group(SUB_B, 'rg-images')],
        imageTemplates: [template(SUB_B, 'rg-images', 'it-b')],
        triggers: [],
        locks: null,
        roleAssignments: null,
        roleDefinitions: [],
        userAssignedIdentities: null,
        errors: [
          {
            collection: 'locks',
            code: 'AuthorizationFailed',
            message: 'No locks/read on this subscription (from the snapshot).',
          },
          {
            collection: 'userAssignedIdentities',
            code: 'MissingSubscriptionRegistration',
            message:
              "The subscription is not registered to use namespace 'Microsoft.ManagedIdentity'.",
          },
        ],
      },
      {
        subscriptionId: SUB_C,
        displayName: 'Other tenant',
        tenantId: OTHER_TENANT,
        resourceGroups: [],
        imageTemplates: [],
        triggers: [],
        locks: [],
        roleAssignments: [],
        roleDefinitions: [],
        userAssignedIdentities: [],
        errors: [],
      },
      {
        subscriptionId: SUB_D,
        displayName: 'Unreadable',
        tenantId: TENANT,
        resourceGroups: null,
        imageTemplates: null,
        triggers: null,
        locks: null,
        roleAssignments: null,
        roleDefinitions: null,
        userAssignedIdentities: null,
        errors: [
          {
            collection: 'subscription',
            code: 'AuthorizationFailed',
            message: 'The client has no access to this subscription.',
          },
        ],
      },
    ],
  };
}
