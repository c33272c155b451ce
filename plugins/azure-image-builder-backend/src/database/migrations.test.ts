import { TestDatabases } from '@backstage/backend-test-utils';
import { resolvePackagePath } from '@backstage/backend-plugin-api';

jest.setTimeout(60_000);

const migrationsDir = resolvePackagePath(
  '@aib-scorecards/plugin-azure-image-builder-backend',
  'migrations',
);

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

      await knex.migrate.rollback({ directory: migrationsDir }, true);
      expect(await knex.schema.hasTable('aib_scorecards')).toBe(false);
      expect(await knex.schema.hasTable('aib_scan_runs')).toBe(false);

      // And up again after a full rollback.
      await knex.migrate.latest({ directory: migrationsDir });
      expect(await knex.schema.hasTable('aib_scorecards')).toBe(true);
    },
  );
});
