import {
  countStatuses,
  FindingStatus,
  Scorecard,
  Severity,
} from '@aib-scorecards/plugin-azure-image-builder-common';
import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { DatabaseScorecardStore } from './DatabaseScorecardStore';
import { makeScorecard } from '../__testUtils__/scorecards';
import { TemplateListOptions } from './ScorecardStore';

jest.setTimeout(60_000);

const SUB_A = 'AAAAAAAA-0000-0000-0000-000000000001';
const SUB_B = 'bbbbbbbb-0000-0000-0000-000000000002';

const SEVERITY: Record<string, Severity> = {
  'template-lock': 'medium',
  'vm-boot-optimization': 'low',
  'customizer-checksum': 'high',
};

/** A scorecard whose findings, counts and facts follow the given statuses. */
function card(
  subscriptionId: string,
  name: string,
  options: {
    owner?: string;
    score?: number | null;
    location?: string;
    resourceGroup?: string;
    statuses?: Record<string, FindingStatus>;
    lastRun?: { runState?: string; startTime?: string; endTime?: string };
    subscriptionName?: string;
  } = {},
): Scorecard {
  const statuses = options.statuses ?? { 'template-lock': 'pass' };
  const findings = Object.entries(statuses).map(([ruleId, status]) => ({
    ruleId,
    status,
    severity: SEVERITY[ruleId] ?? 'medium',
    message: `${ruleId} is ${status}`,
    evidence: [{ path: 'properties', observed: null }],
    remediationUrl: 'https://learn.microsoft.com/',
  }));
  const base = makeScorecard(subscriptionId, name, {
    owner: options.owner ?? 'group:default/team-a',
    score: options.score === undefined ? 50 : options.score,
    resourceGroup: options.resourceGroup ?? 'RG-Images',
    findings,
    counts: countStatuses(findings),
    facts: {
      distributions: [],
      identities: [],
      buildVmIdentities: [],
      ...(options.location ? { location: options.location } : {}),
      ...(options.lastRun ? { lastRun: options.lastRun } : {}),
    },
    ...(options.subscriptionName
      ? { subscriptionName: options.subscriptionName }
      : {}),
  });
  if (options.location) base.location = options.location;
  else delete base.location;
  return base;
}

// The data set the listing tests share.
const alpha = card(SUB_A, 'Alpha', {
  score: 90,
  location: 'westeurope',
  statuses: { 'template-lock': 'pass', 'vm-boot-optimization': 'warn' },
  lastRun: { runState: 'Succeeded', endTime: '2026-11-19T10:00:00Z' },
  subscriptionName: 'Prod Images',
});
const bravo = card(SUB_A, 'bravo', {
  score: 10,
  owner: 'group:default/Team-B',
  location: 'northeurope',
  statuses: {
    'template-lock': 'fail',
    'vm-boot-optimization': 'fail',
    'customizer-checksum': 'fail',
  },
  lastRun: { runState: 'Failed', startTime: '2026-11-18T10:00:00Z' },
  subscriptionName: 'Prod Images',
});
const charlie = card(SUB_B, 'charlie_100%', {
  score: null,
  owner: 'user:default/jane',
  resourceGroup: 'rg-special',
  statuses: { 'template-lock': 'unknown' },
});
const delta = card(SUB_B, 'Delta', {
  score: 50,
  location: 'eastus',
  statuses: { 'template-lock': 'fail', 'customizer-checksum': 'pass' },
  lastRun: { runState: 'Running', startTime: '2026-11-20T09:00:00Z' },
});

const names = (page: { items: { templateName: string }[] }) =>
  page.items.map(i => i.templateName);

