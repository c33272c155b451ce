/* A small valid snapshot for the tests of this folder (plain JSON, as a file would hold it). */

export const SUB_A = '00000000-0000-0000-0000-00000000000a';
export const SUB_B = '00000000-0000-0000-0000-00000000000b';

export function templateId(sub: string, name: string, rg = 'rg-images') {
  return `/subscriptions/${sub}/resourceGroups/${rg}/providers/Microsoft.VirtualMachineImages/imageTemplates/${name}`;
}

export function template(sub: string, name: string): any {
  return {
    id: templateId(sub, name),
    name,
    type: 'Microsoft.VirtualMachineImages/imageTemplates',
    location: 'westeurope',
    tags: { owner: 'team-images' },
    identity: { type: 'UserAssigned', userAssignedIdentities: {} },
    properties: {
      source: {
        type: 'PlatformImage',
        publisher: 'Canonical',
        offer: 'ubuntu-24_04-lts',
        sku: 'server',
        version: 'latest',
      },
      customize: [
        {
          type: 'Shell',
          name: 'setup',
          scriptUri: 'https://example.com/setup.sh',
          sha256Checksum: 'abc',
        },
      ],
      distribute: [
        { type: 'ManagedImage', runOutputName: 'out', location: 'westeurope' },
      ],
      vmProfile: { vmSize: 'Standard_D2s_v3' },
      optimize: { vmBoot: { state: 'Enabled' } },
    },
  };
}

export function validSnapshot(): any {
  return {
    kind: 'aib-scorecards/snapshot',
    version: 1,
    capturedAt: '2026-11-20T10:00:00Z',
    subscriptions: [
      {
        subscriptionId: SUB_A,
        displayName: 'Platform Production',
        tenantId: '11111111-1111-1111-1111-111111111111',
        tags: { owner: 'platform' },
        resourceGroups: [
          {
            id: `/subscriptions/${SUB_A}/resourceGroups/rg-images`,
            name: 'rg-images',
            location: 'westeurope',
            tags: { owner: 'group:default/rg-owners' },
          },
        ],
        imageTemplates: [template(SUB_A, 'ubuntu'), template(SUB_A, 'windows')],
        triggers: [],
        locks: null,
        roleAssignments: [],
        roleDefinitions: [],
        userAssignedIdentities: [],
        errors: [
          { collection: 'locks', code: 'AuthorizationFailed', message: 'no' },
        ],
      },
      {
        subscriptionId: SUB_B,
        imageTemplates: [template(SUB_B, 'ubuntu')],
      },
    ],
  };
}
