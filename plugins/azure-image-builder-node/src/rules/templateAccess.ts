import { IndexedRoleAssignment } from '../engine/rbac';
import { Evidence } from '@aib-scorecards/plugin-azure-image-builder-common';
import { Assumption, Doubt, judgeWithDoubts, listForMessage } from './doubts';
import { freezeOutcome, Memo3 } from './memo';
import {
  derivedOf,
  describeGrant,
  describeScope,
  frozenGrantEvidence,
  hasRoleClass,
  hasUnknownRole,
  isWideScope,
  unknownRoleDoubt,
} from './roleGrants';
import { readIntegerOption, readPrincipalIdsOption } from './ruleOptions';
import { RuleOutcome } from './types';
import { defineRule, unknownCollection } from './util';

const RULE_ID = 'template-access';
const WHAT = 'Who can change the template';
const DEFAULT_MAX_PRINCIPALS = 5;

const NONE: readonly IndexedRoleAssignment[] = [];
/** Outcomes by option values, then the assignments above the template and at it. */
const outcomes = new Memo3<object, object, object, RuleOutcome>();

/** One object per pair of option values (the options object may be made per template). */
const keysWithoutAllowed = new Map<number, object>();
const keysByAllowed = new WeakMap<ReadonlySet<string>, Map<number, object>>();

function optionsKey(
  maxPrincipals: number,
  allowed: ReadonlySet<string> | undefined,
): object {
  let byMax = keysWithoutAllowed;
  if (allowed) {
    byMax = keysByAllowed.get(allowed) ?? new Map<number, object>();
    if (byMax.size === 0) keysByAllowed.set(allowed, byMax);
  }
  let key = byMax.get(maxPrincipals);
  if (!key) {
    key = {};
    byMax.set(maxPrincipals, key);
  }
  return key;
}

/**
 * RULES.md #7: the principals holding template-write on the template are few and granted at the
 * template or its resource group (and, when `allowedPrincipals` is set, all in it).
 * @public
 */
export const templateAccessRule = defineRule(RULE_ID, context => {
  const { template, subscription, index, options } = context;
  const maxPrincipals = readIntegerOption(
    options,
    'maxPrincipals',
    RULE_ID,
    DEFAULT_MAX_PRINCIPALS,
  );
  const allowed = readPrincipalIdsOption(options, 'allowedPrincipals', RULE_ID);
  if (!Array.isArray(subscription.roleAssignments)) {
    return unknownCollection(context, 'roleAssignments', WHAT);
  }
  if (!Array.isArray(subscription.roleDefinitions)) {
    return unknownCollection(context, 'roleDefinitions', WHAT);
  }

  const parts = index.rbac.assignmentsCoveringParts(subscription, template.id);
  if (!parts) return verdict(NONE, NONE, maxPrincipals, allowed);
  // The verdict depends on the covering assignments and the option values only: templates of
  // one resource group usually share both lists, and then share the (frozen) outcome.
  const { at, above } = parts;
  const key = optionsKey(maxPrincipals, allowed);
  return (
    outcomes.get(key, above, at) ??
    outcomes.set(key, above, at, verdict(at, above, maxPrincipals, allowed))
  );
});

function verdict(
  at: readonly IndexedRoleAssignment[],
  above: readonly IndexedRoleAssignment[],
  maxPrincipals: number,
  allowed: ReadonlySet<string> | undefined,
): RuleOutcome {
  // The list at a template is its own: read here. The list above is shared: read once.
  const summary = summaryOf(above, allowed);
  const doubts = doubtsOf(at);
  for (const doubt of summary.doubts) doubts.push(doubt);
  return freezeOutcome(
    judgeWithDoubts(WHAT, doubts, assume =>
      judge(
        holdersIn(at, allowed, assume),
        (summary[assume] ??= holdersIn(above, allowed, assume)),
        maxPrincipals,
        allowed,
      ),
    ),
  );
}

/** The holders of template-write in a list of covering assignments, as the judge reads them. */
interface Holders {
  evidence: readonly Evidence[];
  /** The first holder of each principal, in order. */
  first: readonly IndexedRoleAssignment[];
  /** The first holder of each principal through a wide scope, in order. */
  wide: readonly IndexedRoleAssignment[];
}

/**
 * The doubts of a list above templates, and its holders by assumption: made once per list (the
 * templates of a group share it, and so do templates with assignments of their own) and allowed
 * principals.
 */
interface ListSummary {
  doubts: readonly Doubt[];
  best?: Holders;
  worst?: Holders;
}

const NO_ALLOWED = {};
const summaries = new WeakMap<
  readonly IndexedRoleAssignment[],
  Map<object, ListSummary>
>();

function summaryOf(
  list: readonly IndexedRoleAssignment[],
  allowed: ReadonlySet<string> | undefined,
): ListSummary {
  let byAllowed = summaries.get(list);
  if (!byAllowed) {
    byAllowed = new Map();
    summaries.set(list, byAllowed);
  }
  let summary = byAllowed.get(allowed ?? NO_ALLOWED);
  if (!summary) {
    summary = { doubts: doubtsOf(list) };
    byAllowed.set(allowed ?? NO_ALLOWED, summary);
  }
  return summary;
}

