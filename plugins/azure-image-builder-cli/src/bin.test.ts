import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { tempDir } from './__testUtils__/inputs';

const PACKAGE = path.resolve(__dirname, '..');
const ROOT = path.resolve(PACKAGE, '../..');
const BIN = path.join(PACKAGE, 'bin/aib-scorecard');

// Each run starts Node.js and transforms the TypeScript sources: slow on a busy machine.
jest.setTimeout(120_000);

function spawn(
  command: string,
  args: string[],
  cwd: string,
  extraEnv: Record<string, string> = {},
) {
  const env = { ...process.env, ...extraEnv };
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

  it('runs the build when installed, the sources in the repository', () => {
    const dir = tempDir({
      'dist/index.cjs.js': "process.stdout.write('from dist\\n');",
    });
    try {
      fs.mkdirSync(path.join(dir.path, 'bin'));
      const bin = path.join(dir.path, 'bin/aib-scorecard');
      fs.copyFileSync(BIN, bin);
      const installed = spawn(process.execPath, [bin], dir.path);
      expect(installed.stdout).toBe('from dist\n');
      expect(installed.status).toBe(0);

      dir.write('src/index.js', "process.stdout.write('from src\\n');");
      // The Backstage CLI's transform, found from the temporary folder as from the repository.
      const local = spawn(process.execPath, [bin], dir.path, {
        NODE_PATH: path.join(ROOT, 'node_modules'),
      });
      expect(local.stdout).toBe('from src\n');
      expect(local.status).toBe(0);
    } finally {
      dir.cleanup();
    }
  });
});
