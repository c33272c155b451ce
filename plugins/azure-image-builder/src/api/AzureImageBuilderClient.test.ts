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

function errorResponse(status: number, message: string) {
  return jsonResponse(status, {
    error: { name: 'Error', message },
    request: { method: 'GET', url: '/x' },
    response: { statusCode: status },
  });
}

const emptyList = { items: [], totalCount: 0, offset: 0, limit: 50 };

describe('AzureImageBuilderClient.listTemplates', () => {
  it('calls GET /templates without a query string when no filter is set', async () => {
    const { client, fetch } = setup(jsonResponse(200, emptyList));
    await expect(client.listTemplates()).resolves.toEqual(emptyList);
    expect(fetch).toHaveBeenCalledWith(`${BASE_URL}/templates`);
  });

  it('repeats array parameters and encodes every value', async () => {
    const { client, fetch } = setup(jsonResponse(200, emptyList));
    await client.listTemplates({
      owner: ['group:default/team-a', 'user:default/b&c'],
      subscription: ['sub 1'],
      rule: 'template-lock',
      status: 'fail',
      q: 'a=b c#d',
      sort: 'score',
      order: 'desc',
      offset: 50,
      limit: 25,
    });
    const url = new URL(fetch.mock.calls[0][0]);
    expect(`${url.origin}${url.pathname}`).toBe(`${BASE_URL}/templates`);
    expect(url.searchParams.getAll('owner')).toEqual([
      'group:default/team-a',
      'user:default/b&c',
    ]);
    expect(url.searchParams.getAll('subscription')).toEqual(['sub 1']);
    expect(url.searchParams.get('q')).toBe('a=b c#d');
    expect(url.searchParams.get('offset')).toBe('50');
    expect(url.searchParams.get('limit')).toBe('25');
    expect(url.search).toBe(
      '?owner=group%3Adefault%2Fteam-a&owner=user%3Adefault%2Fb%26c&subscription=sub+1&rule=template-lock&status=fail&q=a%3Db+c%23d&sort=score&order=desc&offset=50&limit=25',
    );
  });

  it('leaves out empty values and empty arrays', async () => {
    const { client, fetch } = setup(jsonResponse(200, emptyList));
    await client.listTemplates({ owner: [], q: '', offset: 0 });
    expect(fetch).toHaveBeenCalledWith(`${BASE_URL}/templates?offset=0`);
  });

  it('throws a ResponseError carrying the backend error', async () => {
    const { client } = setup(errorResponse(400, 'limit must be at most 500'));
    await expect(client.listTemplates({ limit: 501 })).rejects.toMatchObject({
      name: 'ResponseError',
      statusCode: 400,
      cause: expect.objectContaining({ message: 'limit must be at most 500' }),
    });
  });

  it('rejects a body that is not a template list', async () => {
    const { client } = setup(jsonResponse(200, { rules: [] }));
    await expect(client.listTemplates()).rejects.toThrow(/not a template list/);
  });
});

describe('AzureImageBuilderClient.exportTemplatesCsv', () => {
  it('fetches the CSV with the filters but without paging', async () => {
    const { client, fetch } = setup(
      new Response('name,score\nt,42\n', {
        status: 200,
        headers: { 'Content-Type': 'text/csv' },
      }),
    );
    const blob = await client.exportTemplatesCsv({
      owner: ['group:default/team-a'],
      status: 'warn',
      offset: 100,
      limit: 10,
    } as any);
    expect(fetch).toHaveBeenCalledWith(
      `${BASE_URL}/templates/export.csv?owner=group%3Adefault%2Fteam-a&status=warn`,
    );
    expect(await blob.text()).toBe('name,score\nt,42\n');
  });

  it('throws on an error response instead of saving the error as CSV', async () => {
    const { client } = setup(errorResponse(401, 'Missing credentials'));
    await expect(client.exportTemplatesCsv()).rejects.toMatchObject({
      name: 'ResponseError',
      statusCode: 401,
    });
  });
});

describe('AzureImageBuilderClient rules', () => {
  it('gets the rule catalog', async () => {
    const rules = { rules: [{ id: 'template-lock', enabled: true }] };
    const { client, fetch } = setup(jsonResponse(200, rules));
    await expect(client.getRules()).resolves.toEqual(rules);
    expect(fetch).toHaveBeenCalledWith(`${BASE_URL}/rules`);
  });

  it('gets the rule summary, for owners when given', async () => {
    const summary = { rules: [], templateCount: 0 };
    const { client, fetch } = setup(jsonResponse(200, summary));
    await expect(
      client.getRuleSummary({ owner: ['group:default/a', 'group:default/b'] }),
    ).resolves.toEqual(summary);
    expect(fetch).toHaveBeenCalledWith(
      `${BASE_URL}/rules/summary?owner=group%3Adefault%2Fa&owner=group%3Adefault%2Fb`,
    );
  });

  it('gets the organisation-wide summary without a query string', async () => {
    const { client, fetch } = setup(
      jsonResponse(200, { rules: [], templateCount: 0 }),
    );
    await client.getRuleSummary();
    expect(fetch).toHaveBeenCalledWith(`${BASE_URL}/rules/summary`);
  });

  it('throws on errors and on bodies without rules', async () => {
    await expect(
      setup(errorResponse(503, 'down')).client.getRules(),
    ).rejects.toMatchObject({ statusCode: 503 });
    await expect(
      setup(jsonResponse(200, { items: [] })).client.getRuleSummary(),
    ).rejects.toThrow(/no rule summaries/);
  });
});

describe('AzureImageBuilderClient.getOwnerRollup', () => {
  const rollup = {
    owner: 'group:default/team-a',
    owners: ['group:default/team-a'],
    templateCount: 0,
    averageScore: null,
    worstScore: null,
    counts: {},
    templates: [],
    findings: [],
  };

  it('gets the rollup of an owner, lower-casing and encoding the ref', async () => {
    const { client, fetch } = setup(jsonResponse(200, rollup));
    await expect(
      client.getOwnerRollup({
        kind: 'Group',
        namespace: 'default',
        name: 'Team A/b',
      }),
    ).resolves.toEqual(rollup);
    expect(fetch).toHaveBeenCalledWith(
      `${BASE_URL}/owners/default/group/team%20a%2Fb/rollup`,
    );
  });

  it('throws a ResponseError for an unknown owner', async () => {
    const { client } = setup(errorResponse(404, 'No such owner'));
    await expect(
      client.getOwnerRollup({ kind: 'group', namespace: 'default', name: 'x' }),
    ).rejects.toMatchObject({ name: 'ResponseError', statusCode: 404 });
  });

  it('rejects a body that is not a rollup', async () => {
    const { client } = setup(jsonResponse(200, { templates: [] }));
    await expect(
      client.getOwnerRollup({ kind: 'group', namespace: 'default', name: 'x' }),
    ).rejects.toThrow(/not an owner rollup/);
  });
});
