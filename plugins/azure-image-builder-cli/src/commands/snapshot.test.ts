/*
 * `aib-scorecard snapshot` against the ARM emulator: in-process (the emulator's CA passed as an
 * option), and once as the real command (`yarn aib-scorecard`, trusting the CA through
 * NODE_EXTRA_CA_CERTS, as a user would).
 */
import { Snapshot } from '@aib-scorecards/plugin-azure-image-builder-common';
import { parseSnapshot } from '@aib-scorecards/plugin-azure-image-builder-node';
import { ArmEmulator, startArmEmulator } from 'azure-arm-emulator';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { runCli } from '../cli';
import { tempDir } from '../__testUtils__/inputs';
import { memoryIo } from '../__testUtils__/io';
import { snapshotCommand } from './snapshot';

const ROOT = path.resolve(__dirname, '../../../..');
const EXAMPLE = path.join(ROOT, 'examples/azure-snapshot.json');
const CLIENT_ID = '6a1e4c55-0000-4000-8000-00000000c11e';
const CLIENT_SECRET = 'cli-test-secret-value';

jest.setTimeout(120_000);

function example(): Snapshot {
  return JSON.parse(fs.readFileSync(EXAMPLE, 'utf8'));
}

/** An app-config with the emulator as source `emulator` and the example file as `demo`. */
function appConfig(emulator: ArmEmulator, secret = CLIENT_SECRET) {
  return `azureImageBuilder:
  sources:
    - id: emulator
      type: azure
      credential:
        type: clientSecret
        tenantId: ${emulator.tenants[0]}
        clientId: ${CLIENT_ID}
        clientSecret: ${secret}
      endpoints:
        resourceManager: ${emulator.url}
        authorityHost: ${emulator.url}
    - id: demo
      type: file
      path: ${EXAMPLE}
`;
}

