import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { tempDir } from './__testUtils__/inputs';

const PACKAGE = path.resolve(__dirname, '..');
const ROOT = path.resolve(PACKAGE, '../..');
const BIN = path.join(PACKAGE, 'bin/aib-scorecard');

// Each run starts Node.js and transforms the TypeScript sources: slow on a busy machine.
jest.setTimeout(120_000);

function spawn(command: string, args: string[], cwd: string) {
  const env = { ...process.env };
  delete env.NO_COLOR;
  const result = spawnSync(command, args, { cwd, env, encoding: 'utf8' });
  if (result.error) throw result.error;
  return result;
}

describe('the aib-scorecard command, end to end', () => {
  it('runs as `yarn aib-scorecard` from the repository root', () => {
    const result = spawn(
      'yarn',
      [
        'aib-scorecard',
        'score',
        'examples/azure-snapshot.json',
        '--format',
        'json',
        '--fail-on',
        'high',
      ],
      ROOT,
    );
    expect(result.status).toBe(1);
    const json = JSON.parse(result.stdout);
    expect(json.scorecards).toHaveLength(10);
    expect(result.stderr).toMatch(
      /aib-scorecard: \d+ failing findings? of severity high \(--fail-on high\)/,
    );
  });

  it('exits 2 naming a file it cannot read', () => {
    const result = spawn(
      process.execPath,
      [BIN, 'score', 'no/such/file.json'],
      ROOT,
    );
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(
      'aib-scorecard: no/such/file.json: file not found',
    );
  });

  it('runs the build when there is one', () => {
    const dir = tempDir({
      'dist/index.cjs.js': "process.stdout.write('from dist\\n');",
    });
    try {
      fs.mkdirSync(path.join(dir.path, 'bin'));
      fs.copyFileSync(BIN, path.join(dir.path, 'bin/aib-scorecard'));
      const result = spawn(
        process.execPath,
        [path.join(dir.path, 'bin/aib-scorecard')],
        dir.path,
      );
      expect(result.stdout).toBe('from dist\n');
      expect(result.status).toBe(0);
    } finally {
      dir.cleanup();
    }
  });
});
