// Small hand-written snapshots for this package's tests (not the shared fixtures).
import {
  ArmResource,
  SNAPSHOT_KIND,
  SNAPSHOT_VERSION,
  Snapshot,
  SnapshotCollectionError,
  SnapshotSubscription,
} from '@aib-scorecards/plugin-azure-image-builder-common';

export const SUB_A = '00000000-0000-0000-0000-00000000000a';
export const SUB_B = '00000000-0000-0000-0000-00000000000b';

export function imageTemplate(
  subscriptionId: string,
  name: string,
  options: { resourceGroup?: string; tags?: Record<string, string> } = {},
): ArmResource {
  const resourceGroup = options.resourceGroup ?? 'rg-images';
  return {
    id: `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}/providers/Microsoft.VirtualMachineImages/imageTemplates/${name}`,
    name,
    type: 'Microsoft.VirtualMachineImages/imageTemplates',
    location: 'westeurope',
    ...(options.tags ? { tags: options.tags } : {}),
    identity: { type: 'None' },
    properties: {
      source: {
        type: 'PlatformImage',
        publisher: 'Canonical',
        offer: 'ubuntu-24_04-lts',
        sku: 'server',
        version: 'latest',
      },
      customize: [
        { type: 'Shell', name: 'update', inline: ['sudo apt-get update'] },
      ],
      distribute: [
        {
          type: 'ManagedImage',
          runOutputName: `${name}-out`,
          imageId: `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}/providers/Microsoft.Compute/images/${name}`,
          location: 'westeurope',
        },
      ],
      vmProfile: { vmSize: 'Standard_D2s_v3' },
      provisioningState: 'Succeeded',
    },
  };
}

export function subscription(
  subscriptionId: string,
  imageTemplates: ArmResource[] | null,
  options: {
    tags?: Record<string, string>;
    resourceGroups?: ArmResource[];
    errors?: SnapshotCollectionError[];
  } = {},
): SnapshotSubscription {
  return {
    subscriptionId,
    displayName: `Subscription ${subscriptionId.slice(-1)}`,
    ...(options.tags ? { tags: options.tags } : {}),
    resourceGroups: options.resourceGroups ?? [],
    imageTemplates,
    triggers: [],
    locks: [],
    roleAssignments: [],
    roleDefinitions: [],
    userAssignedIdentities: [],
    errors: options.errors ?? [],
  };
}

export function snapshot(...subscriptions: SnapshotSubscription[]): Snapshot {
  return {
    kind: SNAPSHOT_KIND,
    version: SNAPSHOT_VERSION,
    capturedAt: '2026-11-20T10:00:00Z',
    subscriptions,
  };
}
