import { ImageBuilderClient } from '@azure/arm-imagebuilder';
import { ManagementLockClient } from '@azure/arm-locks';
import {
  createHttpHeaders,
  HttpClient,
  PipelineRequest,
} from '@azure/core-rest-pipeline';
import { armCallPolicy, timeoutPolicy } from './armCall';
import { itemsOf, listCollection } from './collectors';
import { SubscriptionClients } from './createArmClients';

const SUB = '00000000-0000-4000-8000-000000000001';
const ENDPOINT = 'https://arm.local.test';
const credential = {
  getToken: async () => ({
    token: 'x',
    expiresOnTimestamp: Date.now() + 3_600_000,
  }),
};
const TEMPLATES = `/subscriptions/${SUB}/providers/Microsoft.VirtualMachineImages/imageTemplates`;

function template(name: string, extra: object = {}) {
  return {
    id: `/subscriptions/${SUB}/resourceGroups/rg/providers/Microsoft.VirtualMachineImages/imageTemplates/${name}`,
    name,
    type: 'Microsoft.VirtualMachineImages/imageTemplates',
    location: 'westeurope',
    identity: { type: 'UserAssigned', userAssignedIdentities: {} },
    properties: {
      source: { type: 'PlatformImage' },
      lastRunStatus: {
        runState: 'Succeeded',
        startTime: '2026-11-01T10:00:00Z',
      },
    },
    ...extra,
  };
}

/** A fake ARM answering from a path → responses table, with an optional delay per request. */
function fakeArm(
  routes: Record<
    string,
    (request: PipelineRequest) => {
      status: number;
      body?: unknown;
      headers?: Record<string, string>;
    }
  >,
  delayMs = 0,
): HttpClient & { requests: string[] } {
  const requests: string[] = [];
  return {
    requests,
    async sendRequest(request) {
      const url = new URL(request.url);
      requests.push(`${url.pathname}${url.search}`);
      if (delayMs) {
        await new Promise((resolve, reject) => {
          const timer = setTimeout(resolve, delayMs);
          request.abortSignal?.addEventListener('abort', () => {
            clearTimeout(timer);
            const error = new Error('aborted');
            error.name = 'AbortError';
            reject(error);
          });
        });
      }
      const route = routes[url.pathname];
      const answer = route
        ? route(request)
        : {
            status: 404,
            body: { error: { code: 'NotFound', message: url.pathname } },
          };
      return {
        request,
        status: answer.status,
        headers: createHttpHeaders({
          'content-type': 'application/json',
          ...answer.headers,
        }),
        bodyAsText:
          answer.body === undefined ? '' : JSON.stringify(answer.body),
      };
    },
  };
}

function clients(httpClient: HttpClient, extra: object = {}) {
  const options = {
    endpoint: ENDPOINT,
    httpClient,
    additionalPolicies: [
      { policy: armCallPolicy, position: 'perCall' as const },
    ],
    ...extra,
  };
  return {
    imageBuilder: new ImageBuilderClient(credential, SUB, options),
    locks: new ManagementLockClient(credential, SUB, options),
  } as unknown as SubscriptionClients;
}

