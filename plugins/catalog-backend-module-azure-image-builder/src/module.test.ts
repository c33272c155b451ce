import {
  coreServices,
  createBackendModule,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import {
  createMockDirectory,
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import {
  ANNOTATION_AIB_SOURCE,
  ANNOTATION_AZURE_RESOURCE_ID,
  ANNOTATION_AZURE_SUBSCRIPTION_ID,
} from '@aib-scorecards/plugin-azure-image-builder-common';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import type { Server } from 'node:http';
import request from 'supertest';
import {
  SUB_A,
  SUB_B,
  imageTemplate,
  snapshot,
  subscription,
} from './__testUtils__/testData';
import catalogModule from './index';
import { waitFor } from 'azure-arm-emulator';

// The real catalog backend, processing loop and database (in-memory SQLite).
jest.setTimeout(60_000);

const TASK_ID = 'azure-image-builder-provider:test:refresh';

async function templateEntities(server: Server): Promise<Entity[]> {
  const res = await request(server)
    .get('/api/catalog/entities/by-query')
    .query({ filter: 'spec.type=azure-image-template' })
    .set('Authorization', mockCredentials.user.header());
  expect(res.status).toBe(200);
  return res.body.items;
}

const titles = (entities: Entity[]) =>
  entities.map(e => e.metadata.title).sort();

describe('catalogModuleAzureImageBuilderEntityProvider', () => {
  const mockDir = createMockDirectory();

  it('serves the templates of a file source as Resource entities through the catalog', async () => {
    const templateA = imageTemplate(SUB_A, 'ubuntu-golden', {
      tags: { owner: 'team-images' },
    });
    const templateB = imageTemplate(SUB_B, 'windows-golden');
    mockDir.setContent({
      'snapshot.json': JSON.stringify(
        snapshot(
          subscription(SUB_A, [templateA]),
          subscription(SUB_B, [templateB], {
            tags: { 'backstage.io/owner': 'group:default/windows' },
          }),
        ),
      ),
    });
    // The catalog's scheduler, to trigger the provider's task and await each run.
    let scheduler: SchedulerService | undefined;
    const captureScheduler = createBackendModule({
      pluginId: 'catalog',
      moduleId: 'test-capture-scheduler',
      register(env) {
        env.registerInit({
          deps: { s: coreServices.scheduler },
          async init({ s }) {
            scheduler = s;
          },
        });
      },
    });

    const { server } = await startTestBackend({
      features: [
        catalogPlugin,
        catalogModule,
        captureScheduler,
        // The test triggers the provider's task itself, so each run is awaited.
        mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
        mockServices.rootConfig.factory({
          data: {
            catalog: {
              rules: [{ allow: ['Resource', 'Group', 'User', 'Location'] }],
            },
            azureImageBuilder: {
              sources: [
                {
                  id: 'test',
                  type: 'file',
                  path: mockDir.resolve('snapshot.json'),
                },
              ],
              schedule: {
                frequency: { minutes: 30 },
                timeout: { minutes: 1 },
              },
            },
          },
        }),
      ],
    });

    // The task is scheduled when the catalog connects the provider.
    await waitFor(
      'the refresh task',
      () => scheduler!.getScheduledTasks(),
      tasks => tasks.some(t => t.id === TASK_ID),
    );
    await scheduler!.triggerTask(TASK_ID);

    const entities = await waitFor(
      'two template entities',
      () => templateEntities(server),
      items => items.length === 2,
    );
    expect(titles(entities)).toEqual(['ubuntu-golden', 'windows-golden']);
    const ubuntu = entities.find(e => e.metadata.title === 'ubuntu-golden')!;
    expect(ubuntu).toMatchObject({
      kind: 'Resource',
      metadata: {
        namespace: 'default',
        annotations: {
          [ANNOTATION_AZURE_RESOURCE_ID]: templateA.id,
          [ANNOTATION_AZURE_SUBSCRIPTION_ID]: SUB_A,
          [ANNOTATION_AIB_SOURCE]: 'test',
          'backstage.io/managed-by-location': expect.stringMatching(
            /^azure-image-builder-provider:test:/,
          ),
        },
      },
      spec: {
        type: 'azure-image-template',
        owner: 'group:default/team-images',
      },
    });
    expect(ubuntu.metadata.name.length).toBeLessThanOrEqual(63);
    expect(
      entities.find(e => e.metadata.title === 'windows-golden')!.spec!.owner,
    ).toBe('group:default/windows');
    // The catalog relates each template to its owner.
    expect(ubuntu.relations).toEqual(
      expect.arrayContaining([
        { type: 'ownedBy', targetRef: 'group:default/team-images' },
      ]),
    );

    // A template deleted from the source disappears; a new one appears.
    const templateC = imageTemplate(SUB_A, 'rhel-golden');
    mockDir.setContent({
      'snapshot.json': JSON.stringify(
        snapshot(
          subscription(SUB_A, [templateA, templateC]),
          subscription(SUB_B, []),
        ),
      ),
    });
    await scheduler!.triggerTask(TASK_ID);
    await waitFor(
      'the catalog to follow the source',
      () => templateEntities(server).then(titles),
      t => t.join() === 'rhel-golden,ubuntu-golden',
    );

    // A source that cannot be read changes nothing.
    mockDir.setContent({ 'snapshot.json': '{ not json' });
    await scheduler!.triggerTask(TASK_ID);
    // Give the catalog time to act on a (wrong) mutation before checking nothing changed.
    await new Promise(resolve => setTimeout(resolve, 2000));
    expect(titles(await templateEntities(server))).toEqual([
      'rhel-golden',
      'ubuntu-golden',
    ]);
  });
});
