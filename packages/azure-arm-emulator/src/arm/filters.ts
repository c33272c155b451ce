import type { ArmError } from './armErrors';

/** The `$filter` clauses the emulator understands. */
export type FilterClause =
  | 'atScope'
  | 'principalId'
  | 'assignedTo'
  | 'roleName'
  | 'type';

/** A parsed `$filter`; clauses are joined by `and`. */
export interface ParsedFilter {
  atScope: boolean;
  /** From `principalId eq '…'` or `assignedTo('…')` (group membership is not emulated). */
  principalId?: string;
  roleName?: string;
  /** `BuiltInRole` or `CustomRole`. */
  type?: string;
}

const CLAUSES: Array<[FilterClause, RegExp]> = [
  ['atScope', /^atScope\(\)$/i],
  ['principalId', /^principalId\s+eq\s+'([^']*)'$/i],
  ['assignedTo', /^assignedTo\('([^']*)'\)$/i],
  ['roleName', /^roleName\s+eq\s+'([^']*)'$/i],
  ['type', /^type\s+eq\s+'([^']*)'$/i],
];

/**
 * Parses an (already URL-decoded) `$filter`. A clause the route does not take answers 400, so a
 * collector relying on an unsupported filter finds out in tests rather than getting unfiltered data.
 */
export function parseFilter(
  filter: string | null,
  allowed: readonly FilterClause[],
): ParsedFilter | ArmError {
  const parsed: ParsedFilter = { atScope: false };
  if (filter === null || filter.trim() === '') return parsed;
  for (const raw of filter.trim().split(/\s+and\s+/i)) {
    const clause = raw.trim();
    const known = CLAUSES.find(
      ([name, pattern]) => allowed.includes(name) && pattern.test(clause),
    );
    if (!known) {
      return {
        status: 400,
        code: 'BadRequest',
        message: `azure-arm-emulator does not support the $filter clause "${clause}" here (supported: ${allowed.join(
          ', ',
        )}).`,
      };
    }
    const value = known[1].exec(clause)?.[1];
    switch (known[0]) {
      case 'atScope':
        parsed.atScope = true;
        break;
      case 'principalId':
      case 'assignedTo':
        parsed.principalId = value;
        break;
      case 'roleName':
        parsed.roleName = value;
        break;
      case 'type':
        parsed.type = value;
        break;
      default:
        break;
    }
  }
  return parsed;
}

/** Whether a `parseFilter` result is an error. */
export function isFilterError(
  result: ParsedFilter | ArmError,
): result is ArmError {
  return 'status' in result;
}
