import { templateKey } from '@aib-scorecards/plugin-azure-image-builder-common';
import {
  createRuleEngine,
  DEFAULT_OWNERSHIP,
  ImageTemplateSource,
  LoadedSnapshot,
} from '@aib-scorecards/plugin-azure-image-builder-node';
import { LoggerService } from '@backstage/backend-plugin-api';
import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { DatabaseScorecardStore } from '../../database';
import {
  imageTemplate,
  snapshot,
  subscription,
} from '../../__testUtils__/snapshots';
import { createScanService } from './createScanService';

jest.setTimeout(60_000);

const SUB_1 = '11111111-1111-1111-1111-111111111111';
const SUB_2 = '22222222-2222-2222-2222-222222222222';

type LogLine = { level: string; message: string; meta: object };

function recordingLogger(): { logger: LoggerService; lines: LogLine[] } {
  const lines: LogLine[] = [];
  const make = (base: object): LoggerService => {
    const log =
      (level: string) =>
      (message: string, meta?: Error | object): void => {
        lines.push({ level, message, meta: { ...base, ...meta } });
      };
    return {
      error: log('error'),
      warn: log('warn'),
      info: log('info'),
      debug: log('debug'),
      child: meta => make({ ...base, ...meta }),
    };
  };
  return { logger: make({}), lines };
}

/** A source whose next read is set by the test: a snapshot, or an error to reject with. */
class FakeSource implements ImageTemplateSource {
  readonly type = 'fake';
  next: LoadedSnapshot | Error = { snapshot: snapshot(), problems: [] };
  reads = 0;
  constructor(readonly id: string) {}
  async read(): Promise<LoadedSnapshot> {
    this.reads += 1;
    if (this.next instanceof Error) {
      throw this.next;
    }
    return this.next;
  }
}

const t1 = imageTemplate(SUB_1, 'ubuntu-base');
const t2 = imageTemplate(SUB_1, 'windows-base');
const t3 = imageTemplate(SUB_2, 'rhel-base');

