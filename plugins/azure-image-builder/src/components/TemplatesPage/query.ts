import {
  FINDING_STATUSES,
  FindingStatus,
  TemplateListQuery,
  TemplateSortKey,
} from '@aib-scorecards/plugin-azure-image-builder-common';

/** Rows per page unless the URL or the extension config says otherwise. */
export const DEFAULT_PAGE_SIZE = 25;
/** The backend's maximum `limit`. */
export const MAX_PAGE_SIZE = 500;

const SORT_KEYS: readonly TemplateSortKey[] = [
  'name',
  'score',
  'owner',
  'subscription',
  'location',
  'lastRun',
  'fail',
];

function nonEmpty(values: string[]): string[] | undefined {
  const kept = values.map(v => v.trim()).filter(Boolean);
  return kept.length ? [...new Set(kept)] : undefined;
}

function integer(value: string | null): number | undefined {
  if (value === null || !/^\d+$/.test(value)) return undefined;
  return Number(value);
}

/**
 * Reads the page's filters from the URL. The parameters are the API's (`owner` repeated, `rule`,
 * `status`, `q`, `sort`, `order`, `offset`, `limit`), so a shared link is the query itself;
 * values the API would reject are dropped rather than sent.
 */
export function parseTemplateQuery(
  params: URLSearchParams,
  defaultLimit: number = DEFAULT_PAGE_SIZE,
): TemplateListQuery {
  const query: TemplateListQuery = {};
  const owner = nonEmpty(params.getAll('owner'));
  if (owner) query.owner = owner;
  const subscription = nonEmpty(params.getAll('subscription'));
  if (subscription) query.subscription = subscription;
  const rule = params.get('rule')?.trim();
  if (rule) query.rule = rule;
  const status = params.get('status');
  if (status && FINDING_STATUSES.includes(status as FindingStatus)) {
    query.status = status as FindingStatus;
  }
  const q = params.get('q')?.trim();
  if (q) query.q = q;
  const sort = params.get('sort');
  if (sort && SORT_KEYS.includes(sort as TemplateSortKey)) {
    query.sort = sort as TemplateSortKey;
    query.order = params.get('order') === 'desc' ? 'desc' : 'asc';
  }
  const limit = integer(params.get('limit'));
  query.limit =
    limit !== undefined && limit >= 1 && limit <= MAX_PAGE_SIZE
      ? limit
      : defaultLimit;
  // Pages start at multiples of the page size, so the pager can show "page n".
  const offset = integer(params.get('offset')) ?? 0;
  query.offset = offset - (offset % query.limit);
  return query;
}

/** The URL parameters of a query; defaults (first page, default page size) are left out. */
export function toSearchParams(
  query: TemplateListQuery,
  defaultLimit: number = DEFAULT_PAGE_SIZE,
): URLSearchParams {
  const params = new URLSearchParams();
  for (const owner of query.owner ?? []) params.append('owner', owner);
  for (const sub of query.subscription ?? []) {
    params.append('subscription', sub);
  }
  if (query.rule) params.set('rule', query.rule);
  if (query.status) params.set('status', query.status);
  if (query.q) params.set('q', query.q);
  if (query.sort) {
    params.set('sort', query.sort);
    params.set('order', query.order ?? 'asc');
  }
  if (query.offset) params.set('offset', String(query.offset));
  if (query.limit && query.limit !== defaultLimit) {
    params.set('limit', String(query.limit));
  }
  return params;
}

/** True when any filter (not sorting or paging) is set. */
export function hasFilters(query: TemplateListQuery): boolean {
  return Boolean(
    query.owner?.length ||
      query.subscription?.length ||
      query.rule ||
      query.status ||
      query.q,
  );
}
