/*
 * Benchmark: scores a generated snapshot of N image templates (default 10,000) with the built-in
 * rules, as the backend does every scan, and prints wall time and memory.
 *
 *   yarn workspace @aib-scorecards/plugin-azure-image-builder-node bench [templates] [runs]
 */
import { createRuleEngine, scoreSnapshot, SnapshotIndex } from '../src';
import { DEFAULT_OWNERSHIP } from '../src/config';
import { generateSnapshot } from './generateSnapshot';

const count = Number(process.argv[2] ?? 10_000);
const runs = Number(process.argv[3] ?? 5);

const snapshot = generateSnapshot({ templates: count });
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