function doubtsOf(list: readonly IndexedRoleAssignment[]): Doubt[] {
  const doubts: Doubt[] = [];
  for (const a of list) if (hasUnknownRole(a)) doubts.push(unknownRoleDoubt(a));
  return doubts;
}

const NO_HOLDERS: Holders = Object.freeze({
  evidence: Object.freeze([]),
  first: NONE,
  wide: NONE,
});

function holdersIn(
  list: readonly IndexedRoleAssignment[],
  allowed: ReadonlySet<string> | undefined,
  assume: Assumption,
): Holders {
  if (list.length === 0) return NO_HOLDERS;
  const evidence: Evidence[] = [];
  const first: IndexedRoleAssignment[] = [];
  const wide: IndexedRoleAssignment[] = [];
  // Principals seen: a set for long lists, a look along `first` (or `wide`) for short ones.
  const seen = list.length > 8 ? new Set<string>() : undefined;
  const seenWide = list.length > 8 ? new Set<string>() : undefined;
  for (const a of list) {
    if (!hasRoleClass(a, 'template-write', assume)) continue;
    const key = a.principalKey;
    evidence.push(evidenceOf(a, !allowed || allowed.has(key)));
    if (seen ? !seen.has(key) : !holds(first, key)) {
      seen?.add(key);
      first.push(a);
    }
    if (
      isWideScope(a.scopeKind) &&
      (seenWide ? !seenWide.has(key) : !holds(wide, key))
    ) {
      seenWide?.add(key);
      wide.push(a);
    }
  }
  return { evidence, first, wide };
}

function holds(
  holders: readonly IndexedRoleAssignment[],
  principalKey: string,
): boolean {
  for (const h of holders) if (h.principalKey === principalKey) return true;
  return false;
}

/** Evidence of a holder by whether it is allowed: shared between the templates it covers. */
function evidenceOf(a: IndexedRoleAssignment, allowedHere: boolean): Evidence {
  const derived = derivedOf(a);
  const key = allowedHere ? 'holderEvidence' : 'holderEvidenceNotAllowed';
  return (derived[key] ??= frozenGrantEvidence(
    a,
    [
      `template-write at ${describeScope(a)}`,
      isWideScope(a.scopeKind) ? 'wider than the resource group' : '',
      allowedHere ? '' : 'not in allowedPrincipals',
    ]
      .filter(Boolean)
      .join('; '),
  ));
}

/** The first of each principal in `at`, then in `above` those of principals not in `at`. */
function firstOfBoth(
  at: readonly IndexedRoleAssignment[],
  above: readonly IndexedRoleAssignment[],
): readonly IndexedRoleAssignment[] {
  if (at.length === 0) return above;
  if (above.length === 0) return at;
  const both = at.slice();
  for (const a of above) if (!holds(at, a.principalKey)) both.push(a);
  return both;
}

/**
 * The holders of template-write among the covering assignments, `at` the template then `above`
 * it: as one list would be judged (the first holder of a principal is in `at` when it holds
 * there).
 */
function judge(
  at: Holders,
  above: Holders,
  maxPrincipals: number,
  allowed: ReadonlySet<string> | undefined,
): RuleOutcome {
  const evidence =
    at.evidence.length === 0
      ? above.evidence.slice()
      : [...at.evidence, ...above.evidence];
  const first = firstOfBoth(at.first, above.first);
  const wide = firstOfBoth(at.wide, above.wide);
  const principalCount = first.length;

  // Whether a holder is allowed depends on its principal only: the first holder of each
  // principal outside the list is the first of those outside.
  const outside = allowed
    ? first.filter(a => !allowed.has(a.principalKey))
    : NONE;
  if (outside.length > 0) {
    return {
      status: 'fail',
      message: `${
        outside.length
      } principal(s) outside allowedPrincipals can change, delete or run the template: ${listForMessage(
        outside.map(describeGrant),
      )}`,
      evidence,
    };
  }

  const problems: string[] = [];
  if (wide.length > 0) {
    problems.push(
      `${
        wide.length
      } principal(s) hold it through a subscription, management group or root assignment: ${listForMessage(
        wide.map(describeGrant),
      )}`,
    );
  }
  if (principalCount > maxPrincipals) {
    problems.push(
      `${principalCount} principals hold it, more than maxPrincipals (${maxPrincipals})`,
    );
  }
  if (problems.length > 0) {
    return {
      status: 'warn',
      message: `Access to change, delete or run the template is too broad: ${problems.join(
        '; ',
      )}`,
      evidence,
    };
  }
  return {
    status: 'pass',
    message:
      principalCount === 0
        ? 'No principal holds template-write (write, delete or run) through the template, its resource group or above'
        : `${principalCount} principal(s) can change, delete or run the template, all granted at the template or its resource group: ${listForMessage(
            first.map(describeGrant),
          )}`,
    evidence,
  };
}
