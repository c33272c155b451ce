import { FindingStatus } from '@aib-scorecards/plugin-azure-image-builder-common';
import { Knex } from 'knex';
import { TemplateFilter, TemplateSort } from './ScorecardStore';

export const SCORECARDS = 'aib_scorecards';
export const FINDINGS = 'aib_findings';

/** How one sort key orders rows: a column, whether it is text, whether it may be null. */
const SORT_COLUMNS: Record<
  NonNullable<TemplateSort['sort']>,
  { column: string; text?: boolean; nullable?: boolean }
> = {
  name: { column: 's.name_key', text: true },
  score: { column: 's.score', nullable: true },
  owner: { column: 's.owner', text: true },
  subscription: { column: 's.subscription_key', text: true },
  location: { column: 's.location', text: true, nullable: true },
  lastRun: { column: 's.last_run_time', nullable: true },
  fail: { column: 's.fail_count' },
};

const STATUS_COUNT_COLUMNS: Partial<Record<FindingStatus, string>> = {
  fail: 's.fail_count',
  warn: 's.warn_count',
  unknown: 's.unknown_count',
  pass: 's.pass_count',
};

/** `%`, `_` and the escape character itself match literally in a LIKE pattern. */
function likePattern(text: string): string {
  return `%${text.toLowerCase().replace(/[!%_]/g, c => `!${c}`)}%`;
}

function isPostgres(db: Knex): boolean {
  return ['pg', 'postgres', 'postgresql'].includes(
    String(db.client.config.client),
  );
}

/** Whether a filter selects every template. */
export function isEmptyFilter(filter: TemplateFilter): boolean {
  return (
    !filter.owners?.length &&
    !filter.subscriptions?.length &&
    filter.rule === undefined &&
    filter.status === undefined &&
    !filter.q
  );
}

/**
 * Narrows a query over `aib_scorecards as s` to the templates of a filter. Every text compared
 * is lower-cased on both sides (the columns are stored lower-cased).
 */
export function applyTemplateFilter(
  query: Knex.QueryBuilder,
  filter: TemplateFilter,
): Knex.QueryBuilder {
  if (filter.owners && filter.owners.length > 0) {
    query.whereIn(
      's.owner',
      filter.owners.map(o => o.toLowerCase()),
    );
  }
  if (filter.subscriptions && filter.subscriptions.length > 0) {
    query.whereIn(
      's.subscription_id',
      filter.subscriptions.map(s => s.toLowerCase()),
    );
  }
  const { rule, status } = filter;
  const countColumn =
    rule === undefined && status !== undefined
      ? STATUS_COUNT_COLUMNS[status]
      : undefined;
  if (countColumn) {
    // A status alone that has a count column needs no lookup in the findings table.
    query.where(countColumn, '>', 0);
  } else if (rule !== undefined || status !== undefined) {
    query.whereExists(function findingExists(this: Knex.QueryBuilder) {
      this.select('fx.template_id')
        .from(`${FINDINGS} as fx`)
        .whereRaw('fx.template_id = s.template_id');
      if (rule !== undefined) this.andWhere('fx.rule_id', rule);
      if (status !== undefined) this.andWhere('fx.status', status);
    });
  }
  if (filter.q) {
    const pattern = likePattern(filter.q);
    query.where(inner => {
      for (const column of [
        's.name_key',
        's.resource_group',
        's.location',
        's.owner',
      ]) {
        inner.orWhereRaw(`?? like ? escape '!'`, [column, pattern]);
      }
    });
  }
  return query;
}

/**
 * Orders a query over `aib_scorecards as s`. Nulls (no score, no run, no location) come last in
 * either direction; ties are broken by name, then id, so pages never overlap. Text is compared
 * byte-wise on PostgreSQL too (`COLLATE "C"`), as SQLite does, so both order alike.
 */
export function applyTemplateSort(
  db: Knex,
  query: Knex.QueryBuilder,
  sort: TemplateSort,
): Knex.QueryBuilder {
  const key = SORT_COLUMNS[sort.sort ?? 'name'];
  const direction = sort.order === 'desc' ? 'desc' : 'asc';
  const collate = isPostgres(db) ? ' collate "C"' : '';
  const text = (column: string) => `${column}${collate}`;
  if (key.nullable) {
    query.orderByRaw(`(${key.column} is null) asc`);
  }
  query.orderByRaw(`${key.text ? text(key.column) : key.column} ${direction}`);
  if (key.column !== 's.name_key') {
    query.orderByRaw(`${text('s.name_key')} asc`);
  }
  return query.orderByRaw(`${text('s.template_id')} asc`);
}