describe('armCallPolicy through the real SDK clients', () => {
  it('keeps the wire JSON of every page, verbatim, and survives a template without identity', async () => {
    const noIdentity = template('no-identity');
    delete (noIdentity as { identity?: unknown }).identity;
    const malformed = template('bad', {
      properties: { customize: 'not a list' },
    });
    const http = fakeArm({
      [TEMPLATES]: request =>
        new URL(request.url).searchParams.get('page') === '2'
          ? { status: 200, body: { value: [template('c')] } }
          : {
              status: 200,
              body: {
                value: [template('a'), noIdentity, malformed],
                nextLink: `${ENDPOINT}${TEMPLATES}?api-version=2025-10-01&page=2`,
              },
            },
    });
    const items = await listCollection('imageTemplates', clients(http), SUB);
    expect(items.map(t => t.name)).toEqual(['a', 'no-identity', 'bad', 'c']);
    // Verbatim: no identity added, dates stay strings, properties stay nested.
    expect(items[1]).toEqual(noIdentity);
    expect(items[0].properties?.lastRunStatus.startTime).toBe(
      '2026-11-01T10:00:00Z',
    );
    expect(items[2].properties?.customize).toBe('not a list');
    expect(http.requests).toEqual([
      `${TEMPLATES}?api-version=2025-10-01`,
      `${TEMPLATES}?api-version=2025-10-01&page=2`,
    ]);
  });

  it('the SDK alone aborts the list on a template without identity (why the shield exists)', async () => {
    const noIdentity = template('no-identity');
    delete (noIdentity as { identity?: unknown }).identity;
    const http = fakeArm({
      [TEMPLATES]: () => ({ status: 200, body: { value: [noIdentity] } }),
    });
    const client = new ImageBuilderClient(credential, SUB, {
      endpoint: ENDPOINT,
      httpClient: http,
    });
    await expect(
      (async () => {
        for await (const _ of client.virtualMachineImageTemplates.list()) {
          // drain
        }
      })(),
    ).rejects.toThrow(TypeError);
  });

  it('keeps concurrent calls on one client apart', async () => {
    const locks = `/subscriptions/${SUB}/providers/Microsoft.Authorization/locks`;
    const lock = (name: string) => ({
      id: `/subscriptions/${SUB}/providers/Microsoft.Authorization/locks/${name}`,
      name,
      properties: { level: 'CanNotDelete' },
    });
    const tags = ['x', 'y'];
    const http = fakeArm(
      {
        [locks]: request => {
          const page = new URL(request.url).searchParams.get('page');
          const tag = page ?? tags.shift();
          return page
            ? { status: 200, body: { value: [lock(`${page}-2`)] } }
            : {
                status: 200,
                body: {
                  value: [lock(`${tag}-1`)],
                  nextLink: `${ENDPOINT}${locks}?api-version=2020-05-01&page=${tag}`,
                },
              };
        },
      },
      5,
    );
    const c = clients(http);
    const [a, b] = await Promise.all([
      listCollection('locks', c, SUB),
      listCollection('locks', c, SUB),
    ]);
    // Both first pages were in flight together; each call got its own two pages.
    expect([a, b].map(list => list.map(l => l.name)).sort()).toEqual([
      ['x-1', 'x-2'],
      ['y-1', 'y-2'],
    ]);
  });

  it('gives later pages the call abort signal (the SDK passes none)', async () => {
    const controller = new AbortController();
    let laterPageSignal: unknown;
    const http = fakeArm({
      [TEMPLATES]: request => {
        if (new URL(request.url).searchParams.get('page')) {
          laterPageSignal = request.abortSignal;
          controller.abort();
          return { status: 200, body: { value: [] } };
        }
        return {
          status: 200,
          body: {
            value: [],
            nextLink: `${ENDPOINT}${TEMPLATES}?api-version=2025-10-01&page=2`,
          },
        };
      },
    });
    await expect(
      listCollection('imageTemplates', clients(http), SUB, controller.signal),
    ).rejects.toMatchObject({ name: 'AbortError' });
    expect(http.requests).toHaveLength(2);
    expect(laterPageSignal).toBe(controller.signal);
  });

  it('fails a hanging attempt with ETIMEDOUT, which the SDK retries', async () => {
    let attempts = 0;
    let hangAll = false;
    const http = fakeArm({}, 0);
    const slow: HttpClient = {
      async sendRequest(request) {
        attempts += 1;
        if (attempts === 1 || hangAll) {
          await new Promise((_, reject) =>
            request.abortSignal?.addEventListener('abort', () => {
              const error = new Error('aborted');
              error.name = 'AbortError';
              reject(error);
            }),
          );
        }
        return http.sendRequest(request);
      },
    };
    const c = clients(slow, {
      retryOptions: { maxRetries: 1, retryDelayInMs: 1, maxRetryDelayInMs: 1 },
      additionalPolicies: [
        { policy: armCallPolicy, position: 'perCall' as const },
        { policy: timeoutPolicy(50), position: 'perRetry' as const },
      ],
    });
    // The second attempt gets the fake's 404: the retry happened.
    await expect(listCollection('locks', c, SUB)).rejects.toMatchObject({
      statusCode: 404,
    });
    expect(attempts).toBe(2);

    hangAll = true;
    await expect(listCollection('locks', c, SUB)).rejects.toMatchObject({
      code: 'ETIMEDOUT',
      message: expect.stringContaining(
        'no response within 50 ms (GET /subscriptions/',
      ),
    });
  });
});

describe('itemsOf', () => {
  it('concatenates the value arrays and ignores pages without one', () => {
    expect(
      itemsOf([{ value: [{ id: 'a' }] }, null, {}, { value: [{ id: 'b' }] }]),
    ).toEqual([{ id: 'a' }, { id: 'b' }]);
  });
});