describe('aib-scorecard snapshot', () => {
  let emulator: ArmEmulator;
  let dir: ReturnType<typeof tempDir>;

  beforeAll(async () => {
    emulator = await startArmEmulator({
      snapshot: example(),
      clients: { [CLIENT_ID]: CLIENT_SECRET },
    });
  });
  afterAll(() => emulator.stop());
  beforeEach(() => {
    dir = tempDir();
    emulator.setFaults(undefined);
  });
  afterEach(() => dir.cleanup());

  const run = (
    options: { source?: string; out?: string; config?: string },
    io = memoryIo({ cwd: dir.path }),
  ) =>
    snapshotCommand(
      {
        config: [
          options.config ?? dir.write('app-config.yaml', appConfig(emulator)),
        ],
        source: options.source,
        out: options.out ?? 'snap.json',
        azure: { ca: emulator.caPem, retryOptions: { maxRetries: 0 } },
      },
      io.io,
    ).then(code => ({ code, stdout: io.stdout(), stderr: io.stderr() }));

  it('writes the snapshot read from live Azure (the emulator)', async () => {
    const result = await run({ source: 'emulator' });
    expect(result).toMatchObject({ code: 0, stdout: '' });
    // The collections the snapshot has as unreadable come back unreadable, with a warning.
    expect(result.stderr).toContain(
      "aib-scorecard: warning: Subscription 9c4d2a71-1e5b-4a3c-8f26-7b0e5d3c9a42: could not read roleAssignments (AuthorizationFailed: The client 'sp-aib-scorecards@example.com'",
    );
    expect(result.stderr).toContain(
      'aib-scorecard: warning: Subscription e2a75c19-8d3f-4b61-a0c4-53f9b8e1d6a7: could not read locks (AuthorizationFailed: ',
    );
    expect(result.stderr).toContain(
      'aib-scorecard: wrote snap.json: 3 subscriptions, 10 image templates; 2 collections could not be read (null in the snapshot, see its errors)\n',
    );
    const written = parseSnapshot(
      fs.readFileSync(path.join(dir.path, 'snap.json'), 'utf8'),
    );
    expect(written.problems).toEqual([]);
    const served = example();
    expect(
      written.snapshot.subscriptions.map(s => s.imageTemplates?.length),
    ).toEqual(served.subscriptions.map(s => s.imageTemplates?.length));
    expect(written.snapshot.subscriptions[0].imageTemplates).toEqual(
      served.subscriptions[0].imageTemplates,
    );
    expect(written.snapshot.subscriptions[2].locks).toBeNull();
  });

  it('writes to stdout with --out -, and reads a file source too', async () => {
    const result = await run({ source: 'demo', out: '-' });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).subscriptions).toHaveLength(3);
    expect(result.stderr).toBe(
      'aib-scorecard: wrote the snapshot to stdout: 3 subscriptions, 10 image templates; 2 collections could not be read (null in the snapshot, see its errors)\n',
    );
  });

  it('keeps a collection Azure refuses as null, with a warning', async () => {
    emulator.setFaults('forbid:collection=locks');
    const result = await run({ source: 'emulator' });
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(
      /aib-scorecard: warning: Subscription 6b1f3e2a-4c8d-4f0e-9a57-2e8d1c4b7f10: could not read locks \(AuthorizationFailed: /,
    );
    const written = JSON.parse(
      fs.readFileSync(path.join(dir.path, 'snap.json'), 'utf8'),
    );
    expect(written.subscriptions[0].locks).toBeNull();
    expect(written.subscriptions[0].errors).toEqual([
      expect.objectContaining({
        collection: 'locks',
        code: 'AuthorizationFailed',
      }),
    ]);
  });

  it('exits 2 when the source cannot be read, and leaves no file', async () => {
    const config = dir.write('bad.yaml', appConfig(emulator, 'wrong-secret'));
    const result = await run({ source: 'emulator', config });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /^aib-scorecard: could not read source "emulator": Azure source "emulator": could not get a token \(credential type "clientSecret"/,
    );
    expect(result.stderr).not.toContain('wrong-secret');
    expect(fs.readdirSync(dir.path)).toEqual(['bad.yaml']);
  });

  it('needs --source when several sources are configured, and names them', async () => {
    expect(await run({})).toMatchObject({
      code: 2,
      stderr:
        'aib-scorecard: several sources are configured ("emulator", "demo"): choose one with --source <id>\n',
    });
    expect(await run({ source: 'prod' })).toMatchObject({
      code: 2,
      stderr:
        'aib-scorecard: no source "prod" is configured (configured: "emulator", "demo")\n',
    });
  });

  it('shows progress on a terminal only', async () => {
    const tty = memoryIo({ cwd: dir.path });
    (tty.io.stderr as { isTTY?: boolean }).isTTY = true;
    const result = await run({ source: 'emulator' }, tty);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(
      '\r\x1b[Kaib-scorecard: reading source "emulator": 3/3 subscriptions, 26 calls',
    );
    const plain = await run({ source: 'emulator' });
    expect(plain.stderr).not.toContain('\r');
  });

  it('is a command of the CLI: --out and --config are required', async () => {
    const io = memoryIo({ cwd: dir.path });
    expect(await runCli(['snapshot', '--config', 'x.yaml'], io.io)).toBe(2);
    expect(io.stderr()).toContain(
      "error: required option '-o, --out <file>' not specified",
    );
    const io2 = memoryIo({ cwd: dir.path });
    expect(await runCli(['snapshot', '--out', 'x.json'], io2.io)).toBe(2);
    expect(io2.stderr()).toContain(
      'aib-scorecard: snapshot needs --config <app-config.yaml>',
    );
  });

  it('runs as `yarn aib-scorecard snapshot`, trusting the emulator through NODE_EXTRA_CA_CERTS', async () => {
    const ca = dir.write('emulator-ca.pem', emulator.caPem);
    const config = dir.write('app-config.yaml', appConfig(emulator));
    const out = path.join(dir.path, 'out.json');
    const child = spawn(
      'yarn',
      [
        'aib-scorecard',
        'snapshot',
        '--config',
        config,
        '--source',
        'emulator',
        '--out',
        out,
      ],
      { cwd: ROOT, env: { ...process.env, NODE_EXTRA_CA_CERTS: ca } },
    );
    let stderr = '';
    child.stderr.on('data', chunk => {
      stderr += chunk;
    });
    const code = await new Promise(resolve => child.on('close', resolve));
    expect({ code, stderr }).toMatchObject({
      code: 0,
      stderr: expect.stringContaining(
        `wrote ${out}: 3 subscriptions, 10 image templates`,
      ),
    });
    expect(JSON.parse(fs.readFileSync(out, 'utf8')).kind).toBe(
      'aib-scorecards/snapshot',
    );
  });
});
