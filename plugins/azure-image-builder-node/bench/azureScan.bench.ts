/*
 * Benchmark of a live scan (issue 4, "Done when"): the ARM emulator serves a generated snapshot
 * of 50 subscriptions and 2,000 image templates with 100 ms added to every request; an azure
 * source reads all of it through the real SDK clients (ClientSecretCredential at the emulator's
 * token endpoint). The calls are counted from the emulator's request log (`--log`), and the time
 * is compared with the bound 2 × (calls × latency / concurrency).
 *
 *   yarn workspace @aib-scorecards/plugin-azure-image-builder-node bench:azure [subscriptions] [templates] [latencyMs] [concurrency]
 */
import { DEFAULT_TENANT_ID, startArmEmulator } from 'azure-arm-emulator';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AzureSource } from '../src';
import { generateSnapshot } from './generateSnapshot';

const subscriptions = Number(process.argv[2] ?? 50);
const templates = Number(process.argv[3] ?? 2000);
const latencyMs = Number(process.argv[4] ?? 100);
const concurrency = Number(process.argv[5] ?? 8);

interface LogLine {
  route: string | null;
  collection?: string;
  subscriptionId?: string;
  status: number;
}

async function waitForLines(file: string, atLeast: number): Promise<LogLine[]> {
  // The log is written after each answer; give the stream a moment to flush.
  for (let i = 0; i < 50; i++) {
    const lines = fs.readFileSync(file, 'utf8').split('\n').filter(Boolean);
    if (lines.length >= atLeast) return lines.map(l => JSON.parse(l));
    await new Promise(resolve => setTimeout(resolve, 100));
  }
  throw new Error(`the request log ${file} has fewer than ${atLeast} lines`);
}

async function main() {
  const snapshot = generateSnapshot({ templates, subscriptions });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aib-azure-bench-'));
  const log = path.join(dir, 'requests.jsonl');
  const emulator = await startArmEmulator({
    snapshot,
    latencyMs,
    log,
    keepRequests: false,
  });
  try {
    const source = new AzureSource(
      {
        id: 'bench',
        type: 'azure',
        concurrency,
        credential: {
          type: 'clientSecret',
          tenantId: DEFAULT_TENANT_ID,
          clientId: 'bench-client',
          clientSecret: 'bench-secret',
        },
        endpoints: {
          resourceManager: emulator.url,
          authorityHost: emulator.url,
        },
      },
      { ca: emulator.caPem },
    );
    const t0 = process.hrtime.bigint();
    const { snapshot: read, problems } = await source.read();
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;

    const collected = read.subscriptions.reduce(
      (n, s) => n + (s.imageTemplates?.length ?? 0),
      0,
    );
    const failed = read.subscriptions.reduce((n, s) => n + s.errors.length, 0);
    const expectedArm = 1 + 5 * subscriptions + templates;
    const entries = await waitForLines(log, expectedArm);
    const arm = entries.filter(e => e.collection !== 'token');
    const token = entries.length - arm.length;
    const perSubscription = new Map<
      string,
      { lists: number; triggers: number }
    >();
    for (const e of arm) {
      if (!e.subscriptionId) continue;
      const c = perSubscription.get(e.subscriptionId) ?? {
        lists: 0,
        triggers: 0,
      };
      if (e.route === 'triggers.list') c.triggers += 1;
      else c.lists += 1;
      perSubscription.set(e.subscriptionId, c);
    }
    const maxListsPerSubscription = Math.max(
      ...[...perSubscription.values()].map(c => c.lists),
    );
    const triggerCalls = [...perSubscription.values()].reduce(
      (n, c) => n + c.triggers,
      0,
    );
    const budget = 5 * subscriptions + templates;
    // Every request of the scan takes the latency (token requests included), `concurrency` at once.
    const boundMs = (2 * (entries.length * latencyMs)) / concurrency;
    console.log(
      JSON.stringify(
        {
          subscriptions,
          templates,
          latencyMs,
          concurrency,
          templatesCollected: collected,
          collectionsFailed: failed,
          problems: problems.length,
          armCalls: arm.length,
          tenantCalls: arm.filter(e => !e.subscriptionId).length,
          maxListCallsPerSubscription: maxListsPerSubscription,
          triggerCalls,
          tokenEndpointCalls: token,
          budget: `${budget} (5 per subscription + 1 per template) + 1 subscription list`,
          withinBudget:
            arm.length <= budget + 1 && maxListsPerSubscription <= 5,
          non2xx: arm.filter(e => e.status < 200 || e.status > 299).length,
          scanMs: Math.round(ms),
          idealMs: Math.round((entries.length * latencyMs) / concurrency),
          boundMs: Math.round(boundMs),
          withinBound: ms <= boundMs,
          log,
        },
        null,
        2,
      ),
    );
  } finally {
    await emulator.stop();
  }
}

main().catch(error => {
  console.error(error);
  process.exitCode = 1;
});
