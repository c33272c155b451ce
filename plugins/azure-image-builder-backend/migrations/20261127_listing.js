/*
 * What the browse page, the rule summary and team rollups filter, sort and page on, in SQL:
 *
 * aib_scorecards gets sort and filter columns (lower-cased where compared or sorted as text), the
 * counts per status that are sorted or filtered on, the last run, and `summary`: the row of the
 * template list as JSON (a scorecard without its findings), so a page is read without parsing
 * whole scorecards. `owner` becomes lower-cased, like `entity_ref`.
 *
 * aib_findings: one row per finding (template, rule, status, severity), kept in step with
 * aib_scorecards by the store: it answers filters on rules and statuses and counts per rule.
 * `open_findings` on aib_scorecards holds the fail, warn, unknown and waived findings without
 * their evidence, for team lists of findings that would otherwise parse whole scorecards.
 *
 * Existing rows are backfilled here from their stored scorecard JSON. Scorecards stored before
 * template facts existed have no last run until the next scan rewrites them.
 */

const SCORECARDS = 'aib_scorecards';
const FINDINGS = 'aib_findings';
const STATUSES = [
  'fail',
  'warn',
  'unknown',
  'pass',
  'not-applicable',
  'waived',
];
const OPEN_STATUSES = ['fail', 'warn', 'unknown', 'waived'];
const BATCH = 200;

function isoOrUndefined(value) {
  if (typeof value !== 'string' || !value) return undefined;
  const time = Date.parse(value);
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}

function lower(value) {
  return typeof value === 'string' && value ? value.toLowerCase() : null;
}

/** The listing columns and findings of a stored scorecard (the store derives the same). */
function derive(scorecard) {
  const counts = {};
  for (const status of STATUSES) {
    counts[status] = Number(scorecard.counts?.[status] ?? 0);
  }
  const findings = new Map();
  for (const f of Array.isArray(scorecard.findings) ? scorecard.findings : []) {
    findings.set(f.ruleId, f);
  }
  const statuses = {};
  for (const f of findings.values()) statuses[f.ruleId] = f.status;
  const location = scorecard.location ?? scorecard.facts?.location;
  const run = scorecard.facts?.lastRun;
  const lastRunTime =
    isoOrUndefined(run?.endTime) ?? isoOrUndefined(run?.startTime);
  const summary = {
    templateId: scorecard.templateId,
    resourceId: scorecard.resourceId,
    templateName: scorecard.templateName,
    entityRef: scorecard.entityRef,
    owner: scorecard.owner,
    subscriptionId: scorecard.subscriptionId,
    ...(scorecard.subscriptionName
      ? { subscriptionName: scorecard.subscriptionName }
      : {}),
    resourceGroup: scorecard.resourceGroup,
    ...(location ? { location } : {}),
    score: scorecard.score ?? null,
    counts,
    ...(run?.runState ? { lastRunState: run.runState } : {}),
    ...(lastRunTime ? { lastRunTime } : {}),
    scannedAt: scorecard.scannedAt,
    statuses,
  };
  return {
    columns: {
      owner: lower(scorecard.owner) ?? '',
      summary: JSON.stringify(summary),
      name_key: lower(scorecard.templateName) ?? '',
      resource_group: lower(scorecard.resourceGroup),
      location: lower(location),
      subscription_name: scorecard.subscriptionName ?? null,
      subscription_key:
        lower(scorecard.subscriptionName) ??
        lower(scorecard.subscriptionId) ??
        '',
      fail_count: counts.fail,
      warn_count: counts.warn,
      unknown_count: counts.unknown,
      pass_count: counts.pass,
      last_run_state: run?.runState ?? null,
      last_run_time: lastRunTime ? new Date(lastRunTime) : null,
      open_findings: JSON.stringify(
        [...(Array.isArray(scorecard.findings) ? scorecard.findings : [])]
          .filter(f => OPEN_STATUSES.includes(f.status))
          .map(({ evidence: _evidence, ...rest }) => rest),
      ),
    },
    findings: [...findings.values()].map(f => ({
      rule_id: f.ruleId,
      status: f.status,
      severity: f.severity,
    })),
  };
}

