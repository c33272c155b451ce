import { mockServices } from '@backstage/backend-test-utils';
import {
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
  Entity,
} from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import {
  DeferredEntity,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import {
  ANNOTATION_AIB_SOURCE,
  ANNOTATION_AZURE_LOCATION,
  ANNOTATION_AZURE_RESOURCE_ID,
  ANNOTATION_AZURE_SUBSCRIPTION_ID,
  AZURE_IMAGE_TEMPLATE_ENTITY_TYPE,
  Snapshot,
} from '@aib-scorecards/plugin-azure-image-builder-common';
import * as node from '@aib-scorecards/plugin-azure-image-builder-node';
import {
  DEFAULT_OWNERSHIP,
  ImageTemplateSource,
  LoadedSnapshot,
  templateEntityName,
} from '@aib-scorecards/plugin-azure-image-builder-node';
import {
  SUB_A,
  SUB_B,
  imageTemplate,
  snapshot,
  subscription,
} from '../__testUtils__/testData';
import { AzureImageBuilderEntityProvider } from './AzureImageBuilderEntityProvider';

// The real mapping, wrapped so that one test can make it produce a bad entity.
jest.mock('@aib-scorecards/plugin-azure-image-builder-node', () => {
  const actual = jest.requireActual(
    '@aib-scorecards/plugin-azure-image-builder-node',
  );
  return { ...actual, templateToEntity: jest.fn(actual.templateToEntity) };
});
const templateToEntity = node.templateToEntity as jest.MockedFunction<
  typeof node.templateToEntity
>;

const PROVIDER_NAME = 'azure-image-builder-provider:test';

/** A source that answers each `read` with the next item (an error is thrown); the last repeats. */
function fakeSource(
  ...reads: Array<Snapshot | LoadedSnapshot | Error>
): ImageTemplateSource & { read: jest.Mock } {
  let call = 0;
  return {
    id: 'test',
    type: 'file',
    read: jest.fn(async () => {
      const next = reads[Math.min(call++, reads.length - 1)];
      if (next instanceof Error) {
        throw next;
      }
      return 'snapshot' in next ? next : { snapshot: next, problems: [] };
    }),
  };
}

function setup(
  source: ImageTemplateSource,
  options: { maxDropRatio?: number } = {},
) {
  const logger = mockServices.logger.mock();
  // Every child logger is the same mock, so the test sees all messages.
  logger.child.mockReturnValue(logger);
  const taskRunner = { run: jest.fn() };
  const connection: jest.Mocked<EntityProviderConnection> = {
    applyMutation: jest.fn(),
    refresh: jest.fn(),
  };
  const provider = new AzureImageBuilderEntityProvider({
    source,
    ownership: DEFAULT_OWNERSHIP,
    taskRunner,
    logger,
    ...options,
  });
  const runTask = async () => {
    const task = taskRunner.run.mock.calls[0][0];
    await task.fn(new AbortController().signal);
  };
  /** Connects, then runs the scheduled task the way the scheduler would. */
  const connectAndRun = async () => {
    await provider.connect(connection);
    await runTask();
  };
  const mutation = (n: number) => connection.applyMutation.mock.calls[n][0];
  const appliedEntities = (n: number): Entity[] => {
    const m = mutation(n);
    if (m.type !== 'full') throw new Error('expected a full mutation');
    return m.entities.map((e: DeferredEntity) => e.entity);
  };
  const names = (n: number) =>
    appliedEntities(n)
      .map(e => e.metadata.title)
      .sort();
  const messages = (level: 'error' | 'warn' | 'info') =>
    logger[level].mock.calls.map(c => String(c[0]));
  return {
    provider,
    logger,
    taskRunner,
    connection,
    connectAndRun,
    runTask,
    mutation,
    appliedEntities,
    names,
    messages,
  };
}

afterEach(() => {
  templateToEntity.mockClear();
});

describe('AzureImageBuilderEntityProvider', () => {
  it('has a stable name derived from the source id', () => {
    const { provider } = setup(fakeSource(snapshot()));
    expect(provider.getProviderName()).toBe(PROVIDER_NAME);
  });

  it('schedules its refresh only when connected', async () => {
    const { provider, taskRunner, connection } = setup(fakeSource(snapshot()));
    expect(taskRunner.run).not.toHaveBeenCalled();
    await expect(provider.refresh()).rejects.toThrow(/not connected/);

    await provider.connect(connection);
    expect(taskRunner.run).toHaveBeenCalledTimes(1);
    expect(taskRunner.run).toHaveBeenCalledWith({
      id: `${PROVIDER_NAME}:refresh`,
      fn: expect.any(Function),
    });
  });

  it('applies a full mutation with one valid Resource entity per template', async () => {
    const longName = `ubuntu-2404-golden-image-for-the-platform-team-${'x'.repeat(
      40,
    )}`;
    const source = fakeSource(
      snapshot(
        subscription(
          SUB_A,
          [
            imageTemplate(SUB_A, 'tagged', { tags: { owner: 'team-a' } }),
            imageTemplate(SUB_A, 'from-rg', { resourceGroup: 'rg-owned' }),
            imageTemplate(SUB_A, longName),
          ],
          {
            resourceGroups: [
              {
                id: `/subscriptions/${SUB_A}/resourceGroups/rg-owned`,
                name: 'rg-owned',
                type: 'Microsoft.Resources/resourceGroups',
                location: 'westeurope',
                tags: { owner: 'team-rg' },
              },
            ],
          },
        ),
        // The same template name in another subscription is another entity.
        subscription(SUB_B, [imageTemplate(SUB_B, 'tagged')]),
      ),
    );
    const { connectAndRun, connection, mutation, appliedEntities } =
      setup(source);

    await connectAndRun();

    expect(connection.applyMutation).toHaveBeenCalledTimes(1);
    const m = mutation(0);
    expect(m.type).toBe('full');
    if (m.type !== 'full') return;
    expect(m.entities).toHaveLength(4);
    for (const deferred of m.entities) {
      expect(deferred.locationKey).toBe(PROVIDER_NAME);
    }

    const entities = appliedEntities(0);
    const byId = new Map(
      entities.map(e => [
        e.metadata.annotations![ANNOTATION_AZURE_RESOURCE_ID].toLowerCase(),
        e,
      ]),
    );
    const tagged = byId.get(imageTemplate(SUB_A, 'tagged').id.toLowerCase())!;
    expect(tagged).toMatchObject({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Resource',
      metadata: {
        name: templateEntityName(imageTemplate(SUB_A, 'tagged').id),
        title: 'tagged',
        annotations: {
          [ANNOTATION_AZURE_SUBSCRIPTION_ID]: SUB_A,
          [ANNOTATION_AZURE_LOCATION]: 'westeurope',
          [ANNOTATION_AIB_SOURCE]: 'test',
        },
      },
      spec: {
        type: AZURE_IMAGE_TEMPLATE_ENTITY_TYPE,
        owner: 'group:default/team-a',
      },
    });
    expect(tagged.metadata.annotations![ANNOTATION_LOCATION]).toMatch(
      new RegExp(`^${PROVIDER_NAME}:`),
    );
    expect(tagged.metadata.annotations![ANNOTATION_ORIGIN_LOCATION]).toBe(
      tagged.metadata.annotations![ANNOTATION_LOCATION],
    );

    expect(
      byId.get(
        imageTemplate(SUB_A, 'from-rg', {
          resourceGroup: 'rg-owned',
        }).id.toLowerCase(),
      )!.spec!.owner,
    ).toBe('group:default/team-rg');
    expect(
      byId.get(imageTemplate(SUB_B, 'tagged').id.toLowerCase())!.spec!.owner,
    ).toBe(DEFAULT_OWNERSHIP.defaultOwner);

    const long = byId.get(imageTemplate(SUB_A, longName).id.toLowerCase())!;
    expect(long.metadata.title).toBe(longName);
    for (const entity of entities) {
      expect(entity.metadata.name.length).toBeLessThanOrEqual(63);
      expect(entity.metadata.name).toMatch(/^([a-z0-9]+[-_.])*[a-z0-9]+$/i);
    }
    expect(new Set(entities.map(e => e.metadata.name)).size).toBe(4);
  });

  it('should log source read errors and apply no mutation', async () => {
    const { connectAndRun, connection, messages } = setup(
      fakeSource(new Error('ENOENT: no such file /data/snapshot.json')),
    );

    await connectAndRun();

    expect(connection.applyMutation).not.toHaveBeenCalled();
    expect(messages('error')).toEqual([
      expect.stringMatching(
        /could not read source 'test'.*no change is applied.*ENOENT: no such file \/data\/snapshot\.json/,
      ),
    ]);
  });

  it('does not log secrets from read errors', async () => {
    const { connectAndRun, connection, messages } = setup(
      fakeSource(
        new Error(
          'GET https://acct.blob.core.windows.net/c/s.json?sv=2022-11-02&sig=TOPSECRETSIG failed',
        ),
      ),
    );

    await connectAndRun();

    expect(connection.applyMutation).not.toHaveBeenCalled();
    expect(messages('error')).toHaveLength(1);
    expect(messages('error')[0]).not.toContain('TOPSECRETSIG');
  });

  it('keeps the entities of a subscription that could not be listed while updating the others', async () => {
    const source = fakeSource(
      snapshot(
        subscription(SUB_A, [
          imageTemplate(SUB_A, 'a1'),
          imageTemplate(SUB_A, 'a2'),
        ]),
        subscription(SUB_B, [imageTemplate(SUB_B, 'b1')]),
      ),
      snapshot(
        subscription(SUB_A, null, {
          errors: [
            {
              collection: 'imageTemplates',
              code: 'AuthorizationFailed',
              message: 'no access',
            },
          ],
        }),
        subscription(SUB_B, [
          imageTemplate(SUB_B, 'b1'),
          imageTemplate(SUB_B, 'b2'),
        ]),
      ),
      snapshot(
        subscription(SUB_A, [imageTemplate(SUB_A, 'a1')]),
        subscription(SUB_B, [imageTemplate(SUB_B, 'b2')]),
      ),
    );
    const { connectAndRun, runTask, connection, mutation, names, messages } =
      setup(source);

    await connectAndRun();
    expect(names(0)).toEqual(['a1', 'a2', 'b1']);

    await runTask();
    expect(connection.applyMutation).toHaveBeenCalledTimes(2);
    expect(names(1)).toEqual(['a1', 'a2', 'b1', 'b2']);
    // The kept entities are the ones applied before, unchanged.
    const first = mutation(0);
    const second = mutation(1);
    if (first.type !== 'full' || second.type !== 'full') throw new Error();
    expect(second.entities).toEqual(
      expect.arrayContaining(
        first.entities.filter(
          e =>
            e.entity.metadata.annotations![ANNOTATION_AZURE_SUBSCRIPTION_ID] ===
            SUB_A,
        ),
      ),
    );
    expect(messages('warn')).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          new RegExp(
            `subscription ${SUB_A} could not be listed.*AuthorizationFailed: no access.*keeping its 2 entities`,
          ),
        ),
      ]),
    );

    // Once listed again, the subscription is updated (a2 is gone).
    await runTask();
    expect(names(2)).toEqual(['a1', 'b2']);
  });

  it('applies nothing on a fresh start when a subscription could not be listed', async () => {
    const source = fakeSource(
      snapshot(
        subscription(SUB_A, null, {
          errors: [
            { collection: 'subscription', code: 'SubscriptionNotFound' },
          ],
        }),
        subscription(SUB_B, [imageTemplate(SUB_B, 'b1')]),
      ),
    );
    const { connectAndRun, connection, messages } = setup(source);

    await connectAndRun();

    expect(connection.applyMutation).not.toHaveBeenCalled();
    expect(messages('error')).toEqual([
      expect.stringMatching(
        new RegExp(
          `${SUB_A} \\(SubscriptionNotFound\\) could not be listed.*has not applied entities since the backend started.*no change is applied`,
        ),
      ),
    ]);
  });

  describe('drop guard', () => {
    const four = snapshot(
      subscription(
        SUB_A,
        ['t1', 't2', 't3', 't4'].map(n => imageTemplate(SUB_A, n)),
      ),
    );
    const withTemplates = (...n: string[]) =>
      snapshot(
        subscription(
          SUB_A,
          n.map(name => imageTemplate(SUB_A, name)),
        ),
      );

    it('applies nothing when more than half of the entities would go', async () => {
      const { connectAndRun, runTask, connection, messages } = setup(
        fakeSource(four, withTemplates('t1')),
      );

      await connectAndRun();
      await runTask();

      expect(connection.applyMutation).toHaveBeenCalledTimes(1);
      expect(messages('error')).toEqual([
        expect.stringMatching(
          /reduce the entities from 4 to 1, more than azureImageBuilder\.catalog\.maxDropRatio \(0\.5\).*raise azureImageBuilder\.catalog\.maxDropRatio/,
        ),
      ]);
    });

    it('applies a drop within the ratio', async () => {
      const { connectAndRun, runTask, connection, names } = setup(
        fakeSource(four, withTemplates('t1', 't2')),
      );

      await connectAndRun();
      await runTask();

      expect(connection.applyMutation).toHaveBeenCalledTimes(2);
      expect(names(1)).toEqual(['t1', 't2']);
    });

    it('uses the configured maxDropRatio', async () => {
      const { connectAndRun, runTask, connection, names } = setup(
        fakeSource(four, withTemplates('t1')),
        { maxDropRatio: 0.8 },
      );

      await connectAndRun();
      await runTask();

      expect(connection.applyMutation).toHaveBeenCalledTimes(2);
      expect(names(1)).toEqual(['t1']);
    });

    it('compares with the last applied run, not the last blocked one', async () => {
      const { connectAndRun, runTask, connection } = setup(
        fakeSource(four, withTemplates('t1'), withTemplates('t1')),
      );

      await connectAndRun();
      await runTask();
      await runTask();

      expect(connection.applyMutation).toHaveBeenCalledTimes(1);
    });

    it.each([0.5, 1])(
      'never applies zero entities after a run that had some (maxDropRatio %p)',
      async maxDropRatio => {
        const { connectAndRun, runTask, connection, messages } = setup(
          fakeSource(four, snapshot(subscription(SUB_A, []))),
          { maxDropRatio },
        );

        await connectAndRun();
        await runTask();

        expect(connection.applyMutation).toHaveBeenCalledTimes(1);
        expect(messages('error')).toEqual([
          expect.stringMatching(
            /no image templates.*\(the last run applied 4\).*no change is applied/,
          ),
        ]);
      },
    );

    it('never applies zero entities on a fresh start', async () => {
      const { connectAndRun, connection, messages } = setup(
        fakeSource(snapshot()),
      );

      await connectAndRun();

      expect(connection.applyMutation).not.toHaveBeenCalled();
      expect(messages('error')).toEqual([
        expect.stringMatching(/no image templates.*no change is applied/),
      ]);
    });
  });

  it('skips a template whose entity is not valid, with a warning naming it', async () => {
    const good = imageTemplate(SUB_A, 'good');
    const bad = imageTemplate(SUB_A, 'bad');
    const throwing = imageTemplate(SUB_A, 'throwing');
    const real = jest.requireActual(
      '@aib-scorecards/plugin-azure-image-builder-node',
    ).templateToEntity as typeof node.templateToEntity;
    templateToEntity.mockImplementation((template, sub, options) => {
      const entity = real(template, sub, options);
      if (template.id === bad.id) {
        entity.metadata.name = 'x'.repeat(64);
      }
      if (template.id === throwing.id) {
        throw new Error('properties.source is not an object');
      }
      return entity;
    });
    try {
      const { connectAndRun, names, messages } = setup(
        fakeSource(snapshot(subscription(SUB_A, [good, bad, throwing]))),
      );

      await connectAndRun();

      expect(names(0)).toEqual(['good']);
      expect(messages('warn')).toEqual([
        expect.stringContaining(`skipped image template ${bad.id}`),
        expect.stringMatching(
          new RegExp(
            `skipped image template ${throwing.id.replace(
              /\./g,
              '\\.',
            )} of subscription ${SUB_A}.*properties\\.source is not an object`,
          ),
        ),
      ]);
      expect(messages('warn')[0]).toMatch(/metadata\.name|name/);
    } finally {
      templateToEntity.mockImplementation(
        jest.requireActual('@aib-scorecards/plugin-azure-image-builder-node')
          .templateToEntity,
      );
    }
  });

  it('emits a template listed twice once, with a warning', async () => {
    const t = imageTemplate(SUB_A, 'twice');
    const { connectAndRun, names, messages } = setup(
      fakeSource(
        snapshot(subscription(SUB_A, [t, imageTemplate(SUB_A, 'other'), t])),
      ),
    );

    await connectAndRun();

    expect(names(0)).toEqual(['other', 'twice']);
    expect(messages('warn')).toEqual([
      expect.stringContaining(
        `skipped image template ${t.id}: it appears more than once`,
      ),
    ]);
  });

  it('logs the problems of the loaded snapshot as warnings', async () => {
    const { connectAndRun, names, messages } = setup(
      fakeSource({
        snapshot: snapshot(subscription(SUB_A, [imageTemplate(SUB_A, 'ok')])),
        problems: [
          {
            file: 'snap.json',
            subscriptionId: SUB_A,
            collection: 'imageTemplates',
            index: 1,
            field: 'id',
            message:
              'snap.json: subscriptions[0].imageTemplates[1]: id must be a string',
          },
        ],
      }),
    );

    await connectAndRun();

    expect(names(0)).toEqual(['ok']);
    expect(messages('warn')).toEqual([
      expect.stringContaining(
        'snap.json: subscriptions[0].imageTemplates[1]: id must be a string',
      ),
    ]);
  });

  it('logs counts and durations', async () => {
    const { connectAndRun, messages } = setup(
      fakeSource(snapshot(subscription(SUB_A, [imageTemplate(SUB_A, 'ok')]))),
    );

    await connectAndRun();

    expect(messages('info')).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /read 1 image templates in 1 subscriptions in \d+ ms/,
        ),
        expect.stringMatching(
          /applied 1 entities \(0 kept from the last run\) in \d+ ms/,
        ),
      ]),
    );
  });

  it('logs a failed mutation and compares the next run with the last applied one', async () => {
    const four = snapshot(
      subscription(
        SUB_A,
        ['t1', 't2', 't3', 't4'].map(n => imageTemplate(SUB_A, n)),
      ),
    );
    const { connectAndRun, runTask, connection, messages } = setup(
      fakeSource(
        four,
        snapshot(subscription(SUB_A, [imageTemplate(SUB_A, 't1')])),
        snapshot(subscription(SUB_A, [imageTemplate(SUB_A, 't1')])),
      ),
      { maxDropRatio: 0.8 },
    );

    await connectAndRun();
    connection.applyMutation.mockRejectedValueOnce(
      new Error('database is locked'),
    );
    await runTask();
    expect(messages('error')).toEqual([
      expect.stringMatching(
        `${PROVIDER_NAME} refresh failed, Error: database is locked`,
      ),
    ]);

    await runTask();
    expect(connection.applyMutation).toHaveBeenCalledTimes(3);
  });

  describe('fromConfig', () => {
    it('creates one provider per source, on the configured schedule', () => {
      const scheduler = mockServices.scheduler.mock();
      const logger = mockServices.logger.mock();
      const providers = AzureImageBuilderEntityProvider.fromConfig(
        new ConfigReader({
          azureImageBuilder: {
            sources: [
              { id: 'one', type: 'file', path: '/tmp/one.json' },
              { id: 'two', type: 'file', path: '/tmp/two.json' },
            ],
            schedule: { frequency: { minutes: 5 }, timeout: { minutes: 2 } },
            catalog: { maxDropRatio: 0.3 },
          },
        }),
        { logger, scheduler },
      );

      expect(providers.map(p => p.getProviderName())).toEqual([
        'azure-image-builder-provider:one',
        'azure-image-builder-provider:two',
      ]);
      expect(scheduler.createScheduledTaskRunner).toHaveBeenCalledTimes(2);
      expect(scheduler.createScheduledTaskRunner).toHaveBeenCalledWith(
        expect.objectContaining({
          frequency: { minutes: 5 },
          timeout: { minutes: 2 },
        }),
      );
      expect(scheduler.scheduleTask).not.toHaveBeenCalled();
    });

    it('rejects an invalid maxDropRatio naming the key', () => {
      expect(() =>
        AzureImageBuilderEntityProvider.fromConfig(
          new ConfigReader({
            azureImageBuilder: {
              sources: [{ id: 'one', type: 'file', path: '/tmp/one.json' }],
              catalog: { maxDropRatio: 2 },
            },
          }),
          {
            logger: mockServices.logger.mock(),
            scheduler: mockServices.scheduler.mock(),
          },
        ),
      ).toThrow('azureImageBuilder.catalog.maxDropRatio');
    });
  });
});
