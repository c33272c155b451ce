/*
 * A live `azure` source through the real catalog: the provider reads the ARM emulator with the
 * real SDK clients; when a subscription then becomes unreadable (403), its entities stay, while
 * the subscriptions that were read still follow Azure.
 */
import {
  Snapshot,
  SnapshotSubscription,
} from '@aib-scorecards/plugin-azure-image-builder-common';
import {
  coreServices,
  createBackendModule,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import {
  ArmEmulator,
  startArmEmulator,
  trustArmEmulator,
  waitFor,
} from 'azure-arm-emulator';
import fs from 'node:fs';
import type { Server } from 'node:http';
import path from 'node:path';
import request from 'supertest';
import catalogModule from '../index';

jest.setTimeout(120_000);

const EXAMPLE = path.resolve(
  __dirname,
  '../../../../examples/azure-snapshot.json',
);
const TASK_ID = 'azure-image-builder-provider:live:refresh';
const CLIENT_ID = '6a1e4c55-0000-4000-8000-00000000c11e';
const CLIENT_SECRET = 'catalog-test-secret-value';

function example(): Snapshot {
  return JSON.parse(fs.readFileSync(EXAMPLE, 'utf8'));
}

async function templateEntities(server: Server): Promise<Entity[]> {
  const res = await request(server)
    .get('/api/catalog/entities/by-query')
    .query({ filter: 'spec.type=azure-image-template' })
    .set('Authorization', mockCredentials.user.header());
  expect(res.status).toBe(200);
  return res.body.items;
}

const titles = (entities: Entity[]) =>
  entities.map(e => e.metadata.title).sort();
const templateNames = (subscriptions: SnapshotSubscription[]) =>
  subscriptions.flatMap(s => (s.imageTemplates ?? []).map(t => t.name)).sort();

describe('an azure source through the catalog', () => {
  let emulator: ArmEmulator;
  let restoreTrust: () => void;

  beforeAll(async () => {
    emulator = await startArmEmulator({
      snapshot: example(),
      clients: { [CLIENT_ID]: CLIENT_SECRET },
    });
    restoreTrust = trustArmEmulator(emulator);
  });
  afterAll(async () => {
    restoreTrust();
    await emulator.stop();
  });

  it('keeps the entities of a subscription that becomes unreadable', async () => {
    let scheduler: SchedulerService | undefined;
    const captureScheduler = createBackendModule({
      pluginId: 'catalog',
      moduleId: 'test-capture-scheduler',
      register(env) {
        env.registerInit({
          deps: { s: coreServices.scheduler },
          async init({ s }) {
            scheduler = s;
          },
        });
      },
    });
    const { server } = await startTestBackend({
      features: [
        catalogPlugin,
        catalogModule,
        captureScheduler,
        mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
        mockServices.rootConfig.factory({
          data: {
            catalog: {
              rules: [{ allow: ['Resource', 'Group', 'User', 'Location'] }],
            },
            azureImageBuilder: {
              sources: [
                {
                  id: 'live',
                  type: 'azure',
                  credential: {
                    type: 'clientSecret',
                    tenantId: emulator.tenants[0],
                    clientId: CLIENT_ID,
                    clientSecret: CLIENT_SECRET,
                  },
                  endpoints: {
                    resourceManager: emulator.url,
                    authorityHost: emulator.url,
                  },
                },
              ],
              schedule: { frequency: { minutes: 30 }, timeout: { minutes: 2 } },
            },
          },
        }),
      ],
    });
    await waitFor(
      'the refresh task',
      () => scheduler!.getScheduledTasks(),
      tasks => tasks.some(t => t.id === TASK_ID),
    );

    // First scan: every template of the emulator.
    const served = example();
    await scheduler!.triggerTask(TASK_ID);
    const first = await waitFor(
      'the first scan',
      () => templateEntities(server),
      items => items.length === 10,
    );
    expect(titles(first)).toEqual(templateNames(served.subscriptions));

    // Then Azure refuses the production subscription, and a sandbox template is deleted.
    const [prod] = served.subscriptions;
    const shrunk = example();
    shrunk.subscriptions[2].imageTemplates = [];
    shrunk.subscriptions[2].triggers = [];
    emulator.setSnapshot(shrunk);
    emulator.setFaults(`forbid:subscription=${prod.subscriptionId}`);
    emulator.clearRequests();
    await scheduler!.triggerTask(TASK_ID);

    // The sandbox (read) follows Azure; production (refused) keeps its 6 entities.
    const second = await waitFor(
      'the second scan',
      () => templateEntities(server),
      items => items.length === 9,
    );
    expect(titles(second)).toEqual(
      templateNames(shrunk.subscriptions.slice(0, 2)),
    );
    // The second scan did reach the emulator and was refused for production.
    expect(
      emulator
        .requests()
        .some(
          r =>
            r.route === 'imageTemplates.list' &&
            r.status === 403 &&
            r.subscriptionId === prod.subscriptionId,
        ),
    ).toBe(true);

    // Third scan: production is readable again, but one of its templates is malformed (left
    // out of the read), and a non-production template is deleted.
    const third = example();
    third.subscriptions[2].imageTemplates = [];
    third.subscriptions[2].triggers = [];
    const broken = third.subscriptions[0].imageTemplates![0];
    (broken as { properties: unknown }).properties = 'not an object';
    const deleted = third.subscriptions[1].imageTemplates!.pop()!;
    emulator.setSnapshot(third);
    emulator.setFaults(undefined);
    await scheduler!.triggerTask(TASK_ID);
    const kept = await waitFor(
      'the third scan',
      () => templateEntities(server),
      items => items.length === 8,
    );
    // The malformed template keeps its entity; the deleted one is gone.
    expect(titles(kept)).toContain(broken.name);
    expect(titles(kept)).not.toContain(deleted.name);
  });
});
