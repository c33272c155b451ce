import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { armToken, rawRequest } from '../__testUtils__/request';
import {
  PRINCIPAL_IDENTITY,
  SUB_A,
  SUB_B,
  TENANT,
  testSnapshot,
} from '../__testUtils__/testSnapshot';
import type { RequestLogEntry } from './requestLog';
import { startArmEmulator, type ArmEmulator } from './startArmEmulator';

const TEMPLATES = `/subscriptions/${SUB_A}/providers/Microsoft.VirtualMachineImages/imageTemplates`;
const IB = 'api-version=2025-10-01';

describe('startArmEmulator (raw HTTPS)', () => {
  let emulator: ArmEmulator;
  let token: string;

  beforeAll(async () => {
    emulator = await startArmEmulator({ snapshot: testSnapshot() });
    token = await armToken(emulator);
  });
  afterAll(() => emulator.stop());
  beforeEach(() => {
    emulator.setFaults(undefined);
    emulator.clearRequests();
  });

  const get = (p: string, options: Parameters<typeof rawRequest>[2] = {}) =>
    rawRequest(emulator, p, { token, ...options });

  it('listens on 127.0.0.1 with a random port', () => {
    expect(emulator.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(emulator.port).toBeGreaterThan(0);
    expect(emulator.tenants).toEqual([
      TENANT,
      '22222222-2222-4222-8222-222222222222',
    ]);
  });

  describe('path quirks', () => {
    it.each([
      [
        'canonical',
        `/subscriptions/${SUB_A}/resourceGroups/rg-images/providers/Microsoft.VirtualMachineImages/imageTemplates/it-1`,
      ],
      [
        'lower case',
        `/subscriptions/${SUB_A}/resourcegroups/rg-images/providers/microsoft.virtualmachineimages/imagetemplates/it-1`,
      ],
      [
        'upper case',
        `/SUBSCRIPTIONS/${SUB_A.toUpperCase()}/RESOURCEGROUPS/RG-IMAGES/PROVIDERS/MICROSOFT.VIRTUALMACHINEIMAGES/IMAGETEMPLATES/IT-1`,
      ],
      [
        'double slashes',
        `//subscriptions/${SUB_A}//resourceGroups/rg-images/providers/Microsoft.VirtualMachineImages//imageTemplates/it-1`,
      ],
      [
        'trailing slash',
        `/subscriptions/${SUB_A}/resourceGroups/rg-images/providers/Microsoft.VirtualMachineImages/imageTemplates/it-1/`,
      ],
    ])('%s', async (_, p) => {
      const response = await get(`${p}?${IB}`);
      expect(response.status).toBe(200);
      // The body is the snapshot's JSON as written (id keeps its case).
      expect(response.body).toEqual(
        testSnapshot().subscriptions[0].imageTemplates![1],
      );
    });

    it('does not treat an encoded slash as a separator (the arm-locks listByScope bug)', async () => {
      const response = await get(
        `/%2Fsubscriptions%2F${SUB_A}/providers/Microsoft.Authorization/locks?api-version=2020-05-01`,
      );
      expect(response.status).toBe(404);
      expect(response.body.error.code).toBe('NotFound');
      expect(response.body.error.message).toContain('%2F');
    });

    it('decodes $filter values', async () => {
      const response = await get(
        `/subscriptions/${SUB_A}/providers/Microsoft.Authorization/roleAssignments?api-version=2022-04-01&%24filter=principalId%20eq%20'${PRINCIPAL_IDENTITY}'`,
      );
      expect(response.status).toBe(200);
      expect(response.body.value).toHaveLength(1);
      expect(response.body.value[0].properties.principalId).toBe(
        PRINCIPAL_IDENTITY,
      );
    });

    it('answers 400 for a $filter it does not support', async () => {
      const response = await get(
        `/subscriptions/${SUB_A}/providers/Microsoft.Authorization/roleAssignments?api-version=2022-04-01&$filter=${encodeURIComponent(
          "roleName eq 'x'",
        )}`,
      );
      expect(response.status).toBe(400);
      expect(response.body.error.message).toContain("roleName eq 'x'");
    });

    it('serves tenant-level role definitions by id', async () => {
      const response = await get(
        `/providers/Microsoft.Authorization/roleDefinitions/acdd72a7-3385-48ef-bd42-f606fba81ae7?api-version=2022-04-01`,
      );
      expect(response.status).toBe(200);
      expect(response.body.properties.roleName).toBe('Reader');
    });
  });

  describe('api-version', () => {
    it('is required', async () => {
      const response = await get(TEMPLATES);
      expect(response.status).toBe(400);
      expect(response.body.error.code).toBe('MissingApiVersionParameter');
    });

    it('rejects an unknown version of a provider type with NoRegisteredProviderFound', async () => {
      const response = await get(`${TEMPLATES}?api-version=2099-01-01`);
      expect(response.status).toBe(400);
      expect(response.body.error.code).toBe('NoRegisteredProviderFound');
      expect(response.body.error.message).toContain('2025-10-01');
    });

    it('rejects an unknown version of a Microsoft.Resources route with InvalidApiVersionParameter', async () => {
      const response = await get(`/subscriptions?api-version=1999-01-01`);
      expect(response.status).toBe(400);
      expect(response.body.error.code).toBe('InvalidApiVersionParameter');
    });

    it('accepts the previous SDK version (arm-imagebuilder 4.x: 2023-07-01)', async () => {
      expect((await get(`${TEMPLATES}?api-version=2023-07-01`)).status).toBe(
        200,
      );
    });
  });

  describe('authentication', () => {
    it('answers 401 AuthenticationFailed with a challenge when the header is missing', async () => {
      const response = await get(`${TEMPLATES}?${IB}`, { token: null });
      expect(response.status).toBe(401);
      expect(response.body.error.code).toBe('AuthenticationFailed');
      expect(response.headers['www-authenticate']).toMatch(/^Bearer /);
    });

    it('answers 401 InvalidAuthenticationToken for a token it did not issue', async () => {
      const response = await get(`${TEMPLATES}?${IB}`, {
        token: 'eyJhbGciOiJIUzI1NiJ9.eyJhdWQiOiJ4In0.c2ln',
      });
      expect(response.status).toBe(401);
      expect(response.body.error.code).toBe('InvalidAuthenticationToken');
    });

    it('answers 401 InvalidAuthenticationTokenAudience for a token of another resource', async () => {
      const graph = await armToken(emulator, {
        scope: 'https://graph.microsoft.com/.default',
      });
      const response = await get(`${TEMPLATES}?${IB}`, { token: graph });
      expect(response.status).toBe(401);
      expect(response.body.error.code).toBe(
        'InvalidAuthenticationTokenAudience',
      );
    });

    it("accepts a token for the emulator's own origin (the HLC clients' default scope)", async () => {
      const own = await armToken(emulator, {
        scope: `${emulator.url}/.default`,
      });
      expect((await get(`${TEMPLATES}?${IB}`, { token: own })).status).toBe(
        200,
      );
    });
  });

  it('is read-only: other methods answer 405', async () => {
    const response = await get(
      `/subscriptions/${SUB_A}/resourceGroups/rg-images/providers/Microsoft.VirtualMachineImages/imageTemplates/it-1?${IB}`,
      { method: 'DELETE' },
    );
    expect(response.status).toBe(405);
  });

  it('answers 404 SubscriptionNotFound for a subscription the snapshot does not have', async () => {
    const response = await get(
      `/subscriptions/00000000-0000-0000-0000-00000000dead/providers/Microsoft.VirtualMachineImages/imageTemplates?${IB}`,
    );
    expect(response.status).toBe(404);
    expect(response.body.error.code).toBe('SubscriptionNotFound');
  });

  it.each([
    [
      `/subscriptions/${SUB_A}/resourceGroups/RG-IMAGES?api-version=2025-04-01`,
      'rg-images',
    ],
    [
      `/subscriptions/${SUB_A}/resourceGroups/rg-images/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-images?api-version=2024-11-30`,
      'id-images',
    ],
    [
      `/subscriptions/${SUB_A}/providers/Microsoft.Authorization/locks/sub-lock?api-version=2020-05-01`,
      'sub-lock',
    ],
    [
      `/subscriptions/${SUB_A}/resourceGroups/rg-images/providers/Microsoft.Authorization/roleDefinitions/b24988ac-6180-42a0-ab88-20f7382dd24c?api-version=2022-04-01`,
      'b24988ac-6180-42a0-ab88-20f7382dd24c',
    ],
  ])('gets %s', async (p, name) => {
    const response = await get(p);
    expect(response.status).toBe(200);
    expect(response.body.name).toBe(name);
  });

  it('lists identities of a resource group', async () => {
    const inGroup = await get(
      `/subscriptions/${SUB_A}/resourceGroups/rg-images/providers/Microsoft.ManagedIdentity/userAssignedIdentities?api-version=2024-11-30`,
    );
    expect(inGroup.body.value).toHaveLength(1);
    const other = await get(
      `/subscriptions/${SUB_A}/resourceGroups/rg-other/providers/Microsoft.ManagedIdentity/userAssignedIdentities?api-version=2024-11-30`,
    );
    expect(other.body.value).toEqual([]);
  });

  it('answers 404 ResourceGroupNotFound and ResourceNotFound', async () => {
    const group = await get(
      `/subscriptions/${SUB_A}/resourceGroups/nope?api-version=2025-04-01`,
    );
    expect(group.body.error.code).toBe('ResourceGroupNotFound');
    const triggers = await get(
      `/subscriptions/${SUB_A}/resourceGroups/rg-images/providers/Microsoft.VirtualMachineImages/imageTemplates/nope/triggers?${IB}`,
    );
    expect(triggers.status).toBe(404);
    expect(triggers.body.error.code).toBe('ResourceNotFound');
  });

  describe('paging', () => {
    let paged: ArmEmulator;
    beforeAll(async () => {
      paged = await startArmEmulator({ snapshot: testSnapshot(), pageSize: 4 });
    });
    afterAll(() => paged.stop());

    it('gives an absolute nextLink on the host the client used, keeping the query', async () => {
      const pagedToken = await armToken(paged);
      const first = await rawRequest(
        paged,
        `/subscriptions/${SUB_A}/providers/Microsoft.Authorization/roleAssignments?api-version=2022-04-01&$filter=atScope()`,
        { token: pagedToken, host: 'localhost' },
      );
      expect(first.body.value).toHaveLength(2);
      expect(first.body.nextLink).toBeUndefined();

      const list = await rawRequest(paged, `${TEMPLATES}?${IB}`, {
        token: pagedToken,
        host: 'localhost',
      });
      expect(list.body.value).toHaveLength(4);
      const next = new URL(list.body.nextLink);
      expect(next.origin).toBe(`https://localhost:${paged.port}`);
      expect(next.searchParams.get('api-version')).toBe('2025-10-01');
      const second = await rawRequest(paged, `${next.pathname}${next.search}`, {
        token: pagedToken,
      });
      expect(second.body.value.map((t: { name: string }) => t.name)).toEqual([
        'it-4',
        'it-other',
      ]);
      expect(second.body.nextLink).toBeUndefined();
    });

    it('rejects a skip token it did not issue', async () => {
      const response = await rawRequest(
        paged,
        `${TEMPLATES}?${IB}&$skiptoken=bogus`,
        { token: await armToken(paged) },
      );
      expect(response.status).toBe(400);
      expect(response.body.error.code).toBe('InvalidSkipToken');
    });
  });

  describe('faults', () => {
    it('counts per rule: every=3 fires on the 3rd and 6th matching request', async () => {
      emulator.setFaults('error503:every=3,collection=templates');
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++) {
        statuses.push((await get(`${TEMPLATES}?${IB}`)).status);
      }
      expect(statuses).toEqual([200, 200, 503, 200, 200, 503]);
      expect(emulator.faultCounts()).toEqual([
        { rule: 'error503:every=3,collection=templates', seen: 6, fired: 2 },
      ]);
    });

    it('throttles with Retry-After and ARM throttling headers', async () => {
      emulator.setFaults('throttle:retryAfter=7');
      const response = await get(`${TEMPLATES}?${IB}`);
      expect(response.status).toBe(429);
      expect(response.headers['retry-after']).toBe('7');
      expect(
        response.headers['x-ms-ratelimit-remaining-subscription-reads'],
      ).toBe('0');
      expect(response.body.error.code).toBe('SubscriptionRequestsThrottled');
    });

    it('leaves the token endpoint alone unless collection=token', async () => {
      emulator.setFaults('error503');
      const form = `grant_type=client_credentials&client_id=a&client_secret=b&scope=${encodeURIComponent(
        'https://management.azure.com/.default',
      )}`;
      const ok = await rawRequest(emulator, `/${TENANT}/oauth2/v2.0/token`, {
        method: 'POST',
        body: form,
      });
      expect(ok.status).toBe(200);
      emulator.setFaults('error503:collection=token');
      const failed = await rawRequest(
        emulator,
        `/${TENANT}/oauth2/v2.0/token`,
        {
          method: 'POST',
          body: form,
        },
      );
      expect(failed.status).toBe(503);
      expect(failed.body.error).toBe('temporarily_unavailable');
      expect(failed.body.error_description).toMatch(/^AADSTS/);
    });
  });

  it('replaces the snapshot with setSnapshot', async () => {
    const smaller = testSnapshot();
    smaller.subscriptions[0].imageTemplates = [];
    emulator.setSnapshot(smaller);
    try {
      expect((await get(`${TEMPLATES}?${IB}`)).body.value).toEqual([]);
    } finally {
      emulator.setSnapshot(testSnapshot());
    }
    expect((await get(`${TEMPLATES}?${IB}`)).body.value).toHaveLength(6);
  });

  it('answers the snapshot error of a null collection', async () => {
    const response = await get(
      `/subscriptions/${SUB_B}/resourceGroups/rg-images/providers/Microsoft.Authorization/locks?api-version=2020-05-01`,
    );
    expect(response.status).toBe(403);
    expect(response.body.error).toEqual({
      code: 'AuthorizationFailed',
      message: 'No locks/read on this subscription (from the snapshot).',
    });
  });
});