describe('DatabaseScorecardStore listing', () => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

  async function createStore(databaseId: Parameters<typeof databases.init>[0]) {
    const knex = await databases.init(databaseId);
    const store = await DatabaseScorecardStore.create({
      database: mockServices.database({ knex }),
    });
    return { knex, store };
  }

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    let store: DatabaseScorecardStore;
    let knex: Awaited<ReturnType<typeof createStore>>['knex'];

    beforeAll(async () => {
      ({ store, knex } = await createStore(databaseId));
      await store.replaceSubscription('src', SUB_A, [alpha, bravo]);
      await store.replaceSubscription('src', SUB_B, [charlie, delta]);
      await store.markStale(
        { sourceId: 'src', templateIds: [delta.resourceId] },
        { since: new Date('2026-11-21T08:00:00.000Z'), reason: 'left out' },
      );
    });

    it('lists summaries with their statuses, by name by default', async () => {
      const page = await store.listTemplates({});
      expect(page.totalCount).toBe(4);
      expect(names(page)).toEqual(['Alpha', 'bravo', 'charlie_100%', 'Delta']);
      expect(page.items[0]).toEqual({
        templateId: alpha.templateId,
        resourceId: alpha.resourceId,
        templateName: 'Alpha',
        entityRef: alpha.entityRef,
        owner: 'group:default/team-a',
        subscriptionId: SUB_A,
        subscriptionName: 'Prod Images',
        resourceGroup: 'RG-Images',
        location: 'westeurope',
        score: 90,
        counts: {
          pass: 1,
          warn: 1,
          fail: 0,
          unknown: 0,
          'not-applicable': 0,
          waived: 0,
        },
        lastRunState: 'Succeeded',
        lastRunTime: '2026-11-19T10:00:00.000Z',
        scannedAt: alpha.scannedAt,
        statuses: {
          'template-lock': 'pass',
          'vm-boot-optimization': 'warn',
        },
      });
      // The owner as written, although it is compared lower-cased.
      expect(page.items[1].owner).toBe('group:default/Team-B');
      expect(page.items[1].lastRunTime).toBe('2026-11-18T10:00:00.000Z');
      expect(page.items[2]).not.toHaveProperty('location');
      expect(page.items[2]).not.toHaveProperty('lastRunState');
      expect(page.items[3].stale).toEqual({
        since: '2026-11-21T08:00:00.000Z',
        reason: 'left out',
      });
    });

    it.each<[TemplateListOptions, string[]]>([
      [
        { sort: 'name', order: 'desc' },
        ['Delta', 'charlie_100%', 'bravo', 'Alpha'],
      ],
      [{ sort: 'score' }, ['bravo', 'Delta', 'Alpha', 'charlie_100%']],
      [
        { sort: 'score', order: 'desc' },
        ['Alpha', 'Delta', 'bravo', 'charlie_100%'],
      ],
      [{ sort: 'owner' }, ['Alpha', 'Delta', 'bravo', 'charlie_100%']],
      [
        { sort: 'owner', order: 'desc' },
        ['charlie_100%', 'bravo', 'Alpha', 'Delta'],
      ],
      // Subscription name, else id: "bbbb…" < "prod images".
      [{ sort: 'subscription' }, ['charlie_100%', 'Delta', 'Alpha', 'bravo']],
      [{ sort: 'location' }, ['Delta', 'bravo', 'Alpha', 'charlie_100%']],
      [
        { sort: 'location', order: 'desc' },
        ['Alpha', 'bravo', 'Delta', 'charlie_100%'],
      ],
      [{ sort: 'lastRun' }, ['bravo', 'Alpha', 'Delta', 'charlie_100%']],
      [
        { sort: 'lastRun', order: 'desc' },
        ['Delta', 'Alpha', 'bravo', 'charlie_100%'],
      ],
      [
        { sort: 'fail', order: 'desc' },
        ['bravo', 'Delta', 'Alpha', 'charlie_100%'],
      ],
      [{ sort: 'fail' }, ['Alpha', 'charlie_100%', 'Delta', 'bravo']],
    ])('sorts by %j, empty values last', async (options, expected) => {
      expect(names(await store.listTemplates(options))).toEqual(expected);
    });

    it('pages with offset and limit, counting every match', async () => {
      const first = await store.listTemplates({ limit: 3 });
      const second = await store.listTemplates({ offset: 3, limit: 3 });
      expect(names(first)).toEqual(['Alpha', 'bravo', 'charlie_100%']);
      expect(names(second)).toEqual(['Delta']);
      expect(first.totalCount).toBe(4);
      expect(second.totalCount).toBe(4);
      // Without counting, a full page only says there are at least that many.
      await expect(
        store.listTemplates({ limit: 3, countTotal: false }),
      ).resolves.toMatchObject({ totalCount: 3 });
      await expect(
        store.listTemplates({ offset: 3, limit: 3, countTotal: false }),
      ).resolves.toMatchObject({ totalCount: 4 });
      const beyond = await store.listTemplates({ offset: 10, limit: 3 });
      expect(beyond).toEqual({ items: [], totalCount: 4 });
      const filtered = await store.listTemplates({
        owners: ['group:default/team-a'],
        sort: 'score',
        limit: 1,
      });
      expect(filtered).toMatchObject({
        totalCount: 2,
        items: [{ templateName: 'Delta' }],
      });
      expect(
        names(await store.listTemplates({ offset: 2, sort: 'score' })),
      ).toEqual(['Alpha', 'charlie_100%']);
    });

    it.each<[string, TemplateListOptions, string[]]>([
      [
        'owners, any case',
        { owners: ['GROUP:default/team-b', 'user:default/jane'] },
        ['bravo', 'charlie_100%'],
      ],
      [
        'subscriptions, any case',
        { subscriptions: [SUB_A.toLowerCase()] },
        ['Alpha', 'bravo'],
      ],
      [
        'a rule and a status',
        { rule: 'template-lock', status: 'fail' },
        ['bravo', 'Delta'],
      ],
      [
        'a rule and another status',
        { rule: 'vm-boot-optimization', status: 'warn' },
        ['Alpha'],
      ],
      ['a status alone', { status: 'fail' }, ['bravo', 'Delta']],
      ['unknown status', { status: 'unknown' }, ['charlie_100%']],
      ['a rule alone', { rule: 'customizer-checksum' }, ['bravo', 'Delta']],
      ['text in the name', { q: 'RAV' }, ['bravo']],
      ['text in the resource group', { q: 'special' }, ['charlie_100%']],
      ['text in the location', { q: 'NORTH' }, ['bravo']],
      ['text in the owner', { q: 'jane' }, ['charlie_100%']],
      ['a literal %', { q: '100%' }, ['charlie_100%']],
      ['a literal _', { q: 'a_' }, []],
      ['a literal _ that is there', { q: 'e_1' }, ['charlie_100%']],
      ['a literal !', { q: '!' }, []],
      [
        'everything at once',
        {
          owners: ['group:default/team-a'],
          subscriptions: [SUB_B],
          status: 'fail',
          q: 'del',
        },
        ['Delta'],
      ],
      ['nothing', { owners: ['group:default/nobody'] }, []],
    ])('filters by %s', async (_what, filter, expected) => {
      const page = await store.listTemplates(filter);
      expect(names(page)).toEqual(expected);
      expect(page.totalCount).toBe(expected.length);
    });

    it('counts templates per rule and status, for everyone or some owners', async () => {
      const all = await store.summarizeRules({});
      expect(all.templateCount).toBe(4);
      const byRule = Object.fromEntries(
        all.rules.map(r => [r.ruleId, r.counts]),
      );
      expect(byRule).toEqual({
        'template-lock': {
          pass: 1,
          fail: 2,
          warn: 0,
          unknown: 1,
          'not-applicable': 0,
          waived: 0,
        },
        'vm-boot-optimization': {
          pass: 0,
          fail: 1,
          warn: 1,
          unknown: 0,
          'not-applicable': 0,
          waived: 0,
        },
        'customizer-checksum': {
          pass: 1,
          fail: 1,
          warn: 0,
          unknown: 0,
          'not-applicable': 0,
          waived: 0,
        },
      });

      const teamA = await store.summarizeRules({
        owners: ['group:default/team-a'],
      });
      expect(teamA.templateCount).toBe(2);
      expect(
        Object.fromEntries(teamA.rules.map(r => [r.ruleId, r.counts.fail])),
      ).toEqual({
        'template-lock': 1,
        'vm-boot-optimization': 0,
        'customizer-checksum': 0,
      });
      await expect(
        store.summarizeRules({ owners: ['group:default/nobody'] }),
      ).resolves.toEqual({ rules: [], templateCount: 0 });
    });

    it('lists the failing and warning findings of some owners with their template', async () => {
      const findings = await store.listFindings(
        { owners: ['group:default/team-a', 'group:default/team-b'] },
        ['fail', 'warn'],
      );
      expect(
        findings.map(f => `${f.templateName}/${f.ruleId}/${f.status}`).sort(),
      ).toEqual([
        'Alpha/vm-boot-optimization/warn',
        'Delta/template-lock/fail',
        'bravo/customizer-checksum/fail',
        'bravo/template-lock/fail',
        'bravo/vm-boot-optimization/fail',
      ]);
      // Without evidence: lists of findings leave it to the template's scorecard.
      expect(findings.find(f => f.templateName === 'Alpha')).toEqual({
        ...alpha.findings[1],
        evidence: [],
        templateId: alpha.templateId,
        templateName: 'Alpha',
        entityRef: alpha.entityRef,
      });
      await expect(store.listFindings({}, [])).resolves.toEqual([]);
      await expect(
        store.listFindings({ subscriptions: [SUB_B] }, ['unknown']),
      ).resolves.toMatchObject([
        { templateName: 'charlie_100%', ruleId: 'template-lock' },
      ]);
      // Passing findings are not kept for lists.
      await expect(store.listFindings({}, ['pass'])).rejects.toThrow(
        'Findings are listed by fail, warn, unknown, waived only, not pass',
      );
    });

    it('has one findings row per finding of the stored scorecards', async () => {
      const rows = await knex('aib_findings').orderBy([
        'template_id',
        'rule_id',
      ]);
      expect(rows).toContainEqual({
        template_id: bravo.templateId,
        rule_id: 'customizer-checksum',
        status: 'fail',
        severity: 'high',
      });
      expect(rows).toHaveLength(8);
    });
  });

  describe.each(databases.eachSupportedId())('writing on %p', databaseId => {
    it('keeps the findings table in step when scorecards are replaced or removed', async () => {
      const { knex, store } = await createStore(databaseId);
      const one = card(SUB_A, 'one', {
        statuses: { 'template-lock': 'fail', 'vm-boot-optimization': 'pass' },
      });
      const two = card(SUB_A, 'two', {
        statuses: { 'template-lock': 'fail' },
      });
      await store.replaceSubscription('src', SUB_A, [one, two]);
      expect(
        names(
          await store.listTemplates({ rule: 'template-lock', status: 'fail' }),
        ),
      ).toEqual(['one', 'two']);

      // One is fixed and loses a rule; two is gone.
      const fixed = card(SUB_A, 'one', {
        score: 100,
        statuses: { 'template-lock': 'pass' },
      });
      await store.replaceSubscription('src', SUB_A, [fixed]);
      await expect(
        store.listTemplates({ rule: 'template-lock', status: 'fail' }),
      ).resolves.toEqual({ items: [], totalCount: 0 });
      expect(
        await knex('aib_findings').select('template_id', 'rule_id', 'status'),
      ).toEqual([
        {
          template_id: fixed.templateId,
          rule_id: 'template-lock',
          status: 'pass',
        },
      ]);
      await expect(store.listTemplates({})).resolves.toMatchObject({
        totalCount: 1,
        items: [{ score: 100, statuses: { 'template-lock': 'pass' } }],
      });

      await store.replaceSubscription('src', SUB_A, []);
      expect(Number((await knex('aib_findings').count({ n: '*' }))[0].n)).toBe(
        0,
      );
    });

    it('filters by the statuses that have no count column through the findings table', async () => {
      const { store } = await createStore(databaseId);
      await store.replaceSubscription('src', SUB_A, [
        card(SUB_A, 'na', { statuses: { 'template-lock': 'not-applicable' } }),
        card(SUB_A, 'waived', {
          statuses: {
            'template-lock': 'waived',
            'vm-boot-optimization': 'fail',
          },
        }),
      ]);
      expect(
        names(await store.listTemplates({ status: 'not-applicable' })),
      ).toEqual(['na']);
      expect(names(await store.listTemplates({ status: 'waived' }))).toEqual([
        'waived',
      ]);
      expect(
        names(
          await store.listTemplates({
            rule: 'template-lock',
            status: 'waived',
          }),
        ),
      ).toEqual(['waived']);
      expect(
        names(
          await store.listTemplates({ rule: 'template-lock', status: 'fail' }),
        ),
      ).toEqual([]);
    });

    it('keeps a template whose stored scorecard is retained, findings and all', async () => {
      const { store } = await createStore(databaseId);
      const kept = card(SUB_A, 'kept', {
        statuses: { 'template-lock': 'warn' },
      });
      await store.replaceSubscription('src', SUB_A, [kept]);
      await store.replaceSubscription('src', SUB_A, [], {
        retain: [kept.resourceId],
      });
      await expect(
        store.listTemplates({ status: 'warn' }),
      ).resolves.toMatchObject({
        totalCount: 1,
        items: [{ templateName: 'kept' }],
      });
    });

    it('lists every template when there are more than fit in one statement', async () => {
      const { store } = await createStore(databaseId);
      const many = Array.from({ length: 620 }, (_, i) =>
        card(SUB_A, `t-${String(i).padStart(4, '0')}`, {
          statuses: { 'template-lock': i % 2 ? 'pass' : 'fail' },
        }),
      );
      await store.replaceSubscription('src', SUB_A, many);
      const all = await store.listTemplates({});
      expect(all.totalCount).toBe(620);
      expect(all.items).toHaveLength(620);
      expect(all.items[619].statuses).toEqual({ 'template-lock': 'pass' });
      await expect(
        store.listTemplates({ status: 'fail', limit: 500 }),
      ).resolves.toMatchObject({ totalCount: 310 });
    });
  });
});
