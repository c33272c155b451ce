// Runs the browser tests (packages/app/e2e-tests/*.e2e.mjs) with node's test runner and writes
// { passed, failed, skipped } to the file named by the first argument, for scripts/lib/summary.mjs.
import { spawnSync } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const out = process.argv[2] ?? join(tmpdir(), 'aib-browser-tests.json');
const dir = 'packages/app/e2e-tests';
const files = readdirSync(dir)
  .filter(f => f.endsWith('.e2e.mjs'))
  .map(f => join(dir, f));

const run = spawnSync(
  process.execPath,
  [
    '--test',
    '--test-concurrency=1',
    '--test-reporter=spec',
    '--test-reporter=tap',
    '--test-reporter-destination=stdout',
    `--test-reporter-destination=${out}.tap`,
    ...files,
  ],
  { stdio: 'inherit' },
);

// Count from the TAP summary lines ("# pass N", "# fail N", "# skipped N").
const tap = (await import('node:fs')).readFileSync(`${out}.tap`, 'utf8');
const count = name =>
  Number(tap.match(new RegExp(`^# ${name} (\\d+)`, 'm'))?.[1] ?? 0);
const result = {
  passed: count('pass'),
  failed: count('fail') + count('cancelled'),
  skipped: count('skipped') + count('todo'),
};
if (run.status !== 0 && result.failed === 0) result.failed = 1;
writeFileSync(out, JSON.stringify(result));
process.exit(run.status ?? 1);
