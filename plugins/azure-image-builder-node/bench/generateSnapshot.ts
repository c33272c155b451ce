/*
 * Generates large snapshots for benchmarks: templates with a realistic mix of passing and failing
 * rules (locks, triggers, checksums, subnets, boot optimization, last runs), spread over
 * subscriptions and owners. Deterministic: the same options give the same snapshot.
 *
 *   import { generateSnapshot } from '<repo>/plugins/azure-image-builder-node/bench/generateSnapshot';
 *   generateSnapshot({ templates: 5000, subscriptions: 10, owners: i => (i < 1000 ? 'platform' : `team-${i % 40}`) });
 */
import {
  ArmResource,
  Snapshot,
  SnapshotSubscription,
} from '@aib-scorecards/plugin-azure-image-builder-common';

/** Options of {@link generateSnapshot}. */
export interface GenerateSnapshotOptions {
  /** How many image templates. */
  templates: number;
  /** How many subscriptions share them (in equal contiguous blocks); default one per 500. */
  subscriptions?: number;
  /**
   * The `owner` tag of template `i` (0-based): a number of teams (`team-0` … `team-<n-1>`, round
   * robin), a list of tag values (round robin), or a function of the index. Default 50 teams.
   */
  owners?: number | readonly string[] | ((index: number) => string);
  /** `capturedAt` of the snapshot; default now. */
  capturedAt?: string;
}

const RUN_STATES = ['Succeeded', 'Succeeded', 'Succeeded', 'Failed', 'Running'];

function ownerFor(
  owners: GenerateSnapshotOptions['owners'],
): (index: number) => string {
  if (typeof owners === 'function') return owners;
  if (Array.isArray(owners)) {
    if (owners.length === 0) throw new Error('owners must not be empty');
    return i => owners[i % owners.length];
  }
  const teams = typeof owners === 'number' ? owners : 50;
  if (!(teams >= 1)) throw new Error('owners must be at least 1');
  return i => `team-${i % teams}`;
}

function subscriptionId(s: number): string {
  return `00000000-0000-4000-8000-${String(s).padStart(12, '0')}`;
}

function template(sub: string, i: number, owner: string): ArmResource {
  const rg = `rg-images-${i % 20}`;
  const id = `/subscriptions/${sub}/resourceGroups/${rg}/providers/Microsoft.VirtualMachineImages/imageTemplates/it-${i}`;
  const start = Date.UTC(2026, 10, 1) + (i % 1000) * 3_600_000;
  return {
    id,
    name: `it-${i}`,
    type: 'Microsoft.VirtualMachineImages/imageTemplates',
    location: i % 2 ? 'westeurope' : 'northeurope',
    tags: { owner, 'image-family': `family-${i % 100}` },
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
          scriptUri: `https://example.blob.core.windows.net/s/setup-${i}.sh?sv=2022&sig=abc${i}`,
          sha256Checksum: i % 3 ? 'ab'.repeat(32) : '',
        },
        {
          type: 'Shell',
          name: 'inline',
          inline: ['sudo apt-get update', 'sudo apt-get -y upgrade'],
        },
      ],
      distribute: [
        {
          type: 'SharedImage',
          galleryImageId: `/subscriptions/${sub}/resourceGroups/rg-gallery/providers/Microsoft.Compute/galleries/g/images/img-${
            i % 100
          }`,
          runOutputName: 'out',
          targetRegions: [{ name: 'westeurope', replicaCount: 3 }],
        },
      ],
      vmProfile: {
        vmSize: 'Standard_D4s_v5',
        osDiskSizeGB: 128,
        vnetConfig:
          i % 4
            ? {
                subnetId: `/subscriptions/${sub}/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/v/subnets/build`,
              }
            : undefined,
      },
      optimize: i % 2 ? { vmBoot: { state: 'Enabled' } } : undefined,
      provisioningState: 'Succeeded',
      // Every seventh template has never run.
      lastRunStatus:
        i % 7 === 6
          ? undefined
          : {
              runState: RUN_STATES[i % RUN_STATES.length],
              runSubState: 'Distributing',
              startTime: new Date(start).toISOString(),
              endTime: new Date(start + 2_700_000).toISOString(),
              message: '',
            },
    },
  };
}

/**
 * A snapshot of `templates` generated image templates (see {@link GenerateSnapshotOptions}).
 * Every template has a source trigger; every third one a delete lock.
 */
export function generateSnapshot(options: GenerateSnapshotOptions): Snapshot {
  const count = options.templates;
  const subscriptionCount =
    options.subscriptions ?? Math.max(1, Math.ceil(count / 500));
  if (!(subscriptionCount >= 1)) throw new Error('subscriptions must be >= 1');
  const ownerOf = ownerFor(options.owners);
  const perSubscription = Math.ceil(count / subscriptionCount);

  const subscriptions: SnapshotSubscription[] = [];
  for (let s = 0; s < subscriptionCount; s++) {
    const sub = subscriptionId(s);
    const templates: ArmResource[] = [];
    for (
      let i = s * perSubscription;
      i < Math.min(count, (s + 1) * perSubscription);
      i++
    ) {
      templates.push(template(sub, i, ownerOf(i)));
    }
    subscriptions.push({
      subscriptionId: sub,
      displayName: `Images ${s}`,
      tags: {},
      resourceGroups: [],
      imageTemplates: templates,
      triggers: templates.map(t => ({
        id: `${t.id}/triggers/source`,
        name: 'source',
        properties: {
          kind: 'SourceImage',
          provisioningState: 'Succeeded',
          status: { code: 'Healthy' },
        },
      })),
      locks: templates
        .filter((_, i) => i % 3 === 0)
        .map(t => ({
          id: `${t.id}/providers/Microsoft.Authorization/locks/keep`,
          name: 'keep',
          properties: { level: 'CanNotDelete' },
        })),
      roleAssignments: [],
      roleDefinitions: [],
      userAssignedIdentities: [],
      errors: [],
    });
  }
  return {
    kind: 'aib-scorecards/snapshot',
    version: 1,
    capturedAt: options.capturedAt ?? new Date().toISOString(),
    subscriptions,
  };
}
