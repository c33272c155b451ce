import { countStatuses } from '@aib-scorecards/plugin-azure-image-builder-common';
import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { makeScorecard } from '../__testUtils__/scorecards';
import { DatabaseScorecardStore } from './DatabaseScorecardStore';

jest.setTimeout(60_000);

const SUB = '11111111-1111-1111-1111-111111111111';

const migrationsDir = resolvePackagePath(
  '@aib-scorecards/plugin-azure-image-builder-backend',
  'migrations',
);

const LISTING_COLUMNS = [
  'summary',
  'name_key',
  'resource_group',
  'location',
  'subscription_name',
  'subscription_key',
  'fail_count',
  'warn_count',
  'unknown_count',
  'pass_count',
  'last_run_state',
  'last_run_time',
  'open_findings',
];

describe('migrations', () => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

  it.each(databases.eachSupportedId())(
    'migrate up and down on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);

      await knex.migrate.latest({ directory: migrationsDir });
      expect(await knex.schema.hasTable('aib_scorecards')).toBe(true);
      expect(await knex.schema.hasTable('aib_scan_runs')).toBe(true);
      for (const column of [
        'template_id',
        'entity_ref',
        'source_id',
        'subscription_id',
        'owner',
        'template_name',
        'score',
        'scorecard',
        'scanned_at',
        'stale_since',
        'stale_reason',
        'updated_at',
      ]) {
        expect(await knex.schema.hasColumn('aib_scorecards', column)).toBe(
          true,
        );
      }
      for (const column of LISTING_COLUMNS) {
        expect(await knex.schema.hasColumn('aib_scorecards', column)).toBe(
          true,
        );
      }
      expect(await knex.schema.hasTable('aib_findings')).toBe(true);

      await knex('aib_scorecards').insert({
        template_id: '/subscriptions/s/resourcegroups/rg/providers/x/y/t',
        entity_ref: 'resource:default/t',
        source_id: 'src',
        subscription_id: 's',
        owner: 'group:default/a',
        template_name: 't',
        score: null,
        scorecard: '{}',
        updated_at: new Date(),
      });
      // The template id is the primary key. (better-sqlite3's SqliteError is no Error to jest's
      // realm, so the message is matched rather than toThrow.)
      await expect(
        knex('aib_scorecards').insert({
          template_id: '/subscriptions/s/resourcegroups/rg/providers/x/y/t',
          entity_ref: 'resource:default/t2',
          source_id: 'src',
          subscription_id: 's',
          owner: 'group:default/a',
          template_name: 't2',
          scorecard: '{}',
          updated_at: new Date(),
        }),
      ).rejects.toHaveProperty('message', expect.stringMatching(/unique/i));
      await knex('aib_scan_runs').insert({
        source_id: 'src',
        started_at: new Date(),
        finished_at: new Date(),
        status: 'ok',
      });
      expect(await knex('aib_scan_runs').first()).toMatchObject({
        template_count: 0,
        error: null,
      });

      // The listing migration alone goes down and up again, keeping the scorecards.
      await knex.migrate.down({ directory: migrationsDir });
      expect(await knex.schema.hasTable('aib_findings')).toBe(false);
      for (const column of LISTING_COLUMNS) {
        expect(await knex.schema.hasColumn('aib_scorecards', column)).toBe(
          false,
        );
      }
      expect(await knex('aib_scorecards').count({ n: '*' })).toEqual([
        { n: expect.anything() },
      ]);
      await knex.migrate.latest({ directory: migrationsDir });
      expect(await knex.schema.hasTable('aib_findings')).toBe(true);

      await knex.migrate.rollback({ directory: migrationsDir }, true);
      expect(await knex.schema.hasTable('aib_scorecards')).toBe(false);
      expect(await knex.schema.hasTable('aib_findings')).toBe(false);
      expect(await knex.schema.hasTable('aib_scan_runs')).toBe(false);

      // And up again after a full rollback.
      await knex.migrate.latest({ directory: migrationsDir });
      expect(await knex.schema.hasTable('aib_scorecards')).toBe(true);
    },
  );

  it.each(databases.eachSupportedId())(
    'backfills the listing of scorecards stored before it on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await knex.migrate.up({
        directory: migrationsDir,
        name: '20261126_init.js',
      });
      const findings = [
        {
          ruleId: 'template-lock',
          status: 'fail' as const,
          severity: 'medium' as const,
          message: 'No lock',
          evidence: [],
          remediationUrl: 'https://learn.microsoft.com/',
        },
        {
          ruleId: 'vm-boot-optimization',
          status: 'pass' as const,
          severity: 'low' as const,
          message: 'Enabled',
          evidence: [],
          remediationUrl: 'https://learn.microsoft.com/',
        },
      ];
      const withFacts = makeScorecard(SUB, 'With-Facts', {
        owner: 'group:default/Team-Images',
        subscriptionName: 'Images',
        findings,
        counts: countStatuses(findings),
        facts: {
          location: 'westeurope',
          distributions: [],
          identities: [],
          buildVmIdentities: [],
          lastRun: { runState: 'Succeeded', endTime: '2026-11-19T10:00:00Z' },
        },
      });
      const old = makeScorecard(SUB, 'old', { location: undefined });
      for (const scorecard of [withFacts, old]) {
        await knex('aib_scorecards').insert({
          template_id: scorecard.templateId,
          entity_ref: scorecard.entityRef,
          source_id: 'src',
          subscription_id: SUB,
          owner: scorecard.owner,
          template_name: scorecard.templateName,
          score: scorecard.score,
          scorecard: JSON.stringify(scorecard),
          scanned_at: new Date(scorecard.scannedAt),
          updated_at: new Date(),
        });
      }
      await knex('aib_scorecards').insert({
        template_id: '/subscriptions/s/resourcegroups/rg/providers/x/y/broken',
        entity_ref: 'resource:default/broken',
        source_id: 'src',
        subscription_id: SUB,
        owner: 'group:default/a',
        template_name: 'broken',
        scorecard: 'not json',
        updated_at: new Date(),
      });

      await knex.migrate.latest({ directory: migrationsDir });

      // What the migration derived is what the store writes for the same scorecards.
      const store = await DatabaseScorecardStore.create({
        database: mockServices.database({ knex }),
      });
      const listed = await store.listTemplates({
        owners: ['group:default/team-images'],
      });
      const rows = async () =>
        knex('aib_scorecards')
          .whereNot('template_name', 'broken')
          .orderBy('template_id')
          .select(['template_id', 'owner', ...LISTING_COLUMNS]);
      const findingRows = async () =>
        knex('aib_findings').orderBy(['template_id', 'rule_id']);
      const backfilled = { rows: await rows(), findings: await findingRows() };
      expect(listed.items).toMatchObject([
        {
          templateName: 'old',
          owner: 'group:default/team-images',
          statuses: { 'template-lock': 'fail' },
        },
        {
          templateName: 'With-Facts',
          owner: 'group:default/Team-Images',
          subscriptionName: 'Images',
          location: 'westeurope',
          lastRunState: 'Succeeded',
          lastRunTime: '2026-11-19T10:00:00.000Z',
          statuses: {
            'template-lock': 'fail',
            'vm-boot-optimization': 'pass',
          },
        },
      ]);
      expect(listed.items[0]).not.toHaveProperty('location');

      // A row whose scorecard cannot be read is left out of the list, not an error.
      await expect(store.listTemplates({})).resolves.toMatchObject({
        items: [{ templateName: 'old' }, { templateName: 'With-Facts' }],
      });

      await store.replaceSubscription('src', SUB, [withFacts, old]);
      await expect(
        store.listTemplates({ owners: ['group:default/team-images'] }),
      ).resolves.toEqual(listed);
      expect({ rows: await rows(), findings: await findingRows() }).toEqual(
        backfilled,
      );
    },
  );
});
