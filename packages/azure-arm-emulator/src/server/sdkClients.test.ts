/*
 * The emulator through the real Azure SDK clients, constructed the way the `azure` source should
 * construct them against it (see the README, "Using it from tests").
 */
import { ImageBuilderClient } from '@azure/arm-imagebuilder';
import { AuthorizationManagementClient } from '@azure/arm-authorization';
import { ManagementLockClient } from '@azure/arm-locks';
import { ManagedServiceIdentityClient } from '@azure/arm-msi';
import { ResourceManagementClient } from '@azure/arm-resources';
import { SubscriptionClient } from '@azure/arm-resources-subscriptions';
import {
  ClientSecretCredential,
  WorkloadIdentityCredential,
} from '@azure/identity';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  OTHER_TENANT,
  PRINCIPAL_OWNER,
  SUB_A,
  SUB_B,
  SUB_C,
  SUB_D,
  TENANT,
  testSnapshot,
} from '../__testUtils__/testSnapshot';
import { startArmEmulator, type ArmEmulator } from './startArmEmulator';

const ARM_SCOPE = 'https://management.azure.com/.default';

/** Options every client gets: the emulator as endpoint, its CA, fast retries. */
function clientOptions(emulator: ArmEmulator) {
  return {
    endpoint: emulator.url,
    tlsOptions: { ca: emulator.caPem },
    retryOptions: { retryDelayInMs: 10, maxRetryDelayInMs: 50 },
  };
}

/** TypeSpec ("modular") clients: the token scope is set with `credentials.scopes`. */
function modularOptions(emulator: ArmEmulator) {
  return { ...clientOptions(emulator), credentials: { scopes: [ARM_SCOPE] } };
}

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}

async function failure(promise: Promise<unknown>): Promise<any> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail');
}