async function backfill(knex) {
  let after = '';
  for (;;) {
    const rows = await knex(SCORECARDS)
      .where('template_id', '>', after)
      .orderBy('template_id')
      .limit(BATCH)
      .select('template_id', 'scorecard');
    if (rows.length === 0) return;
    for (const row of rows) {
      let scorecard;
      try {
        scorecard = JSON.parse(row.scorecard);
      } catch {
        continue; // unreadable: the next scan rewrites it
      }
      if (typeof scorecard !== 'object' || scorecard === null) continue;
      const { columns, findings } = derive(scorecard);
      await knex(SCORECARDS)
        .where('template_id', row.template_id)
        .update(columns);
      if (findings.length > 0) {
        await knex(FINDINGS).insert(
          findings.map(f => ({ template_id: row.template_id, ...f })),
        );
      }
    }
    after = rows[rows.length - 1].template_id;
  }
}

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.alterTable(SCORECARDS, table => {
    table
      .text('summary')
      .nullable()
      .comment(
        'The template list row as JSON: the scorecard without findings, with the status per rule',
      );
    table
      .string('name_key', 512)
      .nullable()
      .comment('template_name lower-cased, to search and sort by');
    table.string('resource_group', 255).nullable().comment('Lower-cased');
    table.string('location', 255).nullable().comment('Lower-cased');
    table.string('subscription_name', 512).nullable();
    table
      .string('subscription_key', 512)
      .nullable()
      .comment('The subscription name (else id) lower-cased, to sort by');
    table.integer('fail_count').notNullable().defaultTo(0);
    table.integer('warn_count').notNullable().defaultTo(0);
    table.integer('unknown_count').notNullable().defaultTo(0);
    table.integer('pass_count').notNullable().defaultTo(0);
    table
      .string('last_run_state', 64)
      .nullable()
      .comment('lastRunStatus.runState of the template');
    table
      .timestamp('last_run_time', { useTz: true })
      .nullable()
      .comment('End (else start) of the last run');
    table
      .text('open_findings')
      .nullable()
      .comment(
        'JSON: the fail, warn, unknown and waived findings, without evidence',
      );
    table.index(['name_key'], 'aib_scorecards_name_key_idx');
    table.index(['subscription_id'], 'aib_scorecards_subscription_idx');
    table.index(['score'], 'aib_scorecards_score_idx');
  });

  await knex.schema.createTable(FINDINGS, table => {
    table.comment('One row per finding of each stored scorecard');
    table
      .string('template_id', 512)
      .notNullable()
      .references('template_id')
      .inTable(SCORECARDS)
      .onDelete('CASCADE');
    table.string('rule_id', 255).notNullable();
    table.string('status', 32).notNullable();
    table.string('severity', 16).notNullable();
    table.primary(['template_id', 'rule_id'], 'aib_findings_pkey');
    // Counts per rule and status read this index alone. Filters look findings up by template
    // (the primary key); an index led by status would make SQLite scan every failing finding.
    table.index(['rule_id', 'status'], 'aib_findings_rule_status_idx');
  });

  await knex(SCORECARDS).update({ owner: knex.raw('lower(owner)') });
  await backfill(knex);
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable(FINDINGS);
  await knex.schema.alterTable(SCORECARDS, table => {
    table.dropIndex(['name_key'], 'aib_scorecards_name_key_idx');
    table.dropIndex(['subscription_id'], 'aib_scorecards_subscription_idx');
    table.dropIndex(['score'], 'aib_scorecards_score_idx');
  });
  await knex.schema.alterTable(SCORECARDS, table => {
    table.dropColumns(
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
    );
  });
  // `owner` stays lower-cased: the scorecard JSON keeps the owner as it was written.
};
