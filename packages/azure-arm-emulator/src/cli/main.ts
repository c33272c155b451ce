import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadSnapshotFile } from '../snapshot/loadSnapshot';
import { startArmEmulator } from '../server/startArmEmulator';
import { parseCliArgs, USAGE, type CliOptions } from './parseCliArgs';

const PROGRAM = 'azure-arm-emulator';

async function writeCa(
  caPem: string,
  certOut: string | undefined,
): Promise<{ caFile: string; cleanup: () => Promise<void> }> {
  if (certOut) {
    const caFile = path.resolve(certOut);
    await fs.mkdir(path.dirname(caFile), { recursive: true });
    await fs.writeFile(caFile, caPem);
    return { caFile, cleanup: async () => {} };
  }
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), `${PROGRAM}-`));
  const caFile = path.join(dir, 'ca.pem');
  await fs.writeFile(caFile, caPem);
  return {
    caFile,
    cleanup: () => fs.rm(dir, { recursive: true, force: true }),
  };
}

async function run(options: CliOptions): Promise<void> {
  const { snapshot, warnings } = await loadSnapshotFile(options.snapshot);
  for (const warning of warnings) {
    process.stderr.write(`${PROGRAM}: warning: ${warning}\n`);
  }
  const emulator = await startArmEmulator({
    snapshot,
    port: options.port,
    pageSize: options.pageSize,
    faults: options.faults,
    latencyMs: options.latencyMs,
    log: options.log,
    keepRequests: false,
    clients: options.clients,
  });
  const { caFile, cleanup } = await writeCa(emulator.caPem, options.certOut);
  const templates = snapshot.subscriptions.reduce(
    (n, s) => n + (s.imageTemplates?.length ?? 0),
    0,
  );
  // One machine-readable line on stdout; everything for humans goes to stderr.
  process.stdout.write(
    `${JSON.stringify({
      event: 'ready',
      url: emulator.url,
      authorityHost: emulator.url,
      caFile,
      tenants: emulator.tenants,
      subscriptions: snapshot.subscriptions.map(s => s.subscriptionId),
      templates,
      pageSize: options.pageSize,
      faults: options.faultSpec ?? null,
    })}\n`,
  );
  process.stderr.write(
    `${PROGRAM}: serving ${snapshot.subscriptions.length} subscription(s), ${templates} template(s) from ${options.snapshot} at ${emulator.url}\n` +
      `${PROGRAM}: trust its certificate with NODE_EXTRA_CA_CERTS=${caFile}\n`,
  );

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    for (const { rule, seen, fired } of emulator.faultCounts()) {
      process.stderr.write(
        `${PROGRAM}: fault "${rule}" matched ${seen}, fired ${fired}\n`,
      );
    }
    await emulator.stop();
    await cleanup();
    process.stderr.write(`${PROGRAM}: stopped (${signal})\n`);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

/** The command's entry point (see `bin/azure-arm-emulator`). */
export function main(argv: string[] = process.argv.slice(2)): void {
  let options: CliOptions | 'help';
  try {
    options = parseCliArgs(argv);
  } catch (error) {
    process.stderr.write(`${PROGRAM}: ${(error as Error).message}\n\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  if (options === 'help') {
    process.stdout.write(USAGE);
    return;
  }
  run(options).catch(error => {
    process.stderr.write(`${PROGRAM}: ${(error as Error).message}\n`);
    process.exitCode = 1;
  });
}
