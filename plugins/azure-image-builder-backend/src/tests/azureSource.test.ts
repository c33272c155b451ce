/*
 * A live `azure` source through the backend plugin: the scan reads the ARM emulator with the
 * real SDK clients; when a subscription then becomes unreadable (403), its scorecards are kept
 * and marked stale with the error, and a collection Azure refuses makes its rule `unknown`.
 */
import {
  Scorecard,
  Snapshot,
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
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  ArmEmulator,
  startArmEmulator,
  trustArmEmulator,
  waitFor,
} from 'azure-arm-emulator';
import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { azureImageBuilderPlugin, SCAN_TASK_ID } from '../plugin';

jest.setTimeout(120_000);

const EXAMPLE = path.resolve(
  __dirname,
  '../../../../examples/azure-snapshot.json',
);
const BASE = '/api/azure-image-builder';
const CLIENT_ID = '6a1e4c55-0000-4000-8000-00000000c11e';
const CLIENT_SECRET = 'backend-test-secret-value';

function example(): Snapshot {
  return JSON.parse(fs.readFileSync(EXAMPLE, 'utf8'));
}

describe('an azure source through the backend plugin', () => {
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

  it('keeps the scorecards of a subscription that becomes unreadable, marked stale', async () => {
    let scheduler: SchedulerService | undefined;
    const captureScheduler = createBackendModule({
      pluginId: 'azure-image-builder',
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
        azureImageBuilderPlugin,
        captureScheduler,
        catalogServiceMock.factory({ entities: [] }),
        mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
        mockServices.rootConfig.factory({
          data: {
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
              schedule: {
                frequency: { minutes: 30 },
                timeout: { minutes: 2 },
              },
            },
          },
        }),
      ],
    });
    const scorecard = async (id: string): Promise<Scorecard | undefined> => {
      const res = await request(server)
        .get(`${BASE}/scorecards/by-resource-id`)
        .query({ id })
        .set('Authorization', mockCredentials.user.header());
      return res.status === 200 ? res.body : undefined;
    };

    const served = example();
    const [prod, nonprod] = served.subscriptions;
    const prodTemplate = prod.imageTemplates![0].id;
    const nonprodTemplate = nonprod.imageTemplates![0].id;

    // First scan: fresh scorecards.
    await scheduler!.triggerTask(SCAN_TASK_ID);
    const fresh = await waitFor(
      'the first scan',
      () => scorecard(prodTemplate),
      s => s !== undefined,
    );
    expect(fresh!.stale).toBeUndefined();
    const lockBefore = fresh!.findings.find(f => f.ruleId === 'template-lock');
    expect(lockBefore?.status).not.toBe('unknown');
    const otherBefore = await scorecard(nonprodTemplate);
    expect(['pass', 'fail']).toContain(
      otherBefore?.findings.find(f => f.ruleId === 'template-lock')?.status,
    );

    // Second scan: production is refused; locks of every subscription are refused too.
    emulator.setFaults(
      `forbid:subscription=${prod.subscriptionId};forbid:collection=locks`,
    );
    await scheduler!.triggerTask(SCAN_TASK_ID);
    const stale = await waitFor(
      'the production scorecard to turn stale',
      () => scorecard(prodTemplate),
      s => s?.stale !== undefined,
    );
    expect(stale).toMatchObject({
      // Kept as scored by the first scan...
      score: fresh!.score,
      findings: fresh!.findings,
      // ...and marked stale with the error.
      stale: {
        since: expect.any(String),
        reason: expect.stringContaining(
          `The image templates of subscription ${prod.subscriptionId} could not be listed: AuthorizationFailed`,
        ),
      },
    });
    // The other subscription was read: fresh, and its lock rule is unknown, never fail.
    const other = await waitFor(
      'the non-production scorecard of the second scan',
      () => scorecard(nonprodTemplate),
      s =>
        s?.findings.find(f => f.ruleId === 'template-lock')?.status !==
          'pass' &&
        s?.findings.find(f => f.ruleId === 'template-lock')?.status !== 'fail',
    );
    expect(other?.stale).toBeUndefined();
    expect(
      other?.findings.find(f => f.ruleId === 'template-lock'),
    ).toMatchObject({
      status: 'unknown',
    });
  });
});
