/*
 * The command as users run it: a child process, trusted by another child process through
 * NODE_EXTRA_CA_CERTS (which Node reads only at start, hence a second process).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { TENANT, testSnapshot } from '../__testUtils__/testSnapshot';

const BIN = path.resolve(__dirname, '../../bin/azure-arm-emulator');

interface Exit {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(args: string[], env: NodeJS.ProcessEnv = {}): Promise<Exit> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      env: { ...process.env, ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', chunk => (stdout += chunk));
    child.stderr.on('data', chunk => (stderr += chunk));
    child.on('error', reject);
    child.on('close', code => resolve({ code, stdout, stderr }));
  });
}

function firstLine(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let buffered = '';
    let stderr = '';
    child.stderr!.on('data', chunk => (stderr += chunk));
    child.stdout!.on('data', chunk => {
      buffered += chunk;
      const newline = buffered.indexOf('\n');
      if (newline >= 0) resolve(buffered.slice(0, newline));
    });
    child.on('close', code =>
      reject(
        new Error(`emulator exited (${code}) before it was ready: ${stderr}`),
      ),
    );
  });
}

const FETCH_ISSUER = `fetch(process.argv[1]).then(r => r.json()).then(j => console.log(j.issuer), e => { console.error(e.cause?.code ?? e.message); process.exit(3); })`;

describe('the azure-arm-emulator command', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'arm-emulator-cli-'));
    await fs.writeFile(
      path.join(dir, 'snapshot.json'),
      JSON.stringify(testSnapshot()),
    );
  });
  afterAll(() => fs.rm(dir, { recursive: true, force: true }));

  it('prints a ready line, writes its CA, is trusted through NODE_EXTRA_CA_CERTS, logs, and stops on SIGTERM', async () => {
    const caFile = path.join(dir, 'out', 'ca.pem');
    const logFile = path.join(dir, 'requests.jsonl');
    const emulator = spawn(process.execPath, [
      BIN,
      '--snapshot',
      path.join(dir, 'snapshot.json'),
      '--cert-out',
      caFile,
      '--log',
      logFile,
      '--page-size',
      '2',
    ]);
    const closed = new Promise<number | null>(resolve =>
      emulator.on('close', resolve),
    );
    try {
      const ready = JSON.parse(await firstLine(emulator));
      expect(ready).toMatchObject({
        event: 'ready',
        url: expect.stringMatching(/^https:\/\/127\.0\.0\.1:\d+$/),
        caFile,
        tenants: [TENANT, '22222222-2222-4222-8222-222222222222'],
        templates: 7,
        pageSize: 2,
      });
      expect(ready.authorityHost).toBe(ready.url);
      expect(await fs.readFile(caFile, 'utf8')).toMatch(
        /^-----BEGIN CERTIFICATE-----/,
      );

      const discovery = `${ready.url}/${TENANT}/v2.0/.well-known/openid-configuration`;
      const trusted = await run(['-e', FETCH_ISSUER, discovery], {
        NODE_EXTRA_CA_CERTS: caFile,
      });
      expect(trusted).toMatchObject({ code: 0 });
      expect(trusted.stdout.trim()).toBe(`${ready.url}/${TENANT}/v2.0`);

      const untrusted = await run(['-e', FETCH_ISSUER, discovery], {
        NODE_EXTRA_CA_CERTS: '',
      });
      expect(untrusted.code).toBe(3);
      expect(untrusted.stderr).toMatch(
        /UNABLE_TO_VERIFY_LEAF_SIGNATURE|SELF_SIGNED|unable to verify/i,
      );
    } finally {
      emulator.kill('SIGTERM');
    }
    expect(await closed).toBe(0);
    const lines = (await fs.readFile(logFile, 'utf8')).trim().split('\n');
    expect(lines.map(line => JSON.parse(line).route)).toEqual([
      'openidConfiguration',
    ]);
  }, 60_000);

  it('exits 2 with the usage on bad arguments', async () => {
    const result = await run([BIN, '--snapshot', 's.json', '--port', 'x']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--port must be a non-negative integer');
    expect(result.stderr).toContain('Usage: yarn azure-arm-emulator');
  }, 60_000);

  it('exits 1 naming the snapshot file it cannot read', async () => {
    const missing = path.join(dir, 'missing.json');
    const result = await run([BIN, '--snapshot', missing]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${missing}: file not found`);
  }, 60_000);
});
