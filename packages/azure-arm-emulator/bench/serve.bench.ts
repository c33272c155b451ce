/*
 * How much the emulator adds to a scan: serves 50 subscriptions × 40 templates (2,000) and
 * replays the collector's call pattern (per subscription: templates, locks, role assignments,
 * role definitions, identities, every page; per template: triggers) at a given concurrency,
 * over keep-alive HTTPS. Prints the wall time next to the floor that the injected latency
 * allows, and the emulator's own time per request.
 *
 *   yarn workspace azure-arm-emulator bench [--latency-ms 100] [--concurrency 16] [--page-size 100]
 */
import https from 'node:https';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import type { ArmResource } from '@aib-scorecards/plugin-azure-image-builder-common';
import { template } from '../src/__testUtils__/testSnapshot';
import { startArmEmulator } from '../src';

const SUBSCRIPTIONS = 50;
const TEMPLATES_PER_SUBSCRIPTION = 40;
const TENANT = '11111111-1111-4111-8111-111111111111';

function subscriptionId(i: number) {
  return `5ub5c000-0000-4000-8000-${String(i).padStart(12, '0')}`;
}

function generateSnapshot() {
  return {
    kind: 'aib-scorecards/snapshot',
    version: 1,
    capturedAt: new Date().toISOString(),
    subscriptions: Array.from({ length: SUBSCRIPTIONS }, (_, s) => {
      const sub = subscriptionId(s);
      const templates = Array.from(
        { length: TEMPLATES_PER_SUBSCRIPTION },
        (__, t) => template(sub, `rg-${t % 5}`, `it-${t}`),
      );
      const scoped = (kind: string, n: number, extra: (i: number) => object) =>
        Array.from({ length: n }, (__, i) => ({
          id: `${
            templates[i % templates.length].id
          }/providers/Microsoft.Authorization/${kind}/${kind}-${i}`,
          name: `${kind}-${i}`,
          properties: extra(i),
        }));
      return {
        subscriptionId: sub,
        tenantId: TENANT,
        imageTemplates: templates,
        triggers: templates
          .filter((__, t) => t % 2 === 0)
          .map(it => ({
            id: `${it.id}/triggers/source`,
            name: 'source',
            properties: { kind: 'SourceImage' },
          })),
        locks: scoped('locks', 20, () => ({ level: 'CanNotDelete' })),
        roleAssignments: scoped('roleAssignments', 50, i => ({
          principalId: `p-${i}`,
          roleDefinitionId: `/subscriptions/${sub}/providers/Microsoft.Authorization/roleDefinitions/r-${
            i % 10
          }`,
        })),
        roleDefinitions: Array.from({ length: 10 }, (__, i) => ({
          id: `/subscriptions/${sub}/providers/Microsoft.Authorization/roleDefinitions/r-${i}`,
          name: `r-${i}`,
          properties: { roleName: `Role ${i}` },
        })),
        userAssignedIdentities: [],
        resourceGroups: [],
        errors: [],
      };
    }),
  };
}

async function main() {
  const { values } = parseArgs({
    options: {
      'latency-ms': { type: 'string', default: '0' },
      concurrency: { type: 'string', default: '16' },
      'page-size': { type: 'string', default: '100' },
    },
  });
  const latencyMs = Number(values['latency-ms']);
  const concurrency = Number(values.concurrency);
  const pageSize = Number(values['page-size']);

  const snapshot = generateSnapshot();
  const emulator = await startArmEmulator({ snapshot, latencyMs, pageSize });
  const { token } = await emulator
    .credential()
    .getToken('https://management.azure.com/.default');
  const agent = new https.Agent({
    keepAlive: true,
    maxSockets: concurrency,
    ca: emulator.caPem,
  });

  const getJson = (url: string) =>
    new Promise<{ value: ArmResource[]; nextLink?: string }>(
      (resolve, reject) => {
        https
          .get(
            url,
            { agent, headers: { authorization: `Bearer ${token}` } },
            response => {
              let body = '';
              response.setEncoding('utf8');
              response.on('data', chunk => (body += chunk));
              response.on('end', () =>
                response.statusCode === 200
                  ? resolve(JSON.parse(body))
                  : reject(new Error(`${response.statusCode} ${url}: ${body}`)),
              );
            },
          )
          .on('error', reject);
      },
    );
  const listAll = async (path: string) => {
    const items: ArmResource[] = [];
    let url: string | undefined = `${emulator.url}${path}`;
    while (url) {
      const page: { value: ArmResource[]; nextLink?: string } = await getJson(
        url,
      );
      items.push(...page.value);
      url = page.nextLink;
    }
    return items;
  };

  // A pool of `concurrency` workers over a queue of calls, as the collector's limiter does.
  const queue: Array<() => Promise<unknown>> = [];
  for (let s = 0; s < SUBSCRIPTIONS; s++) {
    const base = `/subscriptions/${subscriptionId(s)}`;
    queue.push(async () => {
      const templates = await listAll(
        `${base}/providers/Microsoft.VirtualMachineImages/imageTemplates?api-version=2025-10-01`,
      );
      for (const it of templates) {
        queue.push(() => listAll(`${it.id}/triggers?api-version=2025-10-01`));
      }
    });
    queue.push(() =>
      listAll(
        `${base}/providers/Microsoft.Authorization/locks?api-version=2020-05-01`,
      ),
    );
    queue.push(() =>
      listAll(
        `${base}/providers/Microsoft.Authorization/roleAssignments?api-version=2022-04-01`,
      ),
    );
    queue.push(() =>
      listAll(
        `${base}/providers/Microsoft.Authorization/roleDefinitions?api-version=2022-04-01`,
      ),
    );
    queue.push(() =>
      listAll(
        `${base}/providers/Microsoft.ManagedIdentity/userAssignedIdentities?api-version=2024-11-30`,
      ),
    );
  }
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let next = queue.shift(); next; next = queue.shift()) await next();
    }),
  );
  const wallMs = performance.now() - started;

  const requests = emulator.requests().filter(r => r.collection !== 'token');
  const own = requests.map(r => r.durationMs - latencyMs).sort((a, b) => a - b);
  const pct = (p: number) =>
    own[Math.min(own.length - 1, Math.floor((p / 100) * own.length))].toFixed(
      2,
    );
  const floorMs = Math.ceil(requests.length / concurrency) * latencyMs;
  agent.destroy();
  await emulator.stop();

  process.stdout.write(
    [
      `snapshot: ${SUBSCRIPTIONS} subscriptions x ${TEMPLATES_PER_SUBSCRIPTION} templates; page size ${pageSize}; latency ${latencyMs} ms; concurrency ${concurrency}`,
      `requests: ${requests.length} (${
        requests.filter(r => r.status !== 200).length
      } not 200)`,
      `wall time: ${wallMs.toFixed(0)} ms (${(
        (requests.length / wallMs) *
        1000
      ).toFixed(0)} req/s)${
        latencyMs
          ? `; latency floor ${floorMs} ms -> ${(wallMs / floorMs).toFixed(2)}x`
          : ''
      }`,
      `emulator time per request (excluding injected latency): p50 ${pct(
        50,
      )} ms, p95 ${pct(95)} ms, p99 ${pct(99)} ms`,
      '',
    ].join('\n'),
  );
}

main().catch(error => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exitCode = 1;
});