describe('the request log', () => {
  it('writes one JSON line per request to a file, and to a callback', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'arm-emulator-log-'));
    const file = path.join(dir, 'requests.jsonl');
    const emulator = await startArmEmulator({
      snapshot: testSnapshot(),
      log: file,
      latencyMs: 30,
      faults: 'forbid:collection=locks',
    });
    const seen: RequestLogEntry[] = [];
    const withCallback = await startArmEmulator({
      snapshot: testSnapshot(),
      log: entry => seen.push(entry),
    });
    try {
      const token = await armToken(emulator);
      await rawRequest(emulator, `${TEMPLATES}?${IB}`, { token });
      await rawRequest(
        emulator,
        `/subscriptions/${SUB_A}/providers/Microsoft.Authorization/locks?api-version=2020-05-01`,
        { token },
      );
      await rawRequest(withCallback, '/nowhere', {});
    } finally {
      await emulator.stop();
      await withCallback.stop();
    }
    const lines = (await fs.readFile(file, 'utf8'))
      .trim()
      .split('\n')
      .map(line => JSON.parse(line));
    await fs.rm(dir, { recursive: true, force: true });
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({
      method: 'GET',
      path: TEMPLATES,
      query: { 'api-version': '2025-10-01' },
      status: 200,
      route: 'imageTemplates.list',
      collection: 'imageTemplates',
      subscriptionId: SUB_A,
    });
    // --latency-ms applies to every request.
    expect(lines[0].durationMs).toBeGreaterThanOrEqual(30);
    expect(lines[1]).toMatchObject({
      status: 403,
      route: 'locks.list',
      fault: 'forbid:collection=locks',
      errorCode: 'AuthorizationFailed',
    });
    expect(typeof lines[1].requestId).toBe('string');
    expect(seen).toEqual([
      expect.objectContaining({ path: '/nowhere', status: 404, route: null }),
    ]);
  });

  it('does not log secrets sent to the token endpoint', async () => {
    const seen: RequestLogEntry[] = [];
    const emulator = await startArmEmulator({
      snapshot: testSnapshot(),
      log: entry => seen.push(entry),
    });
    try {
      await rawRequest(emulator, `/${TENANT}/oauth2/v2.0/token`, {
        method: 'POST',
        body: 'grant_type=client_credentials&client_id=a&client_secret=s3cr3t-value&scope=https%3A%2F%2Fmanagement.azure.com%2F.default',
      });
    } finally {
      await emulator.stop();
    }
    expect(seen).toHaveLength(1);
    expect(JSON.stringify(seen)).not.toContain('s3cr3t-value');
  });
});
