import { IndexedRoleAssignment } from '../engine/rbac';
import { Evidence } from '@aib-scorecards/plugin-azure-image-builder-common';
import { judgeWithDoubts, listForMessage } from './doubts';
import { freezeOutcome, Memo } from './memo';
import {
  describeGrant,
  describeScope,
  firstPerPrincipal,
  frozenGrantEvidence,
  hasRoleClass,
  hasUnknownRole,
  isWideScope,
  unknownRoleDoubt,
} from './roleGrants';
import { readIntegerOption, readPrincipalIdsOption } from './ruleOptions';
import { RuleOutcome } from './types';
import { SnapshotIndex } from '../engine/SnapshotIndex';
import { defineRule, unknownCollection } from './util';

const RULE_ID = 'template-access';
const WHAT = 'Who can change the template';
const DEFAULT_MAX_PRINCIPALS = 5;
const NONE: readonly IndexedRoleAssignment[] = [];
/** Evidence of a holder, by assignment and whether it is allowed (see judge). */
const grantEvidenceMemo = new Memo<IndexedRoleAssignment, Evidence>();
/** Outcomes by scan, then options and covering assignments (see the rule). */
const outcomes = new Memo<SnapshotIndex, RuleOutcome>();

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
  const at = parts?.at ?? NONE;
  const above = parts?.above ?? NONE;
  // The verdict depends on the covering assignments and the options only: templates of one
  // resource group usually share them (the same lists), and then share the (frozen) outcome.
  return outcomes.get(index, [options, at, above], () => {
    const covering = [...at, ...above];
    const doubts = covering.filter(hasUnknownRole).map(unknownRoleDoubt);
    return freezeOutcome(
      judgeWithDoubts(WHAT, doubts, assume =>
        judge(
          covering.filter(a => hasRoleClass(a, 'template-write', assume)),
          maxPrincipals,
          allowed,
        ),
      ),
    );
  });
});

function judge(
  holders: IndexedRoleAssignment[],
  maxPrincipals: number,
  allowed: ReadonlySet<string> | undefined,
): RuleOutcome {
  const isAllowed = (a: IndexedRoleAssignment) =>
    !allowed || allowed.has(a.principalId.toLowerCase());
  // The note depends on the assignment and whether it is allowed: shared between templates.
  const evidence = holders.map(a => {
    const allowedHere = isAllowed(a);
    return grantEvidenceMemo.get(a, [allowedHere], () =>
      frozenGrantEvidence(
        a,
        [
          `template-write at ${describeScope(a)}`,
          isWideScope(a.scopeKind) ? 'wider than the resource group' : '',
          allowedHere ? '' : 'not in allowedPrincipals',
        ]
          .filter(Boolean)
          .join('; '),
      ),
    );
  });
  const principals = new Set(holders.map(a => a.principalId.toLowerCase()));

  const outside = firstPerPrincipal(holders.filter(a => !isAllowed(a)));
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
  const wide = firstPerPrincipal(holders.filter(a => isWideScope(a.scopeKind)));
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
            firstPerPrincipal(holders).map(describeGrant),
          )}`,
    evidence,
  };
}
