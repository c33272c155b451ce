/*
 * Initial schema of the azure-image-builder backend plugin.
 *
 * aib_scorecards: the latest scorecard of every image template (one row per template).
 * aib_scan_runs: one row per scan of a configured source.
 */

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.createTable('aib_scorecards', table => {
    table.comment(
      'The latest scorecard of each Azure VM Image Builder template',
    );
    table
      .string('template_id', 512)
      .primary()
      .notNullable()
      .comment('The ARM resource id of the template, lower-cased');
    table
      .string('entity_ref', 512)
      .notNullable()
      .comment('The catalog entity of the template, lower-cased');
    table
      .string('source_id', 255)
      .notNullable()
      .comment('The configured source the template was read from');
    table
      .string('subscription_id', 255)
      .notNullable()
      .comment('The subscription of the template, lower-cased');
    table.string('owner', 512).notNullable().comment('Owner entity ref');
    table.string('template_name', 512).notNullable();
    table
      .integer('score')
      .nullable()
      .comment('0-100, null when no rule applied');
    table
      .text('scorecard')
      .notNullable()
      .comment('The whole scorecard as JSON, without its staleness');
    table
      .timestamp('scanned_at', { useTz: true })
      .nullable()
      .comment('When the data of the scorecard was captured');
    table
      .timestamp('stale_since', { useTz: true })
      .nullable()
      .comment('Set while the latest scans could not read the template');
    table.text('stale_reason').nullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
    table.index(['entity_ref'], 'aib_scorecards_entity_ref_idx');
    table.index(['owner'], 'aib_scorecards_owner_idx');
    table.index(
      ['source_id', 'subscription_id'],
      'aib_scorecards_source_subscription_idx',
    );
  });

  await knex.schema.createTable('aib_scan_runs', table => {
    table.comment('One row per scan of a configured source');
    table.increments('id').primary();
    table.string('source_id', 255).notNullable();
    table.timestamp('started_at', { useTz: true }).notNullable();
    table.timestamp('finished_at', { useTz: true }).notNullable();
    table.string('status', 16).notNullable().comment('ok, partial or failed');
    table
      .integer('template_count')
      .notNullable()
      .defaultTo(0)
      .comment('Templates scored by the run');
    table.text('error').nullable().comment('Why the run was not ok');
    table.index(['source_id', 'started_at'], 'aib_scan_runs_source_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('aib_scan_runs');
  await knex.schema.dropTable('aib_scorecards');
};
