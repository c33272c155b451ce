/*
 * The portal's routes end to end: the plugin scans a snapshot file into a real SQLite database and
 * serves the template list, the rule catalog and summary, and team rollups resolved through a
 * (mocked) catalog with a group hierarchy that has a cycle.
 */
import {
  OwnerRollupResponse,
  TemplateListResponse,
} from '@aib-scorecards/plugin-azure-image-builder-common';
import {
  createMockDirectory,
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import request from 'supertest';
import { azureImageBuilderPlugin } from '../plugin';
import {
  imageTemplate,
  snapshot,
  subscription,
} from '../__testUtils__/snapshots';

jest.setTimeout(60_000);

const SUB = '55555555-5555-5555-5555-555555555555';
const BASE = '/api/azure-image-builder';

function owned(name: string, owner: string, properties = {}) {
  return { ...imageTemplate(SUB, name, properties), tags: { owner } };
}

const templates = [
  owned('platform-base', 'platform'),
  owned('images-ubuntu', 'images', {
    optimize: { vmBoot: { state: 'Enabled' } },
  }),
  owned('linux-hardened', 'images-linux'),
  owned('edge-router', 'group:infra/edge'),
  owned('other-one', 'other'),
  owned('jane-personal', 'user:jane', {
    lastRunStatus: { runState: 'Failed', endTime: '2026-11-19T08:00:00Z' },
  }),
];
const lock = {
  id: `${templates[1].id}/providers/Microsoft.Authorization/locks/keep`,
  name: 'keep',
  type: 'Microsoft.Authorization/locks',
  properties: { level: 'CanNotDelete' },
};

function group(
  name: string,
  options: {
    parentOf?: string[];
    children?: string[];
    namespace?: string;
  } = {},
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name, namespace: options.namespace ?? 'default' },
    spec: { type: 'team', children: options.children ?? [] },
    relations: (options.parentOf ?? []).map(targetRef => ({
      type: 'parentOf',
      targetRef,
    })),
  };
}

// platform ─┬─ images ── images-linux ── platform (cycle)
//           └─ network ── infra/edge
const entities: Entity[] = [
  group('platform', {
    parentOf: ['group:default/images'],
    children: ['network'],
  }),
  group('images', { parentOf: ['group:default/images-linux'] }),
  group('images-linux', { parentOf: ['group:default/platform'] }),
  group('network', { children: ['infra/edge'] }),
  group('edge', { namespace: 'infra' }),
  group('other'),
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name: 'jane', namespace: 'default' },
    spec: {},
    relations: [{ type: 'memberOf', targetRef: 'group:default/images' }],
  },
];

