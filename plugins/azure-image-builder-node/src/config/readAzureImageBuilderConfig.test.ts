import { ConfigReader } from '@backstage/config';
import { JsonObject } from '@backstage/types';
import {
  DEFAULT_OWNERSHIP,
  DEFAULT_SCHEDULE,
  readAzureImageBuilderConfig,
} from '.';

const SUB = '00000000-0000-0000-0000-000000000001';

function read(block: unknown) {
  return readAzureImageBuilderConfig(
    new ConfigReader({ azureImageBuilder: block } as JsonObject),
  );
}

describe('readAzureImageBuilderConfig', () => {
  it('has no sources and the defaults when the block is missing', () => {
    const config = readAzureImageBuilderConfig(new ConfigReader({}));
    expect(config).toEqual({
      sources: [],
      ownership: DEFAULT_OWNERSHIP,
      schedule: DEFAULT_SCHEDULE,
      rules: { disabled: [], options: {} },
      exemptions: [],
    });
    // A copy: changing it must not change the defaults.
    config.ownership.tags.push('x');
    expect(DEFAULT_OWNERSHIP.tags).toEqual(['owner', 'backstage.io/owner']);
  });

  it('reads the block of DESIGN.md', () => {
    const config = read({
      sources: [
        {
          id: 'production',
          type: 'azure',
          subscriptions: [SUB],
          credential: {
            type: 'clientSecret',
            tenantId: 't',
            clientId: 'c',
            clientSecret: 's3cret',
          },
          endpoints: {
            resourceManager: 'https://127.0.0.1:8443',
            authorityHost: 'https://127.0.0.1:8443/',
          },
        },
        { id: 'demo', type: 'file', path: 'examples/azure-snapshot.json' },
      ],
      ownership: {
        tags: ['owner', 'backstage.io/owner'],
        defaultOwner: 'group:default/platform',
      },
      schedule: { frequency: { minutes: 30 }, timeout: { minutes: 10 } },
      rules: {
        'gallery-replica-count': { minReplicas: 3 },
        'template-access': { maxPrincipals: 5, severity: 'medium' },
        disabled: ['image-validation'],
      },
    });
    expect(config).toEqual({
      sources: [
        {
          id: 'production',
          type: 'azure',
          subscriptions: [SUB],
          credential: {
            type: 'clientSecret',
            tenantId: 't',
            clientId: 'c',
            clientSecret: 's3cret',
          },
          endpoints: {
            resourceManager: 'https://127.0.0.1:8443',
            authorityHost: 'https://127.0.0.1:8443/',
          },
        },
        { id: 'demo', type: 'file', path: 'examples/azure-snapshot.json' },
      ],
      ownership: {
        tags: ['owner', 'backstage.io/owner'],
        defaultOwner: 'group:default/platform',
      },
      schedule: {
        frequency: { minutes: 30 },
        timeout: { minutes: 10 },
        initialDelay: DEFAULT_SCHEDULE.initialDelay,
        scope: undefined,
      },
      rules: {
        disabled: ['image-validation'],
        options: {
          'gallery-replica-count': { minReplicas: 3 },
          'template-access': { maxPrincipals: 5, severity: 'medium' },
        },
      },
      exemptions: [],
    });
  });

  it('defaults an azure credential to DefaultAzureCredential', () => {
    expect(read({ sources: [{ id: 'prod', type: 'azure' }] }).sources).toEqual([
      { id: 'prod', type: 'azure', credential: { type: 'default' } },
    ]);
  });

  it('reads the collector settings of an azure source', () => {
    expect(
      read({
        sources: [
          {
            id: 'prod',
            type: 'azure',
            concurrency: 4,
            collectResourceGroups: true,
          },
        ],
      }).sources,
    ).toEqual([
      {
        id: 'prod',
        type: 'azure',
        credential: { type: 'default' },
        concurrency: 4,
        collectResourceGroups: true,
      },
    ]);
  });

  it('resolves the default owner like a Backstage ref', () => {
    expect(read({ ownership: { defaultOwner: 'Platform' } }).ownership).toEqual(
      {
        tags: DEFAULT_OWNERSHIP.tags,
        defaultOwner: 'group:default/platform',
      },
    );
    expect(
      read({ ownership: { defaultOwner: 'user:jane', tags: [] } }).ownership,
    ).toEqual({
      tags: [],
      defaultOwner: 'user:default/jane',
    });
  });

  it('keeps schedule defaults for keys that are not given', () => {
    expect(
      read({ schedule: { frequency: { cron: '0 * * * *' } } }).schedule,
    ).toEqual({
      frequency: { cron: '0 * * * *' },
      timeout: DEFAULT_SCHEDULE.timeout,
      initialDelay: DEFAULT_SCHEDULE.initialDelay,
      scope: undefined,
    });
    expect(
      read({ schedule: { frequency: 'PT1H', timeout: '5m' } }).schedule,
    ).toMatchObject({
      frequency: expect.anything(),
      timeout: expect.anything(),
    });
  });

  const invalid: Array<[string, unknown, string]> = [
    [
      'the block',
      'yes',
      'Invalid config at azureImageBuilder: expected an object, got a string',
    ],
    [
      'sources',
      { demo: {} },
      'Invalid config at azureImageBuilder.sources: expected a list of sources, got an object',
    ],
    [
      'a source',
      ['demo'],
      'Invalid config at azureImageBuilder.sources[0]: expected an object, got a string',
    ],
    [
      'a missing id',
      [{ type: 'file', path: 'x' }],
      'Invalid config at azureImageBuilder.sources[0].id: is missing, expected a string',
    ],
    [
      'an id with capitals',
      [{ id: 'Demo', type: 'file', path: 'x' }],
      'Invalid config at azureImageBuilder.sources[0].id: "Demo" is not a valid source id',
    ],
    [
      'an id with a slash',
      [{ id: 'a/b', type: 'file', path: 'x' }],
      'Invalid config at azureImageBuilder.sources[0].id: "a/b" is not a valid source id',
    ],
    [
      'an id starting with -',
      [{ id: '-a', type: 'file', path: 'x' }],
      'is not a valid source id',
    ],
    [
      'a too long id',
      [{ id: 'a'.repeat(64), type: 'file', path: 'x' }],
      'at most 63 characters',
    ],
    [
      'duplicate ids',
      [
        { id: 'demo', type: 'file', path: 'x' },
        { id: 'demo', type: 'file', path: 'y' },
      ],
      'Invalid config at azureImageBuilder.sources[1].id: "demo" is already the id of azureImageBuilder.sources[0]; source ids must be unique',
    ],
    [
      'a missing type',
      [{ id: 'demo', path: 'x' }],
      'Invalid config at azureImageBuilder.sources[0].type: is missing; expected "file" or "azure"',
    ],
    [
      'an unknown type',
      [{ id: 'demo', type: 'aws' }],
      'Invalid config at azureImageBuilder.sources[0].type: "aws" is not a source type; expected "file" or "azure"',
    ],
    [
      'a missing path',
      [
        { id: 'demo', type: 'file', path: 'x' },
        { id: 'other', type: 'file' },
      ],
      'Invalid config at azureImageBuilder.sources[1].path: is missing, expected a string',
    ],
    [
      'an empty path',
      [{ id: 'demo', type: 'file', path: ' ' }],
      'Invalid config at azureImageBuilder.sources[0].path: must not be empty',
    ],
    [
      'a number path',
      [{ id: 'demo', type: 'file', path: 3 }],
      'Invalid config at azureImageBuilder.sources[0].path: expected a string, got a number',
    ],
    [
      'subscriptions not a list',
      [{ id: 'p', type: 'azure', subscriptions: SUB }],
      'Invalid config at azureImageBuilder.sources[0].subscriptions: expected a list of strings, got a string',
    ],
    [
      'no subscriptions',
      [{ id: 'p', type: 'azure', subscriptions: [] }],
      'Invalid config at azureImageBuilder.sources[0].subscriptions: must list at least one subscription',
    ],
    [
      'a subscription that is not a GUID',
      [{ id: 'p', type: 'azure', subscriptions: [SUB, 'prod'] }],
      'Invalid config at azureImageBuilder.sources[0].subscriptions[1]: "prod" is not a subscription id (a GUID)',
    ],
    [
      'a subscription twice',
      [{ id: 'p', type: 'azure', subscriptions: [SUB, SUB.toUpperCase()] }],
      'Invalid config at azureImageBuilder.sources[0].subscriptions[1]: ',
    ],
    [
      'an unknown credential type',
      [{ id: 'p', type: 'azure', credential: { type: 'password' } }],
      'Invalid config at azureImageBuilder.sources[0].credential.type: "password" is not a credential type; expected one of "default", "clientSecret", "managedIdentity", "workloadIdentity"',
    ],
    [
      'a client secret credential without its secret',
      [
        {
          id: 'p',
          type: 'azure',
          credential: { type: 'clientSecret', tenantId: 't', clientId: 'c' },
        },
      ],
      'Invalid config at azureImageBuilder.sources[0].credential.clientSecret: is missing, expected a string',
    ],
    [
      'an http endpoint',
      [
        {
          id: 'p',
          type: 'azure',
          endpoints: { resourceManager: 'http://localhost' },
        },
      ],
      'Invalid config at azureImageBuilder.sources[0].endpoints.resourceManager: "http://localhost" must be an https URL',
    ],
    [
      'an endpoint that is not a URL',
      [{ id: 'p', type: 'azure', endpoints: { authorityHost: 'login' } }],
      'Invalid config at azureImageBuilder.sources[0].endpoints.authorityHost: "login" is not a URL',
    ],
    [
      'a concurrency of zero',
      [{ id: 'p', type: 'azure', concurrency: 0 }],
      'Invalid config at azureImageBuilder.sources[0].concurrency: must be an integer from 1 to 64, got 0',
    ],
    [
      'a concurrency that is not a number',
      [{ id: 'p', type: 'azure', concurrency: 'many' }],
      'Invalid config at azureImageBuilder.sources[0].concurrency: must be an integer from 1 to 64, got "many"',
    ],
    [
      'collectResourceGroups that is not a boolean',
      [{ id: 'p', type: 'azure', collectResourceGroups: 'yes' }],
      'Invalid config at azureImageBuilder.sources[0].collectResourceGroups: expected true or false, got a string',
    ],
  ];

  it.each(invalid)('names the key of %s', (_, sources, message) => {
    const block = _ === 'the block' ? sources : { sources };
    expect(() => read(block)).toThrow(message);
  });

  it.each([
    [
      { ownership: [] },
      'Invalid config at azureImageBuilder.ownership: expected an object, got a list',
    ],
    [
      { ownership: { tags: 'owner' } },
      'Invalid config at azureImageBuilder.ownership.tags: expected a list of strings, got a string',
    ],
    [
      { ownership: { tags: ['owner', ''] } },
      'Invalid config at azureImageBuilder.ownership.tags[1]: must not be empty',
    ],
    [
      { ownership: { defaultOwner: 'Team A' } },
      'Invalid config at azureImageBuilder.ownership.defaultOwner: "Team A" is not a group or user entity ref',
    ],
    [
      { ownership: { defaultOwner: 'component:default/x' } },
      'Invalid config at azureImageBuilder.ownership.defaultOwner: "component:default/x" is not a group or user entity ref',
    ],
    [
      { schedule: 'hourly' },
      'Invalid config at azureImageBuilder.schedule: expected an object, got a string',
    ],
    [
      { schedule: { frequency: { fortnights: 1 } } },
      'Invalid config at azureImageBuilder.schedule: ',
    ],
    [
      { schedule: { frequency: { minutes: 5 }, scope: 'everywhere' } },
      'Invalid config at azureImageBuilder.schedule: ',
    ],
    [
      { rules: [] },
      'Invalid config at azureImageBuilder.rules: expected an object, got a list',
    ],
    [
      { rules: { disabled: 'template-lock' } },
      'Invalid config at azureImageBuilder.rules.disabled: expected a list of strings, got a string',
    ],
    [
      { rules: { 'template-lock': 'high' } },
      'Invalid config at azureImageBuilder.rules.template-lock: expected an object of rule options, got a string',
    ],
    [
      { rules: { 'template-lock': { severity: 'critical' } } },
      'Invalid config at azureImageBuilder.rules.template-lock.severity: "critical" is not a severity; expected "high", "medium" or "low"',
    ],
  ])('names the key of other invalid settings (%#)', (block, message) => {
    expect(() => read(block)).toThrow(message);
  });

  it('never puts a credential value into an error', () => {
    let message = '';
    try {
      read({
        sources: [
          {
            id: 'p',
            type: 'azure',
            credential: {
              type: 'clientSecret',
              tenantId: 't',
              clientId: ['c'],
              clientSecret: 'TOPSECRET',
            },
          },
        ],
      });
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toBe(
      'Invalid config at azureImageBuilder.sources[0].credential.clientId: expected a string, got a list',
    );
    expect(message).not.toContain('TOPSECRET');
  });

  it('reads config merged from several files like Backstage does', () => {
    const config = ConfigReader.fromConfigs([
      {
        context: 'app-config.yaml',
        data: {
          azureImageBuilder: {
            sources: [{ id: 'demo', type: 'file', path: 'a.json' }],
          },
        },
      },
      {
        context: 'app-config.local.yaml',
        data: { azureImageBuilder: { ownership: { defaultOwner: 'team-x' } } },
      },
    ]);
    const read2 = readAzureImageBuilderConfig(config);
    expect(read2.sources).toEqual([
      { id: 'demo', type: 'file', path: 'a.json' },
    ]);
    expect(read2.ownership.defaultOwner).toBe('group:default/team-x');
  });
});
