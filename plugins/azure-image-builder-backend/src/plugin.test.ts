import { Scorecard } from '@aib-scorecards/plugin-azure-image-builder-common';
import {
  createMockDirectory,
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { parseEntityRef } from '@backstage/catalog-model';
import request from 'supertest';
import { azureImageBuilderPlugin } from './plugin';
import {
  imageTemplate,
  snapshot,
  subscription,
} from './__testUtils__/snapshots';
import { waitFor } from 'azure-arm-emulator';

jest.setTimeout(60_000);

const SUB = '33333333-3333-3333-3333-333333333333';
const locked = imageTemplate(SUB, 'locked-ubuntu', {
  optimize: { vmBoot: { state: 'Enabled' } },
});
const unlocked = imageTemplate(SUB, 'unlocked-windows');
const lock = {
  id: `${locked.id}/providers/Microsoft.Authorization/locks/do-not-delete`,
  name: 'do-not-delete',
  type: 'Microsoft.Authorization/locks',
  properties: { level: 'CanNotDelete' },
};

const BASE = '/api/azure-image-builder';

function findingStatus(scorecard: Scorecard, ruleId: string) {
  return scorecard.findings.find(f => f.ruleId === ruleId)?.status;
}

describe('azureImageBuilderPlugin', () => {
  const mockDir = createMockDirectory();

  it('scans the configured snapshot file and serves the scorecards', async () => {
    mockDir.setContent({
      'snapshot.json': JSON.stringify(
        snapshot(subscription(SUB, [locked, unlocked], { locks: [lock] })),
      ),
    });

    const { server } = await startTestBackend({
      features: [
        azureImageBuilderPlugin,
        mockServices.rootConfig.factory({
          data: {
            azureImageBuilder: {
              sources: [
                {
                  id: 'test',
                  type: 'file',
                  path: mockDir.resolve('snapshot.json'),
                },
              ],
              schedule: {
                frequency: { minutes: 30 },
                timeout: { minutes: 1 },
                initialDelay: { seconds: 0 },
              },
            },
          },
        }),
        // The mock scheduler runs tasks at start-up; include ours although it has an initial delay.
        mockServices.scheduler.factory({
          includeInitialDelayedTasksOnStartup: true,
        }),
      ],
    });

    const byId = (id: string) =>
      request(server)
        .get(`${BASE}/scorecards/by-resource-id`)
        .query({ id })
        .set('Authorization', mockCredentials.user.header());

    const stored = await waitFor(
      'the scan to store a scorecard',
      () => byId(locked.id),
      response => response.status === 200,
      { timeoutMs: 20_000, intervalMs: 100 },
    );
    const lockedCard: Scorecard = stored.body;

    expect(lockedCard).toMatchObject({
      templateId: locked.id.toLowerCase(),
      resourceId: locked.id,
      templateName: 'locked-ubuntu',
      subscriptionId: SUB,
      sourceId: 'test',
      owner: 'group:default/team-images',
      scannedAt: '2026-11-20T10:00:00Z',
    });
    expect(lockedCard.stale).toBeUndefined();
    expect(findingStatus(lockedCard, 'template-lock')).toBe('pass');
    expect(findingStatus(lockedCard, 'vm-boot-optimization')).toBe('pass');

    // The same scorecard by the entity the catalog module ingests the template as.
    const { kind, namespace, name } = parseEntityRef(lockedCard.entityRef);
    const byEntity = await request(server)
      .get(`${BASE}/scorecards/by-entity/${namespace}/${kind}/${name}`)
      .set('Authorization', mockCredentials.user.header());
    expect(byEntity.status).toBe(200);
    expect(byEntity.body).toEqual(lockedCard);

    const unlockedRes = await byId(unlocked.id.toUpperCase());
    expect(unlockedRes.status).toBe(200);
    expect(findingStatus(unlockedRes.body, 'template-lock')).toBe('fail');
    expect(findingStatus(unlockedRes.body, 'vm-boot-optimization')).toBe(
      'fail',
    );
    expect(unlockedRes.body.score).toBeLessThan(lockedCard.score!);

    // Auth: /health is open, the scorecards are not.
    await request(server)
      .get(`${BASE}/health`)
      .set('Authorization', mockCredentials.none.header())
      .expect(200, { status: 'ok' });
    await request(server)
      .get(`${BASE}/scorecards/by-resource-id`)
      .query({ id: locked.id })
      .set('Authorization', mockCredentials.none.header())
      .expect(401);

    // Scan now runs the scheduled scan again; the history lists both runs, latest first.
    await request(server)
      .post(`${BASE}/scans`)
      .set('Authorization', mockCredentials.user.header())
      .expect(202, { started: true });
    const history = await request(server)
      .get(`${BASE}/scans`)
      .set('Authorization', mockCredentials.user.header());
    expect(history.status).toBe(200);
    expect(history.body.runs).toHaveLength(2);
    expect(history.body.runs[0]).toMatchObject({
      sourceId: 'test',
      status: 'ok',
      templateCount: 2,
    });
    expect(history.body.runs[0].id).toBeGreaterThan(history.body.runs[1].id);
  });

  it('starts without an azureImageBuilder block: nothing to scan, nothing found', async () => {
    const { server } = await startTestBackend({
      features: [
        azureImageBuilderPlugin,
        mockServices.scheduler.factory({
          includeInitialDelayedTasksOnStartup: true,
        }),
      ],
    });

    await request(server).get(`${BASE}/health`).expect(200, { status: 'ok' });
    const response = await request(server)
      .get(`${BASE}/scorecards/by-entity/default/resource/anything`)
      .set('Authorization', mockCredentials.user.header());
    expect(response.status).toBe(404);
    expect(response.body.error.message).toBe(
      'No scorecard for resource:default/anything yet',
    );
  });
});
