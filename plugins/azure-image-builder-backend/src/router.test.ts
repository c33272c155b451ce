import {
  mockCredentials,
  mockErrorHandler,
  mockServices,
} from '@backstage/backend-test-utils';
import { ConflictError } from '@backstage/errors';
import {
  emptyStatusCounts,
  RULE_METADATA,
  TemplateSummary,
} from '@aib-scorecards/plugin-azure-image-builder-common';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import express from 'express';
import request from 'supertest';
import { makeScorecard } from './__testUtils__/scorecards';
import { createRouter, ScorecardReader } from './router';

const RULES = RULE_METADATA.filter(r =>
  ['template-lock', 'vm-boot-optimization'].includes(r.id),
).map(r =>
  r.id === 'template-lock' ? { ...r, severity: 'high' as const } : r,
);

function summary(overrides: Partial<TemplateSummary> = {}): TemplateSummary {
  return {
    templateId: '/subscriptions/s/resourcegroups/rg/providers/x/y/t',
    resourceId: '/subscriptions/s/resourceGroups/rg/providers/x/y/t',
    templateName: 't',
    entityRef: 'resource:default/t',
    owner: 'group:default/team-a',
    subscriptionId: 's',
    resourceGroup: 'rg',
    score: 50,
    counts: { ...emptyStatusCounts(), pass: 1, fail: 1 },
    scannedAt: '2026-11-20T10:00:00.000Z',
    statuses: { 'template-lock': 'fail', 'vm-boot-optimization': 'pass' },
    ...overrides,
  };
}

const SUB = '11111111-1111-1111-1111-111111111111';
const scorecard = makeScorecard(SUB, 'ubuntu-base', {
  stale: { since: '2026-11-21T08:00:00.000Z', reason: 'AuthorizationFailed' },
});