describe('createScanService', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

  async function setup(sourceIds: string[] = ['files']) {
    const knex = await databases.init('SQLITE_3');
    const store = await DatabaseScorecardStore.create({
      database: mockServices.database({ knex }),
    });
    const sources = sourceIds.map(id => new FakeSource(id));
    const { logger, lines } = recordingLogger();
    const service = createScanService({
      logger,
      store,
      sources,
      engine: createRuleEngine(),
      ownership: DEFAULT_OWNERSHIP,
    });
    return { store, sources, service, lines };
  }

  it('scores every template and stores its scorecard', async () => {
    const { store, sources, service, lines } = await setup();
    sources[0].next = {
      snapshot: snapshot(
        subscription(SUB_1, [t1, t2]),
        subscription(SUB_2, [t3]),
      ),
      problems: [],
    };

    const [result] = await service.scanAll();

    expect(result).toMatchObject({
      sourceId: 'files',
      status: 'ok',
      templateCount: 3,
      removedCount: 0,
      staleSubscriptions: [],
      problemCount: 0,
    });
    const stored = await store.getByTemplateId(t1.id);
    expect(stored).toMatchObject({
      templateId: templateKey(t1.id),
      resourceId: t1.id,
      templateName: 'ubuntu-base',
      sourceId: 'files',
      owner: 'group:default/team-images',
      scannedAt: '2026-11-20T10:00:00Z',
    });
    expect(stored?.findings.length).toBeGreaterThan(0);
    expect(stored?.stale).toBeUndefined();
    await expect(store.getByEntityRef(stored!.entityRef)).resolves.toEqual(
      stored,
    );
    await expect(store.listScanRuns()).resolves.toMatchObject([
      { sourceId: 'files', status: 'ok', templateCount: 3 },
    ]);
    expect(lines).toContainEqual(
      expect.objectContaining({
        level: 'info',
        message: expect.stringContaining('Scanned source "files" (ok) in'),
        meta: expect.objectContaining({
          templateCount: 3,
          durationMs: expect.any(Number),
        }),
      }),
    );
  });

  it('keeps every scorecard of a source whose read rejects, marked stale with the error', async () => {
    const { store, sources, service, lines } = await setup();
    sources[0].next = {
      snapshot: snapshot(
        subscription(SUB_1, [t1, t2]),
        subscription(SUB_2, [t3]),
      ),
      problems: [],
    };
    await service.scanAll();
    const before = Date.now();

    sources[0].next = new Error(
      "Cannot read snapshot file 'snap.json': ENOENT",
    );
    const [result] = await service.scanAll();

    expect(result).toMatchObject({
      status: 'failed',
      templateCount: 0,
      error: expect.stringContaining('ENOENT'),
    });
    for (const template of [t1, t2, t3]) {
      const stored = await store.getByTemplateId(template.id);
      expect(stored?.stale?.reason).toBe(
        `Could not read source "files": Cannot read snapshot file 'snap.json': ENOENT`,
      );
      expect(Date.parse(stored!.stale!.since)).toBeGreaterThanOrEqual(
        before - 1000,
      );
      expect(stored?.findings.length).toBeGreaterThan(0);
    }
    expect(lines).toContainEqual(
      expect.objectContaining({
        level: 'error',
        message: expect.stringContaining(
          'keeping its 3 stored scorecards, marked stale',
        ),
      }),
    );
    await expect(store.listScanRuns()).resolves.toMatchObject([
      { status: 'failed', error: expect.stringContaining('ENOENT') },
      { status: 'ok' },
    ]);

    // The next good read clears the staleness.
    sources[0].next = {
      snapshot: snapshot(
        subscription(SUB_1, [t1, t2]),
        subscription(SUB_2, [t3]),
      ),
      problems: [],
    };
    await service.scanAll();
    await expect(store.getByTemplateId(t1.id)).resolves.not.toHaveProperty(
      'stale',
    );
  });

  it('never stores a secret from a read error', async () => {
    const { store, sources, service } = await setup();
    sources[0].next = {
      snapshot: snapshot(subscription(SUB_1, [t1])),
      problems: [],
    };
    await service.scanAll();

    sources[0].next = new Error(
      'GET https://acct.blob.core.windows.net/c/s.sh?sv=2022-11-02&sig=c2VjcmV0LXNpZ25hdHVyZQ%3D%3D failed',
    );
    const [result] = await service.scanAll();

    const stored = await store.getByTemplateId(t1.id);
    expect(stored?.stale?.reason).toContain('sig=');
    expect(stored?.stale?.reason).not.toContain('c2VjcmV0LXNpZ25hdHVyZQ');
    expect(result.error).not.toContain('c2VjcmV0LXNpZ25hdHVyZQ');
  });

  it('keeps the scorecards of a subscription whose templates could not be listed, marked stale', async () => {
    const { store, sources, service, lines } = await setup();
    sources[0].next = {
      snapshot: snapshot(
        subscription(SUB_1, [t1, t2]),
        subscription(SUB_2, [t3]),
      ),
      problems: [],
    };
    await service.scanAll();

    sources[0].next = {
      snapshot: snapshot(
        subscription(SUB_1, [t1, t2]),
        subscription(SUB_2, null, {
          errors: [
            {
              collection: 'imageTemplates',
              code: 'AuthorizationFailed',
              message: 'The client does not have authorization',
            },
          ],
        }),
      ),
      problems: [],
    };
    const [result] = await service.scanAll();

    expect(result).toMatchObject({
      status: 'partial',
      templateCount: 2,
      staleSubscriptions: [SUB_2],
      error: expect.stringContaining(SUB_2),
    });
    await expect(store.getByTemplateId(t3.id)).resolves.toMatchObject({
      templateName: 'rhel-base',
      stale: {
        reason: `The image templates of subscription ${SUB_2} could not be listed: AuthorizationFailed: The client does not have authorization`,
      },
    });
    await expect(store.getByTemplateId(t1.id)).resolves.not.toHaveProperty(
      'stale',
    );
    expect(lines).toContainEqual(
      expect.objectContaining({
        level: 'warn',
        message: expect.stringContaining('AuthorizationFailed'),
      }),
    );
    await expect(store.listScanRuns({ limit: 1 })).resolves.toMatchObject([
      { status: 'partial', templateCount: 2 },
    ]);
  });

  it('removes a template that is gone from a subscription that was listed', async () => {
    const { store, sources, service } = await setup();
    sources[0].next = {
      snapshot: snapshot(
        subscription(SUB_1, [t1, t2]),
        subscription(SUB_2, [t3]),
      ),
      problems: [],
    };
    await service.scanAll();

    sources[0].next = {
      snapshot: snapshot(subscription(SUB_1, [t1]), subscription(SUB_2, [])),
      problems: [],
    };
    const [result] = await service.scanAll();

    expect(result).toMatchObject({
      status: 'ok',
      templateCount: 1,
      removedCount: 2,
    });
    await expect(store.getByTemplateId(t1.id)).resolves.toBeDefined();
    await expect(store.getByTemplateId(t2.id)).resolves.toBeUndefined();
    await expect(store.getByTemplateId(t3.id)).resolves.toBeUndefined();
  });

  it('keeps a subscription that is missing from the read, marked stale', async () => {
    const { store, sources, service } = await setup();
    sources[0].next = {
      snapshot: snapshot(subscription(SUB_1, [t1]), subscription(SUB_2, [t3])),
      problems: [],
    };
    await service.scanAll();

    sources[0].next = {
      snapshot: snapshot(subscription(SUB_1, [t1])),
      problems: [],
    };
    const [result] = await service.scanAll();

    expect(result).toMatchObject({
      status: 'partial',
      staleSubscriptions: [SUB_2],
    });
    await expect(store.getByTemplateId(t3.id)).resolves.toMatchObject({
      stale: { reason: expect.stringContaining('is not in the latest read') },
    });
  });

  it('logs each problem of the read and keeps a template left out as malformed', async () => {
    const { store, sources, service, lines } = await setup();
    sources[0].next = {
      snapshot: snapshot(subscription(SUB_1, [t1, t2])),
      problems: [],
    };
    await service.scanAll();

    const problem = {
      file: 'snap.json',
      subscriptionId: SUB_1,
      subscriptionIndex: 0,
      collection: 'imageTemplates',
      index: 1,
      id: t2.id,
      field: 'properties',
      message: `snap.json: subscriptions[0].imageTemplates[1] (${t2.id}): properties must be an object`,
    };
    sources[0].next = {
      snapshot: snapshot(subscription(SUB_1, [t1])),
      problems: [problem],
    };
    const [result] = await service.scanAll();

    expect(result).toMatchObject({
      status: 'partial',
      problemCount: 1,
      removedCount: 0,
    });
    expect(lines).toContainEqual({
      level: 'warn',
      message: problem.message,
      meta: expect.objectContaining({
        sourceId: 'files',
        file: 'snap.json',
        templateId: t2.id,
        field: 'properties',
      }),
    });
    await expect(store.getByTemplateId(t2.id)).resolves.toMatchObject({
      stale: {
        reason: `Left out of the latest read: ${problem.message}`,
      },
    });
    await expect(store.getByTemplateId(t1.id)).resolves.not.toHaveProperty(
      'stale',
    );
  });

  it('scans a source although the one before it fails', async () => {
    const { store, sources, service } = await setup(['broken', 'good']);
    const [broken, good] = sources;
    broken.next = {
      snapshot: snapshot(subscription(SUB_1, [t1])),
      problems: [],
    };
    good.next = { snapshot: snapshot(subscription(SUB_2, [t3])), problems: [] };
    await service.scanAll();

    broken.next = new Error('boom');
    const results = await service.scanAll();

    expect(results.map(r => [r.sourceId, r.status])).toEqual([
      ['broken', 'failed'],
      ['good', 'ok'],
    ]);
    await expect(store.getByTemplateId(t1.id)).resolves.toMatchObject({
      stale: { reason: 'Could not read source "broken": boom' },
    });
    await expect(store.getByTemplateId(t3.id)).resolves.toMatchObject({
      sourceId: 'good',
    });
    await expect(store.getByTemplateId(t3.id)).resolves.not.toHaveProperty(
      'stale',
    );
    await expect(
      store.listScanRuns({ sourceId: 'good' }),
    ).resolves.toMatchObject([{ status: 'ok' }, { status: 'ok' }]);
  });

  it('goes on with the next source when storing fails', async () => {
    const { store, sources, service, lines } = await setup(['first', 'second']);
    sources[0].next = {
      snapshot: snapshot(subscription(SUB_1, [t1])),
      problems: [],
    };
    sources[1].next = {
      snapshot: snapshot(subscription(SUB_2, [t3])),
      problems: [],
    };
    const replace = store.replaceSubscription.bind(store);
    jest
      .spyOn(store, 'replaceSubscription')
      .mockImplementation(async (sourceId, ...rest) => {
        if (sourceId === 'first') {
          throw new Error('database is locked');
        }
        return replace(sourceId, ...rest);
      });

    const results = await service.scanAll();

    expect(results).toMatchObject([
      {
        sourceId: 'first',
        status: 'failed',
        error: expect.stringContaining('database is locked'),
      },
      { sourceId: 'second', status: 'ok', templateCount: 1 },
    ]);
    await expect(store.getByTemplateId(t3.id)).resolves.toBeDefined();
    expect(lines).toContainEqual(
      expect.objectContaining({
        level: 'error',
        message: expect.stringContaining('database is locked'),
      }),
    );
  });

  it('starts no further source once the scan is aborted', async () => {
    const { sources, service } = await setup(['a', 'b']);
    const controller = new AbortController();
    controller.abort();

    await expect(
      service.scanAll({ signal: controller.signal }),
    ).resolves.toEqual([]);
    expect(sources.map(s => s.reads)).toEqual([0, 0]);
  });
});
