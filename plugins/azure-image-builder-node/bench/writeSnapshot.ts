/*
 * Writes a generated snapshot to a file, for benchmarks that start the portal or the emulator
 * on it:
 *
 *   node --require @backstage/cli/config/nodeTransform.cjs bench/writeSnapshot.ts <templates> <out.json> [owners] [--small]
 *
 * `--small` writes the small templates instead of `full` ones (see `generateSnapshot`).
 */
import { writeFileSync } from 'node:fs';
import { generateSnapshot } from './generateSnapshot';

const [templates = '5000', out = 'snapshot.json', owners = '50'] = process.argv
  .slice(2)
  .filter(arg => !arg.startsWith('--'));
const snapshot = generateSnapshot({
  templates: Number(templates),
  owners: Number(owners),
  full: !process.argv.includes('--small'),
});
writeFileSync(out, JSON.stringify(snapshot));
process.stdout.write(`${out}: ${templates} templates\n`);