describe('through the Azure SDK clients', () => {
  let emulator: ArmEmulator;

  beforeAll(async () => {
    emulator = await startArmEmulator({
      snapshot: testSnapshot(),
      pageSize: 2,
      clients: { 'app-1': 'right-secret' },
    });
  });
  afterAll(() => emulator.stop());
  beforeEach(() => {
    emulator.setFaults(undefined);
    emulator.clearRequests();
  });

  const imageBuilder = (subscription = SUB_A) =>
    new ImageBuilderClient(
      emulator.credential(),
      subscription,
      clientOptions(emulator),
    );

  it('lists image templates over three pages, following absolute nextLinks', async () => {
    const templates = await collect(
      imageBuilder().virtualMachineImageTemplates.list(),
    );
    expect(templates.map(t => t.name)).toEqual([
      'it-0',
      'it-1',
      'it-2',
      'it-3',
      'it-4',
      'it-other',
    ]);
    const calls = emulator.requests();
    expect(calls.map(c => [c.route, c.status])).toEqual([
      ['imageTemplates.list', 200],
      ['imageTemplates.list', 200],
      ['imageTemplates.list', 200],
    ]);
    expect(calls[0].query).toEqual({ 'api-version': '2025-10-01' });
    expect(calls[1].query.$skiptoken).toBeDefined();
  });

  it('lists by resource group, gets a template (dates as Date) and its triggers', async () => {
    const client = imageBuilder();
    const inGroup = await collect(
      client.virtualMachineImageTemplates.listByResourceGroup('rg-images'),
    );
    expect(inGroup).toHaveLength(5);
    const template = await client.virtualMachineImageTemplates.get(
      'rg-images',
      'it-1',
    );
    expect(template.lastRunStatus?.startTime).toEqual(
      new Date('2026-11-01T10:00:00Z'),
    );
    expect(template.identity.type).toBe('UserAssigned');
    const triggers = await collect(
      client.triggers.listByImageTemplate('rg-images', 'it-0'),
    );
    expect(triggers.map(t => t.name)).toEqual(['source']);
    expect(
      await collect(client.triggers.listByImageTemplate('rg-images', 'it-2')),
    ).toEqual([]);
    const trigger = await client.triggers.get('rg-images', 'it-0', 'source');
    expect(trigger.properties?.status?.code).toBe('Healthy');
  });

  it('answers 404 ResourceNotFound for a template that does not exist', async () => {
    const error = await failure(
      imageBuilder().virtualMachineImageTemplates.get('rg-images', 'nope'),
    );
    expect(error).toMatchObject({
      name: 'RestError',
      statusCode: 404,
      code: 'ResourceNotFound',
    });
  });

  it('serves locks at resource level (double slash, lowercase resourcegroups), group and subscription level', async () => {
    const client = new ManagementLockClient(emulator.credential(), SUB_A, {
      ...clientOptions(emulator),
      credentialScopes: ARM_SCOPE,
    });
    const atTemplate = await collect(
      client.managementLocks.listAtResourceLevel(
        'rg-images',
        'Microsoft.VirtualMachineImages',
        '',
        'imageTemplates',
        'it-1',
      ),
    );
    // The template's own lock plus those it inherits; not the other group's.
    expect(atTemplate.map(l => l.name).sort()).toEqual([
      'it-lock',
      'rg-lock',
      'sub-lock',
    ]);
    expect(emulator.requests()[0].path).toContain(
      '/resourcegroups/rg-images/providers/Microsoft.VirtualMachineImages//imageTemplates/it-1/',
    );
    const atGroup = await collect(
      client.managementLocks.listAtResourceGroupLevel('rg-other'),
    );
    expect(atGroup.map(l => l.name).sort()).toEqual([
      'rg-other-lock',
      'sub-lock',
    ]);
    const one = await client.managementLocks.getAtResourceLevel(
      'rg-images',
      'Microsoft.VirtualMachineImages',
      '',
      'imageTemplates',
      'it-1',
      'it-lock',
    );
    expect(one.notes).toBe('it-lock notes');
    const missing = await failure(
      client.managementLocks.getAtResourceGroupLevel('rg-images', 'nope'),
    );
    expect(missing).toMatchObject({ statusCode: 404, code: 'LockNotFound' });
    const all = await collect(client.managementLocks.listAtSubscriptionLevel());
    expect(all).toHaveLength(4);
    expect(all[0].level).toBe('ReadOnly');
  });

  it('serves role assignments with atScope() and principalId filters, and role definitions by id', async () => {
    // Default token scope of this client: `${endpoint}/.default`, which the emulator accepts.
    const client = new AuthorizationManagementClient(
      emulator.credential(),
      SUB_A,
      clientOptions(emulator),
    );
    const atGroup = await collect(
      client.roleAssignments.listForScope(
        `subscriptions/${SUB_A}/resourceGroups/rg-images`,
        { filter: 'atScope()' },
      ),
    );
    // Management group + subscription + the group itself; not the template's (below).
    expect(atGroup.map(a => a.scope)).toEqual([
      '/providers/Microsoft.Management/managementGroups/mg-root',
      `/subscriptions/${SUB_A}`,
      `/subscriptions/${SUB_A}/resourceGroups/rg-images`,
    ]);
    const owners = await collect(
      client.roleAssignments.listForSubscription({
        filter: `principalId eq '${PRINCIPAL_OWNER}'`,
      }),
    );
    expect(owners).toHaveLength(1);
    expect(emulator.requests().at(-1)?.query.$filter).toBe(
      `principalId eq '${PRINCIPAL_OWNER}'`,
    );
    const byId = await client.roleAssignments.getById(owners[0].id!);
    expect(byId.principalId).toBe(PRINCIPAL_OWNER);
    const role = await client.roleDefinitions.getById(
      owners[0].roleDefinitionId!,
    );
    expect(role.roleName).toBe('Owner');
    const custom = await collect(
      client.roleDefinitions.list(`subscriptions/${SUB_A}`, {
        filter: "type eq 'CustomRole'",
      }),
    );
    expect(custom.map(d => d.roleName)).toEqual(['Image Builder Custom']);
  });

  it('serves user-assigned identities, resource groups and subscriptions', async () => {
    const msi = new ManagedServiceIdentityClient(emulator.credential(), SUB_A, {
      ...clientOptions(emulator),
      credentialScopes: ARM_SCOPE,
    });
    const identities = await collect(
      msi.userAssignedIdentities.listBySubscription(),
    );
    expect(identities.map(i => i.principalId)).toEqual([
      '0a000000-0000-4000-8000-0000000000a2',
    ]);
    const resources = new ResourceManagementClient(
      emulator.credential(),
      SUB_A,
      modularOptions(emulator),
    );
    const groups = await collect(resources.resourceGroups.list());
    expect(groups.map(g => g.name)).toEqual(['rg-images', 'rg-other']);
    const subscriptions = new SubscriptionClient(
      emulator.credential(),
      modularOptions(emulator),
    );
    const listed = await collect(subscriptions.subscriptions.list());
    // SUB_C belongs to another tenant: a token of TENANT does not see it.
    expect(listed.map(s => s.subscriptionId)).toEqual([SUB_A, SUB_B, SUB_D]);
    expect(listed[0]).toMatchObject({
      displayName: 'Images A',
      tenantId: TENANT,
      tags: { owner: 'team-images' },
    });
    const one = await subscriptions.subscriptions.get(SUB_A);
    expect(one.displayName).toBe('Images A');
  });

  it('gets tokens for the scope each kind of client is given (default of the older clients: the endpoint)', async () => {
    const scopes: string[] = [];
    const inner = emulator.credential();
    const recording = {
      getToken: (requested: string | string[]) => {
        scopes.push(...[requested].flat());
        return inner.getToken(requested);
      },
    };
    await imageBuilder().virtualMachineImageTemplates.get('rg-images', 'it-0');
    await new ImageBuilderClient(
      recording,
      SUB_A,
      modularOptions(emulator),
    ).virtualMachineImageTemplates.get('rg-images', 'it-0');
    await collect(
      new ManagementLockClient(recording, SUB_A, {
        ...clientOptions(emulator),
        credentialScopes: ARM_SCOPE,
      }).managementLocks.listAtSubscriptionLevel(),
    );
    await collect(
      new ManagementLockClient(
        recording,
        SUB_A,
        clientOptions(emulator),
      ).managementLocks.listAtSubscriptionLevel(),
    );
    expect([...new Set(scopes)]).toEqual([
      ARM_SCOPE,
      `${emulator.url}/.default`,
    ]);
  });

  describe('ClientSecretCredential against the token endpoint', () => {
    const credential = (tenant: string, secret: string) =>
      new ClientSecretCredential(tenant, 'app-1', secret, {
        authorityHost: emulator.url,
        disableInstanceDiscovery: true,
        tlsOptions: { ca: emulator.caPem },
      });

    it('gets a token through OpenID discovery and uses it for ARM', async () => {
      const client = new ImageBuilderClient(
        credential(TENANT, 'right-secret'),
        SUB_A,
        modularOptions(emulator),
      );
      const templates = await collect(
        client.virtualMachineImageTemplates.listByResourceGroup('rg-other'),
      );
      expect(templates.map(t => t.name)).toEqual(['it-other']);
      expect(emulator.requests().map(r => r.route)).toEqual(
        expect.arrayContaining([
          'openidConfiguration',
          'token',
          'imageTemplates.listByResourceGroup',
        ]),
      );
    });

    it('WorkloadIdentityCredential gets a token with a client assertion (not verified)', async () => {
      const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'arm-emulator-wi-'));
      const tokenFilePath = path.join(dir, 'token');
      await fs.writeFile(tokenFilePath, 'header.payload.signature');
      try {
        const workload = new WorkloadIdentityCredential({
          tenantId: TENANT,
          clientId: 'app-1',
          tokenFilePath,
          authorityHost: emulator.url,
          disableInstanceDiscovery: true,
          tlsOptions: { ca: emulator.caPem },
        });
        const client = new ImageBuilderClient(
          workload,
          SUB_A,
          clientOptions(emulator),
        );
        expect(
          await collect(client.virtualMachineImageTemplates.list()),
        ).toHaveLength(6);
      } finally {
        await fs.rm(dir, { recursive: true, force: true });
      }
    });

    it('rejects a wrong secret with AADSTS7000215', async () => {
      const error = await failure(
        credential(TENANT, 'wrong').getToken(ARM_SCOPE),
      );
      expect(String(error.message)).toContain('AADSTS7000215');
    });

    it('rejects a tenant the snapshot does not have with AADSTS90002', async () => {
      const error = await failure(
        credential(
          '33333333-3333-4333-8333-333333333333',
          'right-secret',
        ).getToken(ARM_SCOPE),
      );
      expect(String(error.message)).toContain('AADSTS90002');
    });

    it('a token of another tenant gets 401 InvalidAuthenticationTokenTenant', async () => {
      const client = new ImageBuilderClient(
        emulator.credential({ tenantId: OTHER_TENANT }),
        SUB_A,
        clientOptions(emulator),
      );
      const error = await failure(
        collect(client.virtualMachineImageTemplates.list()),
      );
      expect(error).toMatchObject({
        statusCode: 401,
        code: 'InvalidAuthenticationTokenTenant',
      });
      const other = new ImageBuilderClient(
        emulator.credential({ tenantId: OTHER_TENANT }),
        SUB_C,
        clientOptions(emulator),
      );
      expect(await collect(other.virtualMachineImageTemplates.list())).toEqual(
        [],
      );
    });
  });

  describe('faults', () => {
    it('429 with Retry-After: the SDK waits and retries', async () => {
      emulator.setFaults(
        'throttle:route=imageTemplates.list,times=1,retryAfter=1',
      );
      const templates = await collect(
        imageBuilder().virtualMachineImageTemplates.list(),
      );
      expect(templates).toHaveLength(6);
      const [first, second] = emulator.requests();
      expect(first).toMatchObject({
        status: 429,
        errorCode: 'SubscriptionRequestsThrottled',
      });
      expect(second.status).toBe(200);
      // The SDK honoured Retry-After (a lower bound, so not timing-sensitive).
      expect(
        Date.parse(second.time) - Date.parse(first.time),
      ).toBeGreaterThanOrEqual(900);
    });

    it('429 without Retry-After is not retried by the SDK', async () => {
      emulator.setFaults('throttle:collection=templates,retryAfter=0');
      const error = await failure(
        collect(imageBuilder().virtualMachineImageTemplates.list()),
      );
      expect(error).toMatchObject({
        statusCode: 429,
        code: 'SubscriptionRequestsThrottled',
      });
      expect(emulator.requests()).toHaveLength(1);
    });

    it('503 twice, then success (retried); 500 with retries off fails', async () => {
      emulator.setFaults('error503:path=/locks,times=2');
      const locks = new ManagementLockClient(emulator.credential(), SUB_A, {
        ...clientOptions(emulator),
        credentialScopes: ARM_SCOPE,
      });
      expect(
        await collect(locks.managementLocks.listAtSubscriptionLevel()),
      ).toHaveLength(4);
      // Two pages of two locks: the faults hit the first page.
      expect(emulator.requests().map(r => r.status)).toEqual([
        503, 503, 200, 200,
      ]);

      emulator.setFaults('error:status=500,collection=locks');
      const noRetry = new ManagementLockClient(emulator.credential(), SUB_A, {
        ...clientOptions(emulator),
        credentialScopes: ARM_SCOPE,
        retryOptions: { maxRetries: 0 },
      });
      const error = await failure(
        collect(noRetry.managementLocks.listAtSubscriptionLevel()),
      );
      expect(error).toMatchObject({
        statusCode: 500,
        code: 'InternalServerError',
      });
    });

    it('403 AuthorizationFailed on a named collection of a named subscription only', async () => {
      emulator.setFaults(`forbid:collection=locks,subscription=${SUB_A}`);
      const locks = new ManagementLockClient(emulator.credential(), SUB_A, {
        ...clientOptions(emulator),
        credentialScopes: ARM_SCOPE,
      });
      const error = await failure(
        collect(locks.managementLocks.listAtSubscriptionLevel()),
      );
      expect(error).toMatchObject({
        name: 'RestError',
        statusCode: 403,
        code: 'AuthorizationFailed',
      });
      expect(error.message).toContain('Microsoft.Authorization/locks/read');
      // Templates of the same subscription are unaffected.
      expect(
        await collect(imageBuilder().virtualMachineImageTemplates.list()),
      ).toHaveLength(6);
    });

    it('a dropped connection is retried by the SDK', async () => {
      emulator.setFaults('reset:route=imageTemplates.get,times=1');
      const template = await imageBuilder().virtualMachineImageTemplates.get(
        'rg-images',
        'it-3',
      );
      expect(template.name).toBe('it-3');
      expect(emulator.requests().map(r => r.status)).toEqual([0, 200]);
    });

    it('adds latency to matching requests', async () => {
      emulator.setFaults('latency:ms=120,collection=triggers');
      await collect(
        imageBuilder().triggers.listByImageTemplate('rg-images', 'it-0'),
      );
      await imageBuilder().virtualMachineImageTemplates.get(
        'rg-images',
        'it-0',
      );
      const [triggers, template] = emulator.requests();
      expect(triggers.durationMs).toBeGreaterThanOrEqual(120);
      expect(template.durationMs).toBeLessThan(120);
    });
  });

  describe('collections the snapshot could not read', () => {
    it('answers the error its errors entry names', async () => {
      const locks = new ManagementLockClient(emulator.credential(), SUB_B, {
        ...clientOptions(emulator),
        credentialScopes: ARM_SCOPE,
      });
      const error = await failure(
        collect(locks.managementLocks.listAtSubscriptionLevel()),
      );
      expect(error).toMatchObject({
        statusCode: 403,
        code: 'AuthorizationFailed',
      });
      expect(error.message).toBe(
        'No locks/read on this subscription (from the snapshot).',
      );
      const msi = new ManagedServiceIdentityClient(
        emulator.credential(),
        SUB_B,
        clientOptions(emulator),
      );
      expect(
        await failure(collect(msi.userAssignedIdentities.listBySubscription())),
      ).toMatchObject({
        statusCode: 409,
        code: 'MissingSubscriptionRegistration',
      });
    });

    it('answers 403 AuthorizationFailed when no errors entry names the collection', async () => {
      const client = new AuthorizationManagementClient(
        emulator.credential(),
        SUB_B,
        clientOptions(emulator),
      );
      const error = await failure(
        collect(client.roleAssignments.listForSubscription()),
      );
      expect(error).toMatchObject({
        statusCode: 403,
        code: 'AuthorizationFailed',
      });
      expect(error.message).toContain(
        'Microsoft.Authorization/roleAssignments/read',
      );
    });

    it('answers every route of a subscription whose errors name the whole subscription', async () => {
      const error = await failure(
        collect(imageBuilder(SUB_D).virtualMachineImageTemplates.list()),
      );
      expect(error).toMatchObject({
        statusCode: 403,
        code: 'AuthorizationFailed',
      });
      // The 5.x (modular) pager keeps ARM's code but not its message.
      expect(error.message).toBe(
        'Pagination failed with unexpected statusCode 403',
      );
      const get = await failure(
        imageBuilder(SUB_D).virtualMachineImageTemplates.get('rg', 'it'),
      );
      expect(get).toMatchObject({
        statusCode: 403,
        code: 'AuthorizationFailed',
      });
      expect(get.message).toBe(
        'The client has no access to this subscription.',
      );
    });
  });

  it('serves a template without identity verbatim (the 5.x deserializer throws on it, as with real ARM)', async () => {
    const snapshot = testSnapshot();
    delete snapshot.subscriptions[0].imageTemplates![2].identity;
    emulator.setSnapshot(snapshot);
    try {
      const error = await failure(
        collect(imageBuilder().virtualMachineImageTemplates.list()),
      );
      expect(error).toBeInstanceOf(TypeError);
    } finally {
      emulator.setSnapshot(testSnapshot());
    }
  });
});
