/*
 * Benchmark: scores a generated snapshot of N image templates (default 10,000) with the built-in
 * rules, as the backend does every scan, and prints wall time and memory.
 *
 *   yarn workspace @aib-scorecards/plugin-azure-image-builder-node bench [templates] [runs]
 */
import {
  ArmResource,
  Snapshot,
} from '@aib-scorecards/plugin-azure-image-builder-common';
import { createRuleEngine, scoreSnapshot, SnapshotIndex } from '../src';
import { DEFAULT_OWNERSHIP } from '../src/config';

const count = Number(process.argv[2] ?? 10_000);
const runs = Number(process.argv[3] ?? 5);

function generate(n: number): Snapshot {
  const subscriptions = [];
  const perSubscription = 500;
  for (let s = 0; s * perSubscription < n; s++) {
    const sub = `00000000-0000-4000-8000-${String(s).padStart(12, '0')}`;
    const templates: ArmResource[] = [];
    for (
      let i = s * perSubscription;
      i < Math.min(n, (s + 1) * perSubscription);
      i++
    ) {
      const rg = `rg-images-${i % 20}`;
      const id = `/subscriptions/${sub}/resourceGroups/${rg}/providers/Microsoft.VirtualMachineImages/imageTemplates/it-${i}`;
      templates.push({
        id,
        name: `it-${i}`,
        type: 'Microsoft.VirtualMachineImages/imageTemplates',
        location: i % 2 ? 'westeurope' : 'northeurope',
        tags: { owner: `team-${i % 50}`, 'image-family': `family-${i % 100}` },
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
        },
      });
    }
    subscriptions.push({
      subscriptionId: sub,
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
    capturedAt: new Date().toISOString(),
    subscriptions,
  };
}

const snapshot = generate(count);
const engine = createRuleEngine();
const options = { engine, sourceId: 'bench', ownership: DEFAULT_OWNERSHIP };
global.gc?.();
const heapBefore = process.memoryUsage().heapUsed;
const times: number[] = [];
let cards = 0;
for (let r = 0; r < runs; r++) {
  const t0 = process.hrtime.bigint();
  const index = SnapshotIndex.build(snapshot);
  cards = scoreSnapshot(snapshot, { ...options, index }).length;
  times.push(Number(process.hrtime.bigint() - t0) / 1e6);
}
const mem = process.memoryUsage();
const sorted = [...times].sort((a, b) => a - b);
console.log(
  JSON.stringify(
    {
      templates: count,
      scorecards: cards,
      rules: engine.rules.length,
      runs,
      firstRunMs: Math.round(times[0]),
      medianMs: Math.round(sorted[Math.floor(sorted.length / 2)]),
      bestMs: Math.round(sorted[0]),
      rssMB: Math.round(mem.rss / 2 ** 20),
      heapUsedMB: Math.round(mem.heapUsed / 2 ** 20),
      heapGrowthMB: Math.round((mem.heapUsed - heapBefore) / 2 ** 20),
    },
    null,
    2,
  ),
);
