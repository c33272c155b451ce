/*
 * Benchmark: scores a generated snapshot of N image templates (default 10,000) with the built-in
 * rules, as the backend does every scan (index, rules, redaction, exemptions off), and prints wall
 * and CPU time of each run (first, median, best: the machine may be shared, so CPU time is the
 * steadier figure) and memory. Templates are `full` ones (see `generateSnapshot`), which exercise
 * all 18 rules; `--small` scores the small templates instead.
 *
 *   yarn workspace @aib-scorecards/plugin-azure-image-builder-node bench [templates] [runs] [--small]
 *
 * With `node --expose-gc` (as the `bench` script runs it) the heap is collected before each run,
 * as it would be between scans minutes apart, and `liveHeapMB` is what the scorecards of the last
 * run and the snapshot hold once garbage is gone.
 */
import { createRuleEngine, scoreSnapshot, SnapshotIndex } from '../src';
import { DEFAULT_OWNERSHIP } from '../src/config';
import { generateSnapshot } from './generateSnapshot';

const args = process.argv.slice(2).filter(a => !a.startsWith('--'));
const small = process.argv.includes('--small');
const count = Number(args[0] ?? 10_000);
const runs = Number(args[1] ?? 5);

const snapshot = generateSnapshot({
  templates: count,
  full: !small,
  capturedAt: '2026-11-26T00:00:00.000Z',
});
const engine = createRuleEngine();
const options = {
  engine,
  sourceId: 'bench',
  ownership: DEFAULT_OWNERSHIP,
  now: new Date('2026-11-26T00:00:00.000Z'),
};
global.gc?.();
const heapBefore = process.memoryUsage().heapUsed;
const wall: number[] = [];
const cpu: number[] = [];
let cards: ReturnType<typeof scoreSnapshot> = [];
let peakRss = 0;
let firstRunRss = 0;
for (let r = 0; r < runs; r++) {
  // The previous run's scorecards are garbage now, as they are after the backend stores them.
  cards = [];
  global.gc?.();
  const c0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  const index = SnapshotIndex.build(snapshot);
  cards = scoreSnapshot(snapshot, { ...options, index });
  wall.push(Number(process.hrtime.bigint() - t0) / 1e6);
  const c = process.cpuUsage(c0);
  cpu.push((c.user + c.system) / 1000);
  const rss = process.memoryUsage().rss;
  if (r === 0) firstRunRss = rss;
  peakRss = Math.max(peakRss, rss);
}
const mem = process.memoryUsage();
global.gc?.();
const liveHeap = global.gc ? process.memoryUsage().heapUsed : undefined;
const findings = cards.reduce((n, card) => n + card.findings.length, 0);
const evidence = cards.reduce(
  (n, card) => card.findings.reduce((m, f) => m + f.evidence.length, n),
  0,
);

/** First, median and best of a list of times, rounded to ms. */
function summary(times: number[]) {
  const sorted = [...times].sort((a, b) => a - b);
  return {
    first: Math.round(times[0]),
    median: Math.round(sorted[Math.floor(sorted.length / 2)]),
    best: Math.round(sorted[0]),
  };
}

console.log(
  JSON.stringify(
    {
      templates: count,
      templateKind: small ? 'small' : 'full',
      scorecards: cards.length,
      rules: engine.rules.length,
      findings,
      evidence,
      runs,
      wallMs: summary(wall),
      cpuMs: summary(cpu),
      firstRunRssMB: Math.round(firstRunRss / 2 ** 20),
      peakRssMB: Math.round(peakRss / 2 ** 20),
      rssMB: Math.round(mem.rss / 2 ** 20),
      heapUsedMB: Math.round(mem.heapUsed / 2 ** 20),
      heapGrowthMB: Math.round((mem.heapUsed - heapBefore) / 2 ** 20),
      ...(liveHeap !== undefined
        ? { liveHeapMB: Math.round(liveHeap / 2 ** 20) }
        : {}),
    },
    null,
    2,
  ),
);
