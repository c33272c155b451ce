import { ResponseError } from '@backstage/errors';
import { AzureImageBuilderClient } from './AzureImageBuilderClient';

const BASE_URL = 'http://localhost:7007/api/azure-image-builder';

const scorecard = {
  templateId: '/subscriptions/s/resourcegroups/rg/providers/x/imagetemplates/t',
  findings: [],
  counts: {},
  scannedAt: '2025-01-01T00:00:00Z',
};

function jsonResponse(status: number, body: unknown) {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });
}

function setup(response: Response) {
  const fetch = jest.fn(async (_url: string) => response);
  const getBaseUrl = jest.fn(async (_pluginId: string) => BASE_URL);
  const client = new AzureImageBuilderClient({
    discoveryApi: { getBaseUrl },
    fetchApi: { fetch: fetch as any },
  });
  return { client, fetch, getBaseUrl };
}

describe('AzureImageBuilderClient', () => {
  it('gets the scorecard of an entity from the plugin base URL', async () => {
    const { client, fetch, getBaseUrl } = setup(jsonResponse(200, scorecard));

    await expect(
      client.getScorecardByEntity({
        kind: 'Resource',
        namespace: 'default',
        name: 'aib-west-1',
      }),
    ).resolves.toEqual(scorecard);
    expect(getBaseUrl).toHaveBeenCalledWith('azure-image-builder');
    expect(fetch).toHaveBeenCalledWith(
      `${BASE_URL}/scorecards/by-entity/default/resource/aib-west-1`,
    );
  });

  it('encodes every path segment', async () => {
    const { client, fetch } = setup(jsonResponse(200, scorecard));

    await client.getScorecardByEntity({
      kind: 'Resource',
      namespace: 'a/b?c',
      name: 'x#y z%',
    });
    expect(fetch).toHaveBeenCalledWith(
      `${BASE_URL}/scorecards/by-entity/a%2Fb%3Fc/resource/x%23y%20z%25`,
    );
  });

  it('returns undefined when there is no scorecard yet (404)', async () => {
    const { client } = setup(
      jsonResponse(404, {
        error: { name: 'NotFoundError', message: 'No scorecard' },
        request: { method: 'GET', url: '/x' },
        response: { statusCode: 404 },
      }),
    );

    await expect(
      client.getScorecardByEntity({
        kind: 'resource',
        namespace: 'default',
        name: 'missing',
      }),
    ).resolves.toBeUndefined();
  });

  it('throws a ResponseError carrying the backend error', async () => {
    const { client } = setup(
      jsonResponse(500, {
        error: { name: 'Error', message: 'database is down' },
        request: { method: 'GET', url: '/x' },
        response: { statusCode: 500 },
      }),
    );

    const error = await client
      .getScorecardByEntity({
        kind: 'resource',
        namespace: 'default',
        name: 't',
      })
      .catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(500);
    expect(error.cause.message).toBe('database is down');
  });

  it('throws a ResponseError on 401 rather than reporting "no scorecard"', async () => {
    const { client } = setup(
      jsonResponse(401, {
        error: { name: 'AuthenticationError', message: 'Missing credentials' },
        request: { method: 'GET', url: '/x' },
        response: { statusCode: 401 },
      }),
    );

    await expect(
      client.getScorecardByEntity({
        kind: 'resource',
        namespace: 'default',
        name: 't',
      }),
    ).rejects.toMatchObject({ name: 'ResponseError', statusCode: 401 });
  });

  it('rejects a body that is not a scorecard', async () => {
    const { client } = setup(jsonResponse(200, { items: [] }));

    await expect(
      client.getScorecardByEntity({
        kind: 'resource',
        namespace: 'default',
        name: 't',
      }),
    ).rejects.toThrow(/not a scorecard/);
  });
});
