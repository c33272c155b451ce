import {
  mockCredentials,
  mockErrorHandler,
  mockServices,
} from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import express from 'express';
import request from 'supertest';
import { makeScorecard } from './__testUtils__/scorecards';
import { createRouter, ScorecardReader } from './router';

const SUB = '11111111-1111-1111-1111-111111111111';
const scorecard = makeScorecard(SUB, 'ubuntu-base', {
  stale: { since: '2026-11-21T08:00:00.000Z', reason: 'AuthorizationFailed' },
});

describe('createRouter', () => {
  let store: jest.Mocked<ScorecardReader>;

  async function createApp(
    permissions = mockServices.permissions(),
  ): Promise<express.Express> {
    const router = await createRouter({
      httpAuth: mockServices.httpAuth(),
      permissions,
      store,
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
    };
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
});
