import {
  ArmResource,
  Snapshot,
  SNAPSHOT_KIND,
  SnapshotCollectionError,
  SnapshotSubscription,
} from '@aib-scorecards/plugin-azure-image-builder-common';

/** Test helper: a small, well-formed image template (ARM wire JSON). */
export function imageTemplate(
  subscriptionId: string,
  name: string,
  properties: Record<string, unknown> = {},
): ArmResource {
  return {
    id: `/subscriptions/${subscriptionId}/resourceGroups/rg-images/providers/Microsoft.VirtualMachineImages/imageTemplates/${name}`,
    name,
    type: 'Microsoft.VirtualMachineImages/imageTemplates',
    location: 'westeurope',
    tags: { owner: 'team-images' },
    properties: {
      source: {
        type: 'PlatformImage',
        publisher: 'Canonical',
        offer: 'ubuntu-24_04-lts',
        sku: 'server',
        version: 'latest',
      },
      customize: [],
      distribute: [],
      ...properties,
    },
  };
}

/** Test helper: a subscription; `imageTemplates: null` means they could not be listed. */
export function subscription(
  subscriptionId: string,
  imageTemplates: ArmResource[] | null,
  options: { locks?: ArmResource[]; errors?: SnapshotCollectionError[] } = {},
): SnapshotSubscription {
  return {
    subscriptionId,
    resourceGroups: [],
    imageTemplates,
    triggers: [],
    locks: options.locks ?? [],
    roleAssignments: [],
    roleDefinitions: [],
    userAssignedIdentities: [],
    errors: options.errors ?? [],
  };
}

/** Test helper: a snapshot of some subscriptions. */
export function snapshot(...subscriptions: SnapshotSubscription[]): Snapshot {
  return {
    kind: SNAPSHOT_KIND,
    version: 1,
    capturedAt: '2026-11-20T10:00:00Z',
    subscriptions,
  };
}
