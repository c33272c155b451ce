/*
 * The azure source through the real SDK clients (@azure/arm-imagebuilder 5.x, arm-locks,
 * arm-authorization, arm-msi, arm-resources, arm-resources-subscriptions, @azure/identity)
 * against the ARM emulator of this repository, serving examples/azure-snapshot.json.
 */
import { mockServices } from '@backstage/backend-test-utils';
import { ArmEmulator, RequestLogEntry } from 'azure-arm-emulator';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  CLIENT_ID,
  CLIENT_SECRET,
  emulatorSource,
  exampleSnapshot,
  ruleStatuses,
  scoresByTemplate,
  startEmulator,
} from './__testUtils__/emulator';

const SUB_PROD = '6b1f3e2a-4c8d-4f0e-9a57-2e8d1c4b7f10';
const SUB_NONPROD = '9c4d2a71-1e5b-4a3c-8f26-7b0e5d3c9a42';
const SUB_SANDBOX = 'e2a75c19-8d3f-4b61-a0c4-53f9b8e1d6a7';

/** A mock logger whose children log into it. */
function testLogger() {
  const logger = mockServices.logger.mock();
  (logger.child as jest.Mock).mockReturnValue(logger);
  return logger;
}

const ids = (items: Array<{ id: string }> | null | undefined) =>
  items === null || items === undefined ? items : items.map(i => i.id).sort();

const armRequests = (emulator: ArmEmulator) =>
  emulator.requests().filter(r => r.collection !== 'token');

