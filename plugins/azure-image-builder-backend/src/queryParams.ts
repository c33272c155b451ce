import {
  FINDING_STATUSES,
  FindingStatus,
  TemplateSortKey,
} from '@aib-scorecards/plugin-azure-image-builder-common';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { z } from 'zod';

/** Most values of a repeated parameter (`owner=a&owner=b`). */
const MAX_VALUES = 100;
/** Most templates on one page of `GET /templates`. */
export const MAX_LIMIT = 500;
export const DEFAULT_LIMIT = 50;

const SORT_KEYS: [TemplateSortKey, ...TemplateSortKey[]] = [
  'name',
  'score',
  'owner',
  'subscription',
  'location',
  'lastRun',
  'fail',
];

/** A parameter given once: a second one (or `x[k]=`) makes it an array or object: refused. */
function once<T extends z.ZodTypeAny>(schema: T) {
  return z
    .custom<unknown>(value => typeof value !== 'object' || value === null, {
      message: 'must be given once',
    })
    .pipe(schema);
}

/** A repeatable parameter: `x=a` is `[a]`, `x=a&x=b` is `[a, b]`. */
function repeated<T extends z.ZodTypeAny>(item: T) {
  return z.preprocess(
    value => (typeof value === 'string' ? [value] : value),
    z
      .array(item, {
        invalid_type_error: 'must be repeated parameters (x=a&x=b)',
      })
      .max(MAX_VALUES, { message: `must have at most ${MAX_VALUES} values` }),
  );
}

/** An owner as Backstage writes refs (`team-a` is `group:default/team-a`), lower-cased. */
const ownerRef = z
  .string()
  .min(1)
  .max(512)
  .transform((value, ctx) => {
    try {
      return stringifyEntityRef(
        parseEntityRef(value, {
          defaultKind: 'group',
          defaultNamespace: 'default',
        }),
      ).toLowerCase();
    } catch {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        message: `"${value}" is not an entity ref`,
      });
      return z.NEVER;
    }
  });

const subscriptionId = z
  .string()
  .max(255)
  .regex(/^[A-Za-z0-9._-]+$/, { message: 'must be a subscription id' });

const wholeNumber = (max: number) =>
  z
    .string()
    .regex(/^\d{1,9}$/, { message: 'must be a whole number' })
    .transform(Number)
    .pipe(z.number().max(max, { message: `must be at most ${max}` }));

/** The filters of the template list, the CSV export and the rule summary. */
const filterShape = {
  owner: repeated(ownerRef).optional(),
  subscription: repeated(subscriptionId).optional(),
};

/** `GET /templates` and `GET /templates/export.csv` (which ignores `offset` and `limit`). */
export const templateListQuery = z
  .object({
    ...filterShape,
    rule: once(
      z
        .string()
        .max(100)
        .regex(/^[A-Za-z0-9._-]+$/, { message: 'must be a rule id' }),
    ).optional(),
    status: once(
      z.enum(FINDING_STATUSES as [FindingStatus, ...FindingStatus[]]),
    ).optional(),
    q: once(z.string().max(200))
      .transform(q => q.trim() || undefined)
      .optional(),
    sort: once(z.enum(SORT_KEYS)).optional(),
    order: once(z.enum(['asc', 'desc'])).optional(),
    offset: once(wholeNumber(100_000_000)).optional(),
    limit: once(
      wholeNumber(MAX_LIMIT).pipe(
        z.number().min(1, { message: 'must be at least 1' }),
      ),
    ).optional(),
  })
  .strict();

/** Most runs `GET /scans` answers with. */
export const MAX_SCAN_RUNS = 500;
export const DEFAULT_SCAN_RUNS = 50;

/** `GET /scans`. */
export const scanHistoryQuery = z
  .object({
    source: once(
      z
        .string()
        .max(100)
        .regex(/^[A-Za-z0-9._-]+$/, { message: 'must be a source id' }),
    ).optional(),
    limit: once(
      wholeNumber(MAX_SCAN_RUNS).pipe(
        z.number().min(1, { message: 'must be at least 1' }),
      ),
    ).optional(),
  })
  .strict();

/** `GET /rules/summary`. */
export const ruleSummaryQuery = z.object(filterShape).strict();

/** Parses input with a schema; what is wrong becomes one `InputError` naming every field. */
export function parse<T>(
  schema: z.ZodType<T, z.ZodTypeDef, unknown>,
  input: unknown,
  what: string,
): T {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const details = parsed.error.issues
      .map(issue => {
        const field = issue.path.join('.');
        if (issue.code === z.ZodIssueCode.unrecognized_keys) {
          return `unknown parameter ${issue.keys.join(', ')}`;
        }
        return `${field || what} ${issue.message}`;
      })
      .join('; ');
    throw new InputError(`Invalid ${what}: ${details}`);
  }
  return parsed.data;
}
