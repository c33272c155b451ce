import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { DatabaseScorecardStore } from './DatabaseScorecardStore';
import { makeScorecard, templateResourceId } from '../__testUtils__/scorecards';

jest.setTimeout(60_000);

const SUB_A = 'AAAAAAAA-0000-0000-0000-000000000001';
const SUB_B = 'bbbbbbbb-0000-0000-0000-000000000002';

describe('DatabaseScorecardStore', () => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

  async function createStore(databaseId: Parameters<typeof databases.init>[0]) {
    const knex = await databases.init(databaseId);
    const store = await DatabaseScorecardStore.create({
      database: mockServices.database({ knex }),
    });
    return { knex, store };
  }

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it('stores scorecards and reads them back by ARM id and entity ref, any case', async () => {
      const { store } = await createStore(databaseId);
      const one = makeScorecard(SUB_A, 'Ubuntu-Base');
      const two = makeScorecard(SUB_A, 'windows', { score: null });

      await expect(
        store.replaceSubscription('src', SUB_A, [one, two]),
      ).resolves.toEqual({ written: 2, removed: 0 });

      await expect(store.getByTemplateId(one.resourceId)).resolves.toEqual(one);
      await expect(
        store.getByTemplateId(one.resourceId.toUpperCase()),
      ).resolves.toEqual(one);
      await expect(
        store.getByEntityRef('Resource:Default/AIB-UBUNTU-BASE'),
      ).resolves.toEqual(one);
      await expect(store.getByTemplateId(two.templateId)).resolves.toEqual(two);
      await expect(
        store.getByTemplateId(templateResourceId(SUB_A, 'nope')),
      ).resolves.toBeUndefined();
      await expect(
        store.getByEntityRef('resource:default/nope'),
      ).resolves.toBeUndefined();
    });

    it('replaces a subscription: updates, removes what is gone, keeps what is retained', async () => {
      const { store } = await createStore(databaseId);
      const kept = makeScorecard(SUB_A, 'kept');
      const gone = makeScorecard(SUB_A, 'gone');
      const retained = makeScorecard(SUB_A, 'retained');
      const otherSubscription = makeScorecard(SUB_B, 'other-sub');
      const otherSource = makeScorecard(SUB_A, 'other-source', {
        sourceId: 'second',
      });
      await store.replaceSubscription('src', SUB_A, [kept, gone, retained]);
      await store.replaceSubscription('src', SUB_B, [otherSubscription]);
      await store.replaceSubscription('second', SUB_A, [otherSource]);

      const updated = { ...kept, score: 100 };
      await expect(
        store.replaceSubscription('src', SUB_A.toLowerCase(), [updated], {
          retain: [retained.resourceId],
        }),
      ).resolves.toEqual({ written: 1, removed: 1 });

      await expect(store.getByTemplateId(kept.templateId)).resolves.toEqual(
        updated,
      );
      await expect(
        store.getByTemplateId(gone.templateId),
      ).resolves.toBeUndefined();
      await expect(store.getByTemplateId(retained.templateId)).resolves.toEqual(
        retained,
      );
      await expect(
        store.getByTemplateId(otherSubscription.templateId),
      ).resolves.toEqual(otherSubscription);
      await expect(
        store.getByTemplateId(otherSource.templateId),
      ).resolves.toEqual(otherSource);

      // An empty list for a listed subscription means it has no templates any more.
      await expect(
        store.replaceSubscription('src', SUB_A, []),
      ).resolves.toEqual({ written: 0, removed: 2 });
      await expect(store.listSubscriptions('src')).resolves.toEqual([
        SUB_B.toLowerCase(),
      ]);
      await expect(store.listSubscriptions('second')).resolves.toEqual([
        SUB_A.toLowerCase(),
      ]);
    });

    it('marks scorecards stale, keeps the first since, and clears it on the next good scan', async () => {
      const { store } = await createStore(databaseId);
      const a1 = makeScorecard(SUB_A, 'a1');
      const a2 = makeScorecard(SUB_A, 'a2');
      const b1 = makeScorecard(SUB_B, 'b1');
      await store.replaceSubscription('src', SUB_A, [a1, a2]);
      await store.replaceSubscription('src', SUB_B, [b1]);

      const first = new Date('2026-11-21T08:00:00.000Z');
      const second = new Date('2026-11-21T08:30:00.000Z');
      await expect(
        store.markStale(
          { sourceId: 'src', subscriptionId: SUB_A },
          { since: first, reason: 'AuthorizationFailed' },
        ),
      ).resolves.toBe(2);
      await expect(store.getByTemplateId(a1.templateId)).resolves.toEqual({
        ...a1,
        stale: { since: first.toISOString(), reason: 'AuthorizationFailed' },
      });
      await expect(store.getByTemplateId(b1.templateId)).resolves.toEqual(b1);

      await expect(
        store.markStale(
          { sourceId: 'src' },
          { since: second, reason: 'file not found' },
        ),
      ).resolves.toBe(3);
      await expect(store.getByTemplateId(a2.templateId)).resolves.toMatchObject(
        {
          stale: { since: first.toISOString(), reason: 'file not found' },
        },
      );
      await expect(store.getByEntityRef(b1.entityRef)).resolves.toMatchObject({
        stale: { since: second.toISOString(), reason: 'file not found' },
      });

      await store.replaceSubscription('src', SUB_A, [a1, a2]);
      await expect(store.getByTemplateId(a1.templateId)).resolves.toEqual(a1);
      await expect(
        store.getByTemplateId(b1.templateId),
      ).resolves.toHaveProperty('stale');
    });

    it('marks only the given templates stale', async () => {
      const { store } = await createStore(databaseId);
      const a1 = makeScorecard(SUB_A, 'a1');
      const a2 = makeScorecard(SUB_A, 'a2');
      await store.replaceSubscription('src', SUB_A, [a1, a2]);
      const since = new Date('2026-11-21T08:00:00.000Z');

      await expect(
        store.markStale(
          { sourceId: 'src', templateIds: [a2.resourceId] },
          { since, reason: 'bad' },
        ),
      ).resolves.toBe(1);
      await expect(
        store.markStale(
          { sourceId: 'src', templateIds: [] },
          { since, reason: 'none' },
        ),
      ).resolves.toBe(0);
      await expect(
        store.markStale(
          { sourceId: 'other', templateIds: [a1.resourceId] },
          { since, reason: 'other source' },
        ),
      ).resolves.toBe(0);
      await expect(store.getByTemplateId(a1.templateId)).resolves.toEqual(a1);
      await expect(store.getByTemplateId(a2.templateId)).resolves.toMatchObject(
        { stale: { reason: 'bad' } },
      );
    });

    it('writes more scorecards than fit in one statement', async () => {
      const { store } = await createStore(databaseId);
      const many = Array.from({ length: 120 }, (_, i) =>
        makeScorecard(SUB_A, `t-${i}`),
      );
      await expect(
        store.replaceSubscription('src', SUB_A, many),
      ).resolves.toEqual({ written: 120, removed: 0 });
      await expect(
        store.replaceSubscription('src', SUB_A, many.slice(0, 10)),
      ).resolves.toEqual({ written: 10, removed: 110 });
      await expect(
        store.markStale(
          { sourceId: 'src', templateIds: many.map(s => s.resourceId) },
          { since: new Date(), reason: 'x' },
        ),
      ).resolves.toBe(10);
    });

    it('writes a template listed twice once, the last one winning', async () => {
      const { store } = await createStore(databaseId);
      const first = makeScorecard(SUB_A, 'twice', { score: 10 });
      const last = {
        ...first,
        resourceId: first.resourceId.toUpperCase(),
        score: 90,
      };
      await expect(
        store.replaceSubscription('src', SUB_A, [first, last]),
      ).resolves.toEqual({ written: 1, removed: 0 });
      await expect(
        store.getByTemplateId(first.templateId),
      ).resolves.toMatchObject({ score: 90 });
    });

    it('records scan runs, latest first', async () => {
      const { store } = await createStore(databaseId);
      await store.recordScanRun({
        sourceId: 'src',
        startedAt: new Date('2026-11-21T08:00:00.000Z'),
        finishedAt: new Date('2026-11-21T08:00:02.500Z'),
        status: 'ok',
        templateCount: 3,
      });
      await store.recordScanRun({
        sourceId: 'src',
        startedAt: new Date('2026-11-21T08:30:00.000Z'),
        finishedAt: new Date('2026-11-21T08:30:01.000Z'),
        status: 'failed',
        templateCount: 0,
        error: 'file not found',
      });
      await store.recordScanRun({
        sourceId: 'other',
        startedAt: new Date('2026-11-21T09:00:00.000Z'),
        finishedAt: new Date('2026-11-21T09:00:01.000Z'),
        status: 'partial',
        templateCount: 1,
        error: '1 subscription kept stale',
      });

      const runs = await store.listScanRuns({ sourceId: 'src' });
      expect(runs).toEqual([
        {
          id: expect.any(Number),
          sourceId: 'src',
          startedAt: '2026-11-21T08:30:00.000Z',
          finishedAt: '2026-11-21T08:30:01.000Z',
          status: 'failed',
          templateCount: 0,
          error: 'file not found',
        },
        {
          id: expect.any(Number),
          sourceId: 'src',
          startedAt: '2026-11-21T08:00:00.000Z',
          finishedAt: '2026-11-21T08:00:02.500Z',
          status: 'ok',
          templateCount: 3,
        },
      ]);
      await expect(store.listScanRuns()).resolves.toHaveLength(3);
      await expect(store.listScanRuns({ limit: 1 })).resolves.toMatchObject([
        { sourceId: 'other', status: 'partial' },
      ]);
    });

    it('can be created again on a migrated database', async () => {
      const { knex, store } = await createStore(databaseId);
      await store.replaceSubscription('src', SUB_A, [
        makeScorecard(SUB_A, 'x'),
      ]);
      const again = await DatabaseScorecardStore.create({
        database: mockServices.database({ knex }),
      });
      await expect(again.listSubscriptions('src')).resolves.toEqual([
        SUB_A.toLowerCase(),
      ]);
    });
  });
});