describe('createRouter', () => {
  let store: jest.Mocked<ScorecardReader>;

  let startScan: jest.Mock<Promise<void>, []>;

  async function createApp(
    permissions = mockServices.permissions(),
  ): Promise<express.Express> {
    const router = await createRouter({
      httpAuth: mockServices.httpAuth(),
      permissions,
      store,
      rules: RULES,
      catalog: catalogServiceMock(),
      startScan,
    });
    const app = express();
    app.use(router);
    app.use(mockErrorHandler());
    return app;
  }

  beforeEach(() => {
    store = {
      getByEntityRef: jest.fn(async ref =>
        ref === scorecard.entityRef ? scorecard : undefined,
      ),
      getByTemplateId: jest.fn(async id =>
        id.toLowerCase() === scorecard.templateId ? scorecard : undefined,
      ),
      listTemplates: jest.fn(async _options => ({
        items: [summary()],
        totalCount: 1,
      })),
      summarizeRules: jest.fn(async _filter => ({
        rules: [],
        templateCount: 0,
      })),
      listFindings: jest.fn(async (_filter, _statuses) => []),
      listScanRuns: jest.fn(async _options => [
        {
          id: 2,
          sourceId: 'demo',
          startedAt: '2026-11-26T10:00:00.000Z',
          finishedAt: '2026-11-26T10:00:02.000Z',
          status: 'partial' as const,
          templateCount: 9,
          error: 'subscription s2: AuthorizationFailed',
        },
      ]),
    };
    startScan = jest.fn(async () => {});
  });

  it('answers /health without credentials', async () => {
    const app = await createApp();
    const response = await request(app)
      .get('/health')
      .set('Authorization', mockCredentials.none.header());
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: 'ok' });
  });

  describe('GET /scorecards/by-entity/:namespace/:kind/:name', () => {
    it('returns the scorecard of an entity, kind and name in any case', async () => {
      const app = await createApp();
      const response = await request(app).get(
        '/scorecards/by-entity/default/Resource/AIB-Ubuntu-Base',
      );
      expect(response.status).toBe(200);
      expect(response.body).toEqual(scorecard);
      expect(store.getByEntityRef).toHaveBeenCalledWith(
        'resource:default/aib-ubuntu-base',
      );
    });

    it('accepts service credentials', async () => {
      const app = await createApp();
      const response = await request(app)
        .get('/scorecards/by-entity/default/resource/aib-ubuntu-base')
        .set('Authorization', mockCredentials.service.header());
      expect(response.status).toBe(200);
    });

    it('rejects requests without credentials', async () => {
      const app = await createApp();
      const response = await request(app)
        .get('/scorecards/by-entity/default/resource/aib-ubuntu-base')
        .set('Authorization', mockCredentials.none.header());
      expect(response.status).toBe(401);
      expect(store.getByEntityRef).not.toHaveBeenCalled();
    });

    it('rejects callers the permission policy denies', async () => {
      const app = await createApp(
        mockServices.permissions({ result: AuthorizeResult.DENY }),
      );
      const response = await request(app).get(
        '/scorecards/by-entity/default/resource/aib-ubuntu-base',
      );
      expect(response.status).toBe(403);
      expect(response.body.error).toMatchObject({ name: 'NotAllowedError' });
      expect(store.getByEntityRef).not.toHaveBeenCalled();
    });

    it('answers 404 when the entity has no scorecard yet', async () => {
      const app = await createApp();
      const response = await request(app).get(
        '/scorecards/by-entity/default/resource/x',
      );
      expect(response.status).toBe(404);
      expect(response.body.error).toMatchObject({
        name: 'NotFoundError',
        message: 'No scorecard for resource:default/x yet',
      });
    });

    it.each([
      [
        'a name with a space',
        '/scorecards/by-entity/default/resource/a%20b',
        'name',
      ],
      [
        'a kind with a dash',
        '/scorecards/by-entity/default/re-source/x',
        'kind',
      ],
      [
        'a name longer than 63',
        `/scorecards/by-entity/default/resource/${'a'.repeat(64)}`,
        'name',
      ],
      [
        'a namespace ending in a dot',
        '/scorecards/by-entity/default./resource/x',
        'namespace',
      ],
    ])('answers 400 on %s', async (_what, path, field) => {
      const app = await createApp();
      const response = await request(app).get(path);
      expect(response.status).toBe(400);
      expect(response.body.error).toMatchObject({
        name: 'InputError',
        message: expect.stringContaining(`Invalid entity ref: ${field} `),
      });
      expect(store.getByEntityRef).not.toHaveBeenCalled();
    });
  });

  describe('GET /scorecards/by-resource-id', () => {
    it('returns the scorecard of an ARM id, in any case', async () => {
      const app = await createApp();
      const response = await request(app)
        .get('/scorecards/by-resource-id')
        .query({ id: scorecard.resourceId.toUpperCase() });
      expect(response.status).toBe(200);
      expect(response.body).toEqual(scorecard);
      expect(response.body.stale).toEqual({
        since: '2026-11-21T08:00:00.000Z',
        reason: 'AuthorizationFailed',
      });
    });

    it('rejects requests without credentials', async () => {
      const app = await createApp();
      const response = await request(app)
        .get('/scorecards/by-resource-id')
        .query({ id: scorecard.resourceId })
        .set('Authorization', mockCredentials.none.header());
      expect(response.status).toBe(401);
    });

    it('answers 404 for an unknown template', async () => {
      const app = await createApp();
      const id = `/subscriptions/${SUB}/resourceGroups/rg/providers/Microsoft.VirtualMachineImages/imageTemplates/none`;
      const response = await request(app)
        .get('/scorecards/by-resource-id')
        .query({ id });
      expect(response.status).toBe(404);
      expect(response.body.error.message).toBe(`No scorecard for ${id} yet`);
    });

    it.each([
      ['no id', '', 'id is required'],
      [
        'an id that is not an ARM id',
        '?id=ubuntu-base',
        'id must be an ARM resource id',
      ],
      [
        'two ids',
        `?id=${encodeURIComponent(scorecard.resourceId)}&id=x`,
        'id must be given once',
      ],
    ])('answers 400 on %s', async (_what, query, message) => {
      const app = await createApp();
      const response = await request(app).get(
        `/scorecards/by-resource-id${query}`,
      );
      expect(response.status).toBe(400);
      expect(response.body.error).toMatchObject({
        name: 'InputError',
        message: expect.stringContaining(message),
      });
      expect(store.getByTemplateId).not.toHaveBeenCalled();
    });
  });
  describe('GET /templates', () => {
    it('answers the first page of 50 by default', async () => {
      const app = await createApp();
      const response = await request(app).get('/templates');
      expect(response.status).toBe(200);
      expect(response.body).toEqual({
        items: [summary()],
        totalCount: 1,
        offset: 0,
        limit: 50,
      });
      expect(store.listTemplates).toHaveBeenCalledWith({
        owners: undefined,
        subscriptions: undefined,
        rule: undefined,
        status: undefined,
        q: undefined,
        sort: undefined,
        order: undefined,
        offset: 0,
        limit: 50,
      });
    });

    it('passes every filter, the sort and the page on, owners as full refs', async () => {
      const app = await createApp();
      const response = await request(app).get(
        '/templates?owner=team-a&owner=User:Default/Jane&subscription=SUB-1' +
          '&rule=template-lock&status=fail&q=%20ubuntu%20&sort=lastRun&order=desc&offset=100&limit=500',
      );
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ offset: 100, limit: 500 });
      expect(store.listTemplates).toHaveBeenCalledWith({
        owners: ['group:default/team-a', 'user:default/jane'],
        subscriptions: ['SUB-1'],
        rule: 'template-lock',
        status: 'fail',
        q: 'ubuntu',
        sort: 'lastRun',
        order: 'desc',
        offset: 100,
        limit: 500,
      });
    });

    it('takes one owner as a list of one, and an empty q as none', async () => {
      const app = await createApp();
      await request(app)
        .get('/templates?owner=group:infra/team-b&q=')
        .expect(200);
      expect(store.listTemplates).toHaveBeenCalledWith(
        expect.objectContaining({
          owners: ['group:infra/team-b'],
          q: undefined,
        }),
      );
    });

    it.each([
      ['a limit above 500', 'limit=501', 'limit must be at most 500'],
      ['a limit of 0', 'limit=0', 'limit must be at least 1'],
      [
        'a limit that is no number',
        'limit=ten',
        'limit must be a whole number',
      ],
      ['a negative offset', 'offset=-1', 'offset must be a whole number'],
      ['an unknown status', 'status=broken', 'status Invalid enum value'],
      ['an unknown sort key', 'sort=size', 'sort Invalid enum value'],
      ['an unknown order', 'order=up', 'order Invalid enum value'],
      ['a sort given twice', 'sort=name&sort=score', 'sort must be given once'],
      ['a q given twice', 'q=a&q=b', 'q must be given once'],
      [
        'a q that is too long',
        `q=${'x'.repeat(201)}`,
        'q String must contain at most 200',
      ],
      ['an owner that is no ref', 'owner=group:', 'is not an entity ref'],
      [
        'an owner as an object',
        'owner[x]=a',
        'owner must be repeated parameters',
      ],
      ['a rule id with a space', 'rule=a%20b', 'rule must be a rule id'],
      [
        'a subscription with a slash',
        'subscription=a/b',
        'must be a subscription id',
      ],
      ['an unknown parameter', 'page=2', 'unknown parameter page'],
    ])('answers 400 on %s', async (_what, query, message) => {
      const app = await createApp();
      const response = await request(app).get(`/templates?${query}`);
      expect(response.status).toBe(400);
      expect(response.body.error).toMatchObject({
        name: 'InputError',
        message: expect.stringContaining(message),
      });
      expect(response.body.error.message).toMatch(/^Invalid query: /);
      expect(store.listTemplates).not.toHaveBeenCalled();
    });
  });

  describe.each([
    '/templates',
    '/templates/export.csv',
    '/rules',
    '/rules/summary',
    '/owners/default/group/team-a/rollup',
  ])('GET %s', path => {
    it('rejects requests without credentials', async () => {
      const app = await createApp();
      const response = await request(app)
        .get(path)
        .set('Authorization', mockCredentials.none.header());
      expect(response.status).toBe(401);
      expect(store.listTemplates).not.toHaveBeenCalled();
      expect(store.summarizeRules).not.toHaveBeenCalled();
    });

    it('rejects callers the permission policy denies', async () => {
      const app = await createApp(
        mockServices.permissions({ result: AuthorizeResult.DENY }),
      );
      const response = await request(app).get(path);
      expect(response.status).toBe(403);
      expect(response.body.error).toMatchObject({ name: 'NotAllowedError' });
    });

    it('accepts service credentials', async () => {
      const app = await createApp();
      const response = await request(app)
        .get(path)
        .set('Authorization', mockCredentials.service.header());
      // The rollup's owner is not in the (empty) catalog: 404, past authentication.
      expect(response.status).toBe(path.endsWith('/rollup') ? 404 : 200);
    });
  });

  describe('GET /templates/export.csv', () => {
    it('exports every matching template as CSV, formulas defused and values quoted', async () => {
      store.listTemplates.mockResolvedValueOnce({
        items: [
          summary({
            templateName: '=HYPERLINK("http://evil","x")',
            owner: '+group:default/a',
            resourceGroup: '-rg',
            location: '@westeurope',
            subscriptionName: 'Prod, "EU"',
            lastRunState: 'Failed',
            stale: {
              since: '2026-11-21T08:00:00.000Z',
              reason: 'line one\nline two',
            },
          }),
        ],
        totalCount: 1,
      });
      const app = await createApp();
      const response = await request(app).get(
        '/templates/export.csv?owner=team-a&sort=score&limit=1',
      );
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(response.headers['content-disposition']).toBe(
        'attachment; filename="azure-image-templates.csv"',
      );
      const [header] = response.text.split('\r\n');
      expect(header).toBe(
        'Template,Score,Fail,Warn,Unknown,Pass,Not applicable,Waived,Owner,Subscription ID,Subscription,' +
          'Resource group,Location,Last run,Last run time,Scanned at,Stale since,Stale reason,Entity,Resource ID,' +
          'template-lock,vm-boot-optimization',
      );
      expect(response.text.slice(header.length + 2)).toBe(
        `"'=HYPERLINK(""http://evil"",""x"")",50,1,0,0,1,0,0,'+group:default/a,s,"Prod, ""EU""",'-rg,'@westeurope,` +
          `Failed,,2026-11-20T10:00:00.000Z,2026-11-21T08:00:00.000Z,"line one\nline two",resource:default/t,` +
          `/subscriptions/s/resourceGroups/rg/providers/x/y/t,fail,pass\r\n`,
      );
      // Filters and sort apply; paging does not.
      expect(store.listTemplates).toHaveBeenCalledWith(
        expect.objectContaining({
          owners: ['group:default/team-a'],
          sort: 'score',
          offset: 0,
          limit: 1000,
          countTotal: false,
        }),
      );
    });

    it('reads the templates page by page until the last', async () => {
      const page = (n: number, from: number) =>
        Array.from({ length: n }, (_, i) =>
          summary({ templateName: `t-${from + i}` }),
        );
      store.listTemplates
        .mockResolvedValueOnce({ items: page(1000, 0), totalCount: 1000 })
        .mockResolvedValueOnce({ items: page(1, 1000), totalCount: 1001 });
      const app = await createApp();
      const response = await request(app).get('/templates/export.csv');
      expect(response.status).toBe(200);
      const rows = response.text.trimEnd().split('\r\n');
      expect(rows).toHaveLength(1002);
      expect(rows[1001]).toMatch(/^t-1000,/);
      expect(store.listTemplates).toHaveBeenNthCalledWith(
        2,
        expect.objectContaining({ offset: 1000, limit: 1000 }),
      );
    });

    it('answers 400 on a bad filter, as JSON', async () => {
      const app = await createApp();
      const response = await request(app).get('/templates/export.csv?status=x');
      expect(response.status).toBe(400);
      expect(response.body.error.name).toBe('InputError');
    });
  });

  describe('GET /rules', () => {
    it('lists the enabled rules with their configured severity', async () => {
      const app = await createApp();
      const response = await request(app).get('/rules');
      expect(response.status).toBe(200);
      expect(response.body).toEqual({
        rules: RULES.map(r => ({ ...r, enabled: true })),
      });
      expect(response.body.rules[0]).toMatchObject({
        id: 'template-lock',
        severity: 'high',
      });
    });
  });

  describe('GET /rules/summary', () => {
    it('counts per enabled rule in catalog order, zeros included, then rules only stored scorecards have', async () => {
      const counts = { ...emptyStatusCounts(), fail: 2, pass: 1 };
      store.summarizeRules.mockResolvedValueOnce({
        rules: [
          { ruleId: 'zz-retired', counts },
          { ruleId: 'template-lock', counts },
        ],
        templateCount: 3,
      });
      const app = await createApp();
      const response = await request(app).get(
        '/rules/summary?owner=team-a&owner=team-b',
      );
      expect(response.status).toBe(200);
      expect(response.body).toEqual({
        rules: [
          { ruleId: 'template-lock', counts },
          { ruleId: 'vm-boot-optimization', counts: emptyStatusCounts() },
          { ruleId: 'zz-retired', counts },
        ],
        templateCount: 3,
      });
      expect(store.summarizeRules).toHaveBeenCalledWith(
        expect.objectContaining({
          owners: ['group:default/team-a', 'group:default/team-b'],
        }),
      );
    });

    it('answers 400 on a parameter it does not take', async () => {
      const app = await createApp();
      const response = await request(app).get('/rules/summary?status=fail');
      expect(response.status).toBe(400);
      expect(response.body.error.message).toBe(
        'Invalid query: unknown parameter status',
      );
    });
  });

  describe('GET /owners/:namespace/:kind/:name/rollup', () => {
    it('answers 404 for an owner the catalog does not have', async () => {
      const app = await createApp();
      const response = await request(app).get(
        '/owners/default/group/nobody/rollup',
      );
      expect(response.status).toBe(404);
      expect(response.body.error).toMatchObject({
        name: 'NotFoundError',
        message: 'No catalog entity group:default/nobody',
      });
      expect(store.listTemplates).not.toHaveBeenCalled();
    });

    it('answers 400 on a malformed ref', async () => {
      const app = await createApp();
      const response = await request(app).get(
        '/owners/default/gr-oup/x/rollup',
      );
      expect(response.status).toBe(400);
      expect(response.body.error.message).toContain('Invalid entity ref: kind');
    });
  });

  describe('GET /scans', () => {
    it('lists the latest scan runs, 50 by default', async () => {
      const app = await createApp();
      const response = await request(app).get('/scans');
      expect(response.status).toBe(200);
      expect(response.body.runs).toEqual([
        expect.objectContaining({ id: 2, status: 'partial', templateCount: 9 }),
      ]);
      expect(store.listScanRuns).toHaveBeenCalledWith({
        sourceId: undefined,
        limit: 50,
      });
    });

    it('passes a source and a limit on', async () => {
      const app = await createApp();
      await request(app).get('/scans?source=demo&limit=5').expect(200);
      expect(store.listScanRuns).toHaveBeenCalledWith({
        sourceId: 'demo',
        limit: 5,
      });
    });

    it('answers 400 on a bad limit or an unknown parameter, naming it', async () => {
      const app = await createApp();
      const tooMany = await request(app).get('/scans?limit=501');
      expect(tooMany.status).toBe(400);
      expect(tooMany.body.error.message).toContain('limit must be at most 500');
      const unknown = await request(app).get('/scans?owner=x');
      expect(unknown.status).toBe(400);
      expect(unknown.body.error.message).toContain('unknown parameter owner');
      expect(store.listScanRuns).not.toHaveBeenCalled();
    });

    it('needs the read permission', async () => {
      const app = await createApp(
        mockServices.permissions({ result: AuthorizeResult.DENY }),
      );
      const response = await request(app).get('/scans');
      expect(response.status).toBe(403);
      expect(store.listScanRuns).not.toHaveBeenCalled();
    });
  });

  describe('POST /scans', () => {
    it('starts a scan and answers 202', async () => {
      const app = await createApp();
      const response = await request(app).post('/scans');
      expect(response.status).toBe(202);
      expect(response.body).toEqual({ started: true });
      expect(startScan).toHaveBeenCalledTimes(1);
    });

    it('answers 409 while a scan runs', async () => {
      startScan.mockRejectedValueOnce(
        new ConflictError('Task azure-image-builder-scan is currently running'),
      );
      const app = await createApp();
      const response = await request(app).post('/scans');
      expect(response.status).toBe(409);
      expect(response.body.error.message).toContain(
        'A scan is running already',
      );
    });

    it('needs the scan permission, and credentials', async () => {
      const denied = await createApp(
        mockServices.permissions({ result: AuthorizeResult.DENY }),
      );
      const response = await request(denied).post('/scans');
      expect(response.status).toBe(403);
      expect(response.body.error.message).toBe('Not allowed to start a scan');
      const anonymous = await request(await createApp())
        .post('/scans')
        .set('Authorization', mockCredentials.none.header());
      expect(anonymous.status).toBe(401);
      expect(startScan).not.toHaveBeenCalled();
    });

    it('answers 404 when scans cannot be started', async () => {
      const router = await createRouter({
        httpAuth: mockServices.httpAuth(),
        permissions: mockServices.permissions(),
        store,
        rules: RULES,
        catalog: catalogServiceMock(),
      });
      const bare = express().use(router).use(mockErrorHandler());
      expect((await request(bare).post('/scans')).status).toBe(404);
    });
  });
});
