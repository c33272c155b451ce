/*
 * Writes a generated snapshot to a file, for benchmarks that start the portal or the emulator
 * on it:
 *
 *   node --require @backstage/cli/config/nodeTransform.cjs bench/writeSnapshot.ts <templates> <out.json> [owners]
 */
import { writeFileSync } from 'node:fs';
import { generateSnapshot } from './generateSnapshot';

const [templates = '5000', out = 'snapshot.json', owners = '50'] =
  process.argv.slice(2);
const snapshot = generateSnapshot({
  templates: Number(templates),
  owners: Number(owners),
  full: true,
});
writeFileSync(out, JSON.stringify(snapshot));
process.stdout.write(`${out}: ${templates} templates\n`);
