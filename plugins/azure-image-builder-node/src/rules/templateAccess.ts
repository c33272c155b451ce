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
  const doubts: Doubt[] = [];
  for (const list of [at, above]) {
    for (const a of list)
      if (hasUnknownRole(a)) doubts.push(unknownRoleDoubt(a));
  }
  return freezeOutcome(
    judgeWithDoubts(WHAT, doubts, assume =>
      judge(at, above, assume, maxPrincipals, allowed),
    ),
  );
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

/** The holders of template-write among the covering assignments (`at`, then `above`). */
function judge(
  at: readonly IndexedRoleAssignment[],
  above: readonly IndexedRoleAssignment[],
  assume: Assumption,
  maxPrincipals: number,
  allowed: ReadonlySet<string> | undefined,
): RuleOutcome {
  const evidence: Evidence[] = [];
  // The first holder of each principal, in order; and of each holding it through a wide scope.
  const first: IndexedRoleAssignment[] = [];
  const principals = new Set<string>();
  const wide: IndexedRoleAssignment[] = [];
  let wideSeen: Set<string> | undefined;
  for (const list of [at, above]) {
    for (const a of list) {
      if (!hasRoleClass(a, 'template-write', assume)) continue;
      const key = a.principalKey;
      evidence.push(evidenceOf(a, !allowed || allowed.has(key)));
      if (!principals.has(key)) {
        principals.add(key);
        first.push(a);
      }
      if (isWideScope(a.scopeKind)) {
        wideSeen ??= new Set();
        if (!wideSeen.has(key)) {
          wideSeen.add(key);
          wide.push(a);
        }
      }
    }
  }

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
  if (principals.size > maxPrincipals) {
    problems.push(
      `${principals.size} principals hold it, more than maxPrincipals (${maxPrincipals})`,
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
      principals.size === 0
        ? 'No principal holds template-write (write, delete or run) through the template, its resource group or above'
        : `${
            principals.size
          } principal(s) can change, delete or run the template, all granted at the template or its resource group: ${listForMessage(
            first.map(describeGrant),
          )}`,
    evidence,
  };
}
