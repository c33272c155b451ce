import { createRuleEngine, scoreSnapshot, SnapshotIndex, builtinRules } from '../src';
import { DEFAULT_OWNERSHIP } from '../src/config';
const mine = new Set(['dr-replicated-template','dr-multi-region-distribution','source-image-trigger','gallery-replica-count','gallery-zone-redundant-storage','gallery-lock']);
// reuse generator by requiring the bench module would run it; copy minimal generator instead
function gen(n: number, oneFamily: boolean) {
  const subs: any[] = [];
  for (let s = 0; s * 500 < n; s++) {
    const sub = `00000000-0000-4000-8000-${String(s).padStart(12, '0')}`;
    const ts: any[] = [];
    for (let i = s * 500; i < Math.min(n, (s + 1) * 500); i++) {
      ts.push({ id: `/subscriptions/${sub}/resourceGroups/rg-${i % 20}/providers/Microsoft.VirtualMachineImages/imageTemplates/it-${i}`,
        name: `it-${i}`, location: i % 2 ? 'westeurope' : 'northeurope', tags: { 'image-family': oneFamily ? 'all' : `f-${i % 100}` },
        properties: { source: { type: 'PlatformImage', version: 'latest' }, distribute: [{ type: 'SharedImage', galleryImageId: `/subscriptions/${sub}/resourceGroups/g/providers/Microsoft.Compute/galleries/g/images/img-${i % 100}`, targetRegions: [{ name: 'westeurope', replicaCount: 3 }] }] } });
    }
    subs.push({ subscriptionId: sub, resourceGroups: [], imageTemplates: ts, triggers: ts.map(t => ({ id: `${t.id}/triggers/source`, properties: { kind: 'SourceImage', provisioningState: 'Succeeded', status: { code: 'Healthy' } } })), locks: [], roleAssignments: [], roleDefinitions: [], userAssignedIdentities: [], errors: [] });
  }
  return { kind: 'aib-scorecards/snapshot', version: 1, capturedAt: new Date().toISOString(), subscriptions: subs } as any;
}
const engine = createRuleEngine({ rules: builtinRules.filter(r => mine.has(r.metadata.id)) });
for (const oneFamily of [false, true]) for (const n of [10000, 20000, 40000]) {
  const snap = gen(n, oneFamily);
  const times = [];
  for (let r = 0; r < 3; r++) { const t0 = Date.now(); const index = SnapshotIndex.build(snap); scoreSnapshot(snap, { engine, sourceId: 'b', ownership: DEFAULT_OWNERSHIP, index }); times.push(Date.now() - t0); }
  console.log(JSON.stringify({ n, oneFamily, bestMs: Math.min(...times) }));
}
