// Prints the closing line of ./scripts/test from the jest JSON report and the browser test report:
// "tests: N passed, N failed, N skipped". Exits non-zero when anything failed or nothing ran.
import { existsSync, readFileSync } from 'node:fs';

let passed = 0;
let failed = 0;
let skipped = 0;
for (const file of process.argv.slice(2)) {
  if (!existsSync(file)) {
    console.error(`summary: missing report ${file}`);
    failed += 1;
    continue;
  }
  const r = JSON.parse(readFileSync(file, 'utf8'));
  // jest --json, or our browser runner's { passed, failed, skipped }.
  passed += r.numPassedTests ?? r.passed ?? 0;
  failed +=
    (r.numFailedTests ?? r.failed ?? 0) + (r.numRuntimeErrorTestSuites ?? 0);
  skipped +=
    (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0) + (r.skipped ?? 0);
}
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