describe('the portal routes', () => {
  const mockDir = createMockDirectory();
  let server: Parameters<typeof request>[0];

  const get = (path: string) =>
    request(server)
      .get(`${BASE}${path}`)
      .set('Authorization', mockCredentials.user.header());

  beforeAll(async () => {
    mockDir.setContent({
      'snapshot.json': JSON.stringify(
        snapshot({
          ...subscription(SUB, templates, { locks: [lock] }),
          displayName: 'Images Prod',
        }),
      ),
    });
    ({ server } = await startTestBackend({
      features: [
        azureImageBuilderPlugin,
        catalogServiceMock.factory({ entities }),
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
        mockServices.scheduler.factory({
          includeInitialDelayedTasksOnStartup: true,
        }),
      ],
    }));
    const deadline = Date.now() + 20_000;
    while ((await get('/templates')).body.totalCount !== templates.length) {
      if (Date.now() > deadline) throw new Error('The scan did not finish');
      await new Promise(resolve => setTimeout(resolve, 100));
    }
  });

  it('lists, filters and sorts the templates', async () => {
    const all: TemplateListResponse = (await get('/templates?limit=2')).body;
    expect(all).toMatchObject({ totalCount: 6, offset: 0, limit: 2 });
    expect(all.items.map(t => t.templateName)).toEqual([
      'edge-router',
      'images-ubuntu',
    ]);
    expect(all.items[1]).toMatchObject({
      owner: 'group:default/images',
      subscriptionName: 'Images Prod',
      location: 'westeurope',
      statuses: {
        'template-lock': 'pass',
        'vm-boot-optimization': 'pass',
      },
    });

    const failing: TemplateListResponse = (
      await get(
        '/templates?rule=vm-boot-optimization&status=fail&sort=lastRun&order=desc&owner=user:jane&owner=other',
      )
    ).body;
    expect(failing.items.map(t => [t.templateName, t.lastRunState])).toEqual([
      ['jane-personal', 'Failed'],
      ['other-one', undefined],
    ]);
  });

  it('serves the facts and the subscription name with the scorecard', async () => {
    const response = await get(
      `/scorecards/by-resource-id?id=${encodeURIComponent(templates[5].id)}`,
    );
    expect(response.body).toMatchObject({
      subscriptionName: 'Images Prod',
      facts: {
        sourceType: 'PlatformImage',
        lastRun: { runState: 'Failed', endTime: '2026-11-19T08:00:00Z' },
      },
    });
  });

  it('serves the rule catalog and the counts per rule', async () => {
    const catalog = (await get('/rules')).body;
    expect(catalog.rules.length).toBeGreaterThan(3);
    expect(catalog.rules).toContainEqual(
      expect.objectContaining({ id: 'template-lock', enabled: true }),
    );

    const summary = (await get('/rules/summary?owner=images')).body;
    expect(summary.templateCount).toBe(1);
    expect(summary.rules.map((r: { ruleId: string }) => r.ruleId)).toEqual(
      catalog.rules.map((r: { id: string }) => r.id),
    );
    expect(
      summary.rules.find(
        (r: { ruleId: string }) => r.ruleId === 'template-lock',
      ).counts,
    ).toMatchObject({ pass: 1, fail: 0 });
  });

  it("rolls up a group's templates with those of its child groups, grand-children included", async () => {
    const response = await get('/owners/default/group/platform/rollup');
    expect(response.status).toBe(200);
    const rollup: OwnerRollupResponse = response.body;
    expect(rollup.owner).toBe('group:default/platform');
    expect(rollup.owners).toEqual([
      'group:default/platform',
      'group:default/images',
      'group:default/network',
      'group:default/images-linux',
      'group:infra/edge',
    ]);
    expect(rollup.templates.map(t => t.templateName).sort()).toEqual([
      'edge-router',
      'images-ubuntu',
      'linux-hardened',
      'platform-base',
    ]);
    expect(rollup.templateCount).toBe(4);
    const scores = rollup.templates.map(t => t.score as number);
    expect(rollup.averageScore).toBe(
      Math.round(scores.reduce((a, b) => a + b, 0) / scores.length),
    );
    expect(rollup.worstScore).toBe(Math.min(...scores));
    expect(rollup.counts.fail).toBe(
      rollup.templates.reduce((n, t) => n + t.counts.fail, 0),
    );
    expect(rollup.findings.length).toBeGreaterThan(0);
    expect(rollup.findings[0]).toMatchObject({ status: 'fail' });
    expect(
      rollup.findings.every(f =>
        rollup.templates.some(t => t.templateId === f.templateId),
      ),
    ).toBe(true);
    // Fail first, then warn.
    const statuses = rollup.findings.map(f => f.status);
    expect(statuses).toEqual([...statuses].sort());
  });

  it("rolls up a user's templates with those of their groups", async () => {
    const rollup: OwnerRollupResponse = (
      await get('/owners/default/user/jane/rollup')
    ).body;
    expect(rollup.owners).toEqual([
      'user:default/jane',
      'group:default/images',
    ]);
    expect(rollup.templates.map(t => t.templateName).sort()).toEqual([
      'images-ubuntu',
      'jane-personal',
    ]);
  });

  it('answers 404 for an owner that is not in the catalog', async () => {
    const response = await get('/owners/default/group/ghosts/rollup');
    expect(response.status).toBe(404);
    expect(response.body.error.name).toBe('NotFoundError');
  });
});