function bySubscription(entries: RequestLogEntry[]) {
  const counts = new Map<string, number>();
  for (const entry of entries) {
    const key = entry.subscriptionId?.toLowerCase() ?? '(tenant)';
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

jest.setTimeout(60_000);

describe('AzureSource against the ARM emulator', () => {
  let emulator: ArmEmulator | undefined;

  // The emulator's certificates are made once (RSA key generation takes seconds).
  beforeAll(async () => {
    await (await startEmulator({ snapshot: exampleSnapshot() })).stop();
  });

  afterEach(async () => {
    await emulator?.stop();
    emulator = undefined;
  });

  it('collects what the emulator serves, every page followed, and scores the same, rule for rule', async () => {
    const served = exampleSnapshot();
    emulator = await startEmulator({ snapshot: served, pageSize: 2 });
    const logger = testLogger();
    const { snapshot, problems } = await emulatorSource(
      emulator,
      {},
      {
        logger,
      },
    ).read();

    expect(problems).toEqual([]);
    expect(snapshot.subscriptions.map(s => s.subscriptionId)).toEqual(
      served.subscriptions.map(s => s.subscriptionId),
    );
    for (const [i, got] of snapshot.subscriptions.entries()) {
      const want = served.subscriptions[i];
      expect(got.displayName).toBe(want.displayName);
      expect(got.tenantId).toBe(want.tenantId);
      expect(got.tags).toEqual(want.tags);
      for (const collection of [
        'resourceGroups',
        'imageTemplates',
        'triggers',
        'locks',
        'roleAssignments',
        'userAssignedIdentities',
      ] as const) {
        expect({ collection, ids: ids(got[collection]) }).toEqual({
          collection,
          ids: ids(want[collection]),
        });
      }
      // Verbatim wire JSON: the templates are the served ones, field for field.
      expect(got.imageTemplates).toEqual(want.imageTemplates);
      // Only the referenced role definitions are kept.
      for (const d of got.roleDefinitions ?? []) {
        expect(ids(want.roleDefinitions)).toContain(d.id);
      }
      // A collection the snapshot has as unreadable comes back unreadable, with its code.
      expect(got.errors.map(e => [e.collection, e.code])).toEqual(
        want.errors.map(e => [e.collection, e.code]),
      );
    }

    // Paged: 6 templates in pages of 2 are 3 requests.
    const templatePages = emulator
      .requests()
      .filter(
        r =>
          r.route === 'imageTemplates.list' &&
          r.subscriptionId?.toLowerCase() === SUB_PROD,
      );
    expect(templatePages).toHaveLength(3);
    expect(templatePages.slice(1).every(r => r.query.$skiptoken)).toBe(true);

    const collectedScores = scoresByTemplate({
      ...snapshot,
      capturedAt: served.capturedAt,
    });
    const servedScores = scoresByTemplate(served);
    expect([...collectedScores.keys()].sort()).toEqual(
      [...servedScores.keys()].sort(),
    );
    for (const [templateId, scorecard] of servedScores) {
      expect(collectedScores.get(templateId)).toEqual(scorecard);
    }
    expect(logger.info).toHaveBeenCalledWith(
      expect.stringMatching(
        /^Read Azure source "emulator": 3 subscriptions, 10 image templates, \d+ calls in \d+ ms; 2 collections could not be read$/,
      ),
      expect.anything(),
    );
  });

  it('stays within the call budget: 5 lists per subscription (+ resource groups), 1 per template, 1 subscription list', async () => {
    const served = exampleSnapshot();
    emulator = await startEmulator({ snapshot: served });
    await emulatorSource(emulator, { collectResourceGroups: false }).read();
    const counts = bySubscription(armRequests(emulator));
    expect(counts.get('(tenant)')).toBe(1);
    for (const subscription of served.subscriptions) {
      const templates = subscription.imageTemplates?.length ?? 0;
      expect(counts.get(subscription.subscriptionId)).toBe(5 + templates);
    }
    expect(
      armRequests(emulator).some(r => r.route === 'resourceGroups.list'),
    ).toBe(false);
  });

  it('without collectResourceGroups, resource groups are null (not collected) with no error', async () => {
    emulator = await startEmulator({ snapshot: exampleSnapshot() });
    const { snapshot } = await emulatorSource(emulator, {
      collectResourceGroups: false,
    }).read();
    expect(snapshot.subscriptions[0].resourceGroups).toBeNull();
    expect(snapshot.subscriptions[0].errors).toEqual([]);
  });

  it('honours Retry-After on 429 and loses nothing', async () => {
    emulator = await startEmulator({
      snapshot: exampleSnapshot(),
      faults: `throttle:collection=imageTemplates,subscription=${SUB_PROD},times=1,retryAfter=1`,
    });
    const { snapshot } = await emulatorSource(emulator).read();
    expect(snapshot.subscriptions[0].imageTemplates).toHaveLength(6);
    const calls = emulator
      .requests()
      .filter(
        r =>
          r.route === 'imageTemplates.list' &&
          r.subscriptionId?.toLowerCase() === SUB_PROD,
      );
    expect(calls.map(c => c.status)).toEqual([429, 200]);
    // The retry waited for Retry-After (1 s) after the 429 was answered.
    const answered = Date.parse(calls[0].time) + calls[0].durationMs;
    expect(Date.parse(calls[1].time) - answered).toBeGreaterThanOrEqual(900);
  });

  it('retries 500, 503 and dropped connections', async () => {
    emulator = await startEmulator({
      snapshot: exampleSnapshot(),
      faults:
        'error503:collection=locks,times=2;error500:collection=identities,times=1;reset:collection=roleAssignments,times=1',
    });
    const { snapshot } = await emulatorSource(emulator).read();
    expect(snapshot.subscriptions[0].locks).toHaveLength(6);
    expect(snapshot.subscriptions[0].userAssignedIdentities).toHaveLength(4);
    expect(snapshot.subscriptions[0].roleAssignments).toHaveLength(28);
    expect(snapshot.subscriptions[0].errors).toEqual([]);
    expect(emulator.faultCounts().map(f => f.fired)).toEqual([2, 1, 1]);
  });

  it('a collection that keeps failing is null with its error, and its rules answer unknown', async () => {
    emulator = await startEmulator({
      snapshot: exampleSnapshot(),
      faults: 'error500:collection=locks',
    });
    const logger = testLogger();
    const { snapshot } = await emulatorSource(
      emulator,
      {},
      { logger, retryOptions: { maxRetries: 1, retryDelayInMs: 1 } },
    ).read();
    expect(snapshot.subscriptions[0].locks).toBeNull();
    expect(snapshot.subscriptions[0].errors).toEqual([
      expect.objectContaining({
        collection: 'locks',
        code: 'InternalServerError',
      }),
    ]);
    expect(
      new Set(ruleStatuses(snapshot, 'template-lock').map(s => s.status)),
    ).toEqual(new Set(['unknown']));
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining(
        `Subscription ${SUB_PROD}: could not read locks (InternalServerError`,
      ),
      expect.objectContaining({ collection: 'locks' }),
    );
  });

  it('a 403 on locks gives template-lock unknown, never fail', async () => {
    const served = exampleSnapshot();
    // Without the fault, some templates fail the rule: the test can tell the difference.
    expect(ruleStatuses(served, 'template-lock').map(s => s.status)).toContain(
      'fail',
    );
    emulator = await startEmulator({
      snapshot: served,
      faults: 'forbid:collection=locks',
    });
    const { snapshot } = await emulatorSource(emulator).read();
    for (const subscription of snapshot.subscriptions) {
      expect(subscription.locks).toBeNull();
      expect(subscription.errors).toContainEqual(
        expect.objectContaining({
          collection: 'locks',
          code: 'AuthorizationFailed',
        }),
      );
    }
    const statuses = ruleStatuses(snapshot, 'template-lock');
    expect(statuses).toHaveLength(10);
    expect(new Set(statuses.map(s => s.status))).toEqual(new Set(['unknown']));
  });

  it('a 403 on a subscription makes it unknown (templates null) and keeps the others', async () => {
    emulator = await startEmulator({
      snapshot: exampleSnapshot(),
      faults: `forbid:subscription=${SUB_NONPROD}`,
    });
    const { snapshot } = await emulatorSource(emulator).read();
    const [prod, nonprod, sandbox] = snapshot.subscriptions;
    expect(nonprod.subscriptionId).toBe(SUB_NONPROD);
    expect(nonprod.imageTemplates).toBeNull();
    expect(nonprod.triggers).toBeNull();
    expect(nonprod.errors.map(e => [e.collection, e.code])).toEqual([
      ['imageTemplates', 'AuthorizationFailed'],
      ['triggers', 'AuthorizationFailed'],
      ['locks', 'AuthorizationFailed'],
      ['roleAssignments', 'AuthorizationFailed'],
      ['roleDefinitions', 'AuthorizationFailed'],
      ['userAssignedIdentities', 'AuthorizationFailed'],
      ['resourceGroups', 'AuthorizationFailed'],
    ]);
    expect(prod.imageTemplates).toHaveLength(6);
    expect(sandbox.imageTemplates).toHaveLength(1);
    // No trigger call for a subscription whose templates are unknown.
    expect(
      emulator
        .requests()
        .filter(
          r =>
            r.route === 'triggers.list' &&
            r.subscriptionId?.toLowerCase() === SUB_NONPROD,
        ),
    ).toEqual([]);
  });

  it('one template whose triggers fail makes the triggers unknown, naming the template', async () => {
    emulator = await startEmulator({
      snapshot: exampleSnapshot(),
      faults: 'error500:path=it-ubuntu2204-base-neu/triggers',
    });
    const { snapshot } = await emulatorSource(
      emulator,
      { concurrency: 1 },
      { retryOptions: { maxRetries: 0 } },
    ).read();
    const prod = snapshot.subscriptions[0];
    expect(prod.triggers).toBeNull();
    expect(prod.errors).toEqual([
      {
        collection: 'triggers',
        code: 'InternalServerError',
        message: expect.stringMatching(
          /^image template \/subscriptions\/6b1f3e2a-4c8d-4f0e-9a57-2e8d1c4b7f10\/resourceGroups\/rg-aib-linux-prod\/providers\/Microsoft\.VirtualMachineImages\/imageTemplates\/it-ubuntu2204-base-neu: /,
        ),
      },
    ]);
    expect(snapshot.subscriptions[1].triggers).toHaveLength(1);
    expect(
      new Set(
        ruleStatuses(snapshot, 'source-image-trigger')
          .filter(s => s.templateId.includes(SUB_PROD))
          .map(s => s.status),
      ),
    ).toEqual(new Set(['unknown']));
  });

  it('a request slower than the timeout is retried, then the collection is unknown (ETIMEDOUT)', async () => {
    emulator = await startEmulator({
      snapshot: exampleSnapshot(),
      faults: 'latency:collection=identities,ms=400',
    });
    const { snapshot } = await emulatorSource(
      emulator,
      {},
      {
        requestTimeoutMs: 150,
        retryOptions: { maxRetries: 1, retryDelayInMs: 1 },
      },
    ).read();
    for (const subscription of snapshot.subscriptions) {
      expect(subscription.userAssignedIdentities).toBeNull();
      expect(subscription.errors).toContainEqual({
        collection: 'userAssignedIdentities',
        code: 'ETIMEDOUT',
        message: expect.stringContaining('no response within 150 ms'),
      });
    }
    expect(snapshot.subscriptions[0].imageTemplates).toHaveLength(6);
    // Two attempts per subscription (the log is written after the latency: count the fault).
    expect(emulator.faultCounts()).toEqual([
      expect.objectContaining({ fired: 6 }),
    ]);
  });

  it('latency within the timeout changes nothing', async () => {
    const served = exampleSnapshot();
    emulator = await startEmulator({ snapshot: served, latencyMs: 30 });
    const { snapshot } = await emulatorSource(emulator, {
      concurrency: 3,
    }).read();
    expect(snapshot.subscriptions.map(s => s.imageTemplates?.length)).toEqual([
      6, 3, 1,
    ]);
  });

  it('a template without identity does not abort the list', async () => {
    const served = exampleSnapshot();
    delete (served.subscriptions[0].imageTemplates![2] as any).identity;
    emulator = await startEmulator({ snapshot: served });
    const { snapshot, problems } = await emulatorSource(emulator).read();
    expect(problems).toEqual([]);
    const templates = snapshot.subscriptions[0].imageTemplates!;
    expect(templates).toHaveLength(6);
    expect(templates[2]).toEqual(served.subscriptions[0].imageTemplates![2]);
    expect(templates[2]).not.toHaveProperty('identity');
  });

  it('a malformed template is left out as a problem; the rest of the list is kept', async () => {
    const served = exampleSnapshot();
    (served.subscriptions[0].imageTemplates![1] as any).properties = 'broken';
    emulator = await startEmulator({ snapshot: served });
    const { snapshot, problems } = await emulatorSource(emulator).read();
    expect(snapshot.subscriptions[0].imageTemplates).toHaveLength(5);
    expect(problems).toEqual([
      expect.objectContaining({
        collection: 'imageTemplates',
        index: 1,
        message: expect.stringContaining('azure:emulator: subscriptions[0]'),
      }),
    ]);
  });

  it('authenticates with ClientSecretCredential at the token endpoint; a wrong secret fails the read', async () => {
    emulator = await startEmulator({ snapshot: exampleSnapshot() });
    await emulatorSource(emulator).read();
    const tokenCalls = emulator
      .requests()
      .filter(r => r.collection === 'token');
    // OpenID discovery, then one token shared by every client of the read.
    expect(tokenCalls.map(r => [r.route, r.status])).toEqual([
      ['openidConfiguration', 200],
      ['token', 200],
    ]);

    const wrong = emulatorSource(emulator, {
      credential: {
        type: 'clientSecret',
        tenantId: emulator.tenants[0],
        clientId: 'some-client',
        clientSecret: 'not-the-secret',
      },
    });
    const failure = wrong.read();
    await expect(failure).rejects.toThrow(
      /^Azure source "emulator": could not get a token \(credential type "clientSecret", scope https:\/\/management\.azure\.com\/\.default\): /,
    );
    await expect(failure).rejects.not.toThrow('not-the-secret');
    await expect(failure).rejects.not.toThrow(CLIENT_SECRET);
  });

  it('authenticates with WorkloadIdentityCredential (a federated token file) at the token endpoint', async () => {
    emulator = await startEmulator({ snapshot: exampleSnapshot() });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aib-wi-'));
    const tokenFile = path.join(dir, 'azure-identity-token');
    fs.writeFileSync(
      tokenFile,
      'eyJhbGciOiJub25lIn0.eyJzdWIiOiJzeXN0ZW06c2VydmljZWFjY291bnQ6YmFja3N0YWdlOmJhY2tzdGFnZSJ9.',
    );
    try {
      const { snapshot } = await emulatorSource(emulator, {
        credential: {
          type: 'workloadIdentity',
          tenantId: emulator.tenants[0],
          clientId: CLIENT_ID,
          tokenFilePath: tokenFile,
        },
      }).read();
      expect(snapshot.subscriptions).toHaveLength(3);
      expect(
        emulator
          .requests()
          .filter(r => r.route === 'token' && r.status === 200),
      ).toHaveLength(1);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reads every visible subscription, or the configured ones in config order', async () => {
    emulator = await startEmulator({ snapshot: exampleSnapshot() });
    const unknown = '0f0f0f0f-0000-4000-8000-000000000000';
    const logger = testLogger();
    const { snapshot } = await emulatorSource(
      emulator,
      { subscriptions: [SUB_SANDBOX, unknown, SUB_PROD.toUpperCase()] },
      { logger },
    ).read();
    expect(snapshot.subscriptions.map(s => s.subscriptionId)).toEqual([
      SUB_SANDBOX,
      unknown,
      SUB_PROD, // as Azure spells it
    ]);
    const missing = snapshot.subscriptions[1];
    expect(missing.imageTemplates).toBeNull();
    expect(missing.errors[0]).toMatchObject({
      collection: 'imageTemplates',
      code: 'SubscriptionNotFound',
    });
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining(
        `Subscription ${unknown} is configured but not visible to the credential`,
      ),
      { subscriptionId: unknown },
    );
  });

  it('rejects the read when the subscriptions cannot be listed', async () => {
    emulator = await startEmulator({
      snapshot: exampleSnapshot(),
      faults: 'forbid:route=subscriptions.list',
    });
    await expect(emulatorSource(emulator).read()).rejects.toThrow(
      /^Azure source "emulator": could not list the subscriptions: /,
    );
  });

  it('stops when aborted', async () => {
    emulator = await startEmulator({
      snapshot: exampleSnapshot(),
      latencyMs: 50,
    });
    const controller = new AbortController();
    const read = emulatorSource(emulator).read({
      signal: controller.signal,
      onProgress: p => {
        if (p.calls >= 3) controller.abort();
      },
    });
    await expect(read).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('reports progress', async () => {
    emulator = await startEmulator({ snapshot: exampleSnapshot() });
    const seen: Array<{ done: number; calls: number }> = [];
    await emulatorSource(emulator).read({
      onProgress: p =>
        seen.push({ done: p.subscriptions.done, calls: p.calls }),
    });
    expect(seen[0]).toEqual({ done: 0, calls: 1 });
    expect(seen[seen.length - 1]).toEqual({
      done: 3,
      calls: armRequests(emulator).length,
    });
  });
});
