/*
 * Benchmark of the portal's REST API: starts the backend plugin in-process (real SQLite file
 * database, a file source with a generated snapshot), waits for the scan to store every template,
 * then times requests: the first page of the template list, a filtered and sorted page, the rule
 * summary, the CSV export, and the rollup of a group that owns 1,000 templates through itself,
 * two child groups and a grand-child group. Prints p50/p95/max per request, in milliseconds.
 *
 *   yarn workspace @aib-scorecards/plugin-azure-image-builder-backend bench [templates] [requests]
 *   (default 5000 templates, 30 requests each)
 */
// The generator is a benchmark helper of the node package, deliberately not part of its API.
// eslint-disable-next-line @backstage/no-forbidden-package-imports
import { generateSnapshot } from '@aib-scorecards/plugin-azure-image-builder-node/bench/generateSnapshot';
import { databaseServiceFactory } from '@backstage/backend-defaults/database';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import fs from 'fs';
import os from 'os';
import path from 'path';
import request from 'supertest';
import { azureImageBuilderPlugin } from '../src/plugin';

const templateCount = Number(process.argv[2] ?? 5000);
const requests = Number(process.argv[3] ?? 30);
const BASE = '/api/azure-image-builder';

/**
 * Every fifth template belongs to the `platform` family: 600 to `platform` itself, 200 to its
 * child `images`, 100 to `images`' child `images-linux` (a grand-child), 100 to the child
 * `network`. The others go to 40 teams outside it.
 */
function ownerOf(i: number): string {
  if (i % 5 === 0 && i / 5 < 1000) {
    const j = i / 5;
    if (j < 600) return 'platform';
    if (j < 800) return 'images';
    if (j < 900) return 'images-linux';
    return 'network';
  }
  return `team-${i % 40}`;
}

function group(name: string, children: string[] = []): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name, namespace: 'default' },
    spec: { type: 'team', children },
    relations: children.map(c => ({
      type: 'parentOf',
      targetRef: `group:default/${c}`,
    })),
  };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aib-api-bench-'));
  const snapshotFile = path.join(dir, 'snapshot.json');
  fs.writeFileSync(
    snapshotFile,
    JSON.stringify(
      generateSnapshot({
        templates: templateCount,
        subscriptions: 10,
        owners: ownerOf,
      }),
    ),
  );
  const entities = [
    group('platform', ['images', 'network']),
    group('images', ['images-linux']),
    group('images-linux'),
    group('network'),
    ...Array.from({ length: 40 }, (_, i) => group(`team-${i}`)),
  ];

  const started = Date.now();
  const backend = await startTestBackend({
    features: [
      azureImageBuilderPlugin,
      catalogServiceMock.factory({ entities }),
      databaseServiceFactory,
      mockServices.rootConfig.factory({
        data: {
          backend: {
            database: {
              client: 'better-sqlite3',
              connection: { directory: path.join(dir, 'db') },
            },
          },
          azureImageBuilder: {
            sources: [{ id: 'bench', type: 'file', path: snapshotFile }],
            schedule: {
              frequency: { hours: 24 },
              timeout: { minutes: 30 },
              initialDelay: { seconds: 0 },
            },
          },
        },
      }),
      mockServices.scheduler.factory({
        includeInitialDelayedTasksOnStartup: true,
      }),
    ],
  });
  const auth = mockCredentials.user.header();
  const get = (url: string) =>
    request(backend.server).get(`${BASE}${url}`).set('Authorization', auth);

  for (;;) {
    const response = await get('/templates?limit=1');
    if (response.body.totalCount === templateCount) break;
    if (Date.now() - started > 30 * 60_000) throw new Error('Scan timed out');
    await new Promise(resolve => setTimeout(resolve, 250));
  }
  const scanMs = Date.now() - started;

  const cases: Array<[string, string]> = [
    ['first page', '/templates?limit=50'],
    [
      'filtered + sorted page',
      '/templates?owner=team-3&owner=team-7&owner=platform&status=fail&q=it-&sort=lastRun&order=desc&offset=50&limit=50',
    ],
    ['rule summary', '/rules/summary'],
    ['rule summary of 2 teams', '/rules/summary?owner=team-3&owner=team-7'],
    [
      'rollup of platform (1,000 templates)',
      '/owners/default/group/platform/rollup',
    ],
    ['CSV export (all)', '/templates/export.csv'],
  ];
  const results = [];
  for (const [name, url] of cases) {
    const times: number[] = [];
    let bytes = 0;
    let detail = '';
    for (let i = 0; i < requests; i++) {
      const t0 = process.hrtime.bigint();
      const response = await get(url);
      times.push(Number(process.hrtime.bigint() - t0) / 1e6);
      if (response.status !== 200) {
        throw new Error(`${url}: ${response.status} ${response.text}`);
      }
      bytes = response.text.length;
      if (response.body?.templateCount !== undefined) {
        detail = `${response.body.templateCount} templates`;
      } else if (response.body?.totalCount !== undefined) {
        detail = `${response.body.items.length} of ${response.body.totalCount}`;
      }
    }
    const sorted = [...times].sort((a, b) => a - b);
    results.push({
      request: name,
      p50: Math.round(percentile(sorted, 0.5)),
      p95: Math.round(percentile(sorted, 0.95)),
      max: Math.round(sorted[sorted.length - 1]),
      kB: Math.round(bytes / 1024),
      detail,
    });
  }
  await backend.stop();
  fs.rmSync(dir, { recursive: true, force: true });

  console.log(
    `${templateCount} templates, scan stored in ${scanMs} ms (start-up included); ${requests} requests each, ms:`,
  );
  console.table(results);
  // The scheduler and database pools would keep the process alive.
  process.exit(0);
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
