import { Evidence } from '@aib-scorecards/plugin-azure-image-builder-common';
import { parseArmId } from '../engine/armId';
import { IndexedRoleAssignment, RoleClass } from '../engine/rbac';
import { NOT_COLLECTED } from '../engine/SnapshotIndex';
import { Doubt, judgeWithDoubts, listForMessage } from './doubts';
import { Memo } from './memo';
import {
  classWords,
  describeGrant,
  describeScope,
  firstPerPrincipal,
  frozenGrantEvidence,
  hasRoleClass,
  hasUnknownRole,
  isWideScope,
  unknownRoleDoubt,
} from './roleGrants';
import { readPrincipalIdsOption } from './ruleOptions';
import {
  identityName,
  readStagingGroup,
  readTemplateIdentities,
  resolveIdentityPrincipal,
  StagingGroup,
} from './templateIdentities';
import { RuleOutcome } from './types';
import { defineRule, equalsIgnoreCase, unknownCollection } from './util';

const RULE_ID = 'staging-resource-group-access';
const WHAT = 'Who can write to the staging resource group';
const WRITER_CLASSES: readonly RoleClass[] = ['broad-write', 'access-admin'];
const grantEvidenceMemo = new Memo<IndexedRoleAssignment, Evidence>();

/**
 * RULES.md #8: no principal but the template identity (and configured `allowedPrincipals`) holds
 * broad-write or access-admin on the staging resource group, and the template sets that group.
 * @public
 */
export const stagingResourceGroupAccessRule = defineRule(RULE_ID, context => {
  const { template, index } = context;
  const allowed = readPrincipalIdsOption(
    context.options,
    'allowedPrincipals',
    RULE_ID,
  );
  const staging = readStagingGroup(template);
  if (staging.kind === 'unknown') {
    return {
      status: 'unknown',
      message: `${WHAT} is unknown: ${staging.reason}`,
      evidence: staging.evidence,
    };
  }
  const group = staging.group;

  // The staging group is in the template's subscription; look its own up should it name another.
  const subscriptionId = parseArmId(group.id).subscriptionId!;
  const subscription = equalsIgnoreCase(
    subscriptionId,
    context.subscription.subscriptionId,
  )
    ? context.subscription
    : index.getSubscription(subscriptionId);
  if (!subscription) {
    return {
      status: 'unknown',
      message: `${WHAT} is unknown: it is in subscription ${subscriptionId}, which is not in the snapshot`,
      evidence: [
        { path: group.path, observed: group.id },
        { collection: 'roleAssignments', code: NOT_COLLECTED },
      ],
    };
  }
  const groupContext = { ...context, subscription };
  if (!Array.isArray(subscription.roleAssignments)) {
    return unknownCollection(groupContext, 'roleAssignments', WHAT);
  }
  if (!Array.isArray(subscription.roleDefinitions)) {
    return unknownCollection(groupContext, 'roleDefinitions', WHAT);
  }

  // The template identity is expected to write there (Contributor): it is not a writer.
  const doubts: Doubt[] = [];
  const identityPrincipals = new Set<string>();
  let identityUnknown = false;
  const identities = readTemplateIdentities(template);
  if (identities.kind === 'expression') {
    identityUnknown = true;
    doubts.push({
      summary: `${identities.path} is an unresolved template expression`,
      evidence: { path: identities.path, observed: identities.value },
    });
  } else if (identities.kind === 'some') {
    for (const identity of identities.identities) {
      const resolved = resolveIdentityPrincipal(context, identity);
      if ('principalId' in resolved) {
        identityPrincipals.add(resolved.principalId.toLowerCase());
      } else {
        identityUnknown = true;
        doubts.push(resolved.doubt);
      }
    }
  }

  const { rbac } = index;
  const assignments = [
    ...(rbac.assignmentsWithinResourceGroup(subscription, group.id) ?? []),
    ...(rbac.assignmentsCovering(subscription, group.id) ?? []).filter(a =>
      isWideScope(a.scopeKind),
    ),
  ].filter(a => {
    const principal = a.principalId.toLowerCase();
    return !identityPrincipals.has(principal) && !allowed?.has(principal);
  });
  doubts.push(...assignments.filter(hasUnknownRole).map(unknownRoleDoubt));

  return judgeWithDoubts(WHAT, doubts, assume => {
    const writers = assignments.filter(
      a =>
        (hasRoleClass(a, 'broad-write', assume) ||
          hasRoleClass(a, 'access-admin', assume)) &&
        // Under the best assumption an identity whose principal is unknown is any service principal.
        !(assume === 'best' && identityUnknown && couldBeIdentity(a)),
    );
    return judge(group, writers, allowed !== undefined);
  });
});

/** A managed identity is a service principal; an assignment without a type could be one. */
function couldBeIdentity(assignment: IndexedRoleAssignment): boolean {
  return (
    assignment.principalType === undefined ||
    equalsIgnoreCase(assignment.principalType, 'ServicePrincipal')
  );
}

function judge(
  group: StagingGroup,
  writers: IndexedRoleAssignment[],
  hasAllowed: boolean,
): RuleOutcome {
  const name = identityName(group.id);
  const evidence: Evidence[] = [
    { path: group.path, observed: group.id },
    // The note depends on the assignment only: shared between templates.
    ...writers.map(a =>
      grantEvidenceMemo.get(a, [], () =>
        frozenGrantEvidence(
          a,
          `${classWords(a, WRITER_CLASSES)} at ${describeScope(a)}`,
        ),
      ),
    ),
  ];
  const others = hasAllowed
    ? 'other than the template identity and allowedPrincipals'
    : 'other than the template identity';

  const atGroup = firstPerPrincipal(
    writers.filter(a => !isWideScope(a.scopeKind)),
  );
  if (atGroup.length > 0) {
    return {
      status: 'fail',
      message: `${
        atGroup.length
      } principal(s) ${others} can write to staging resource group '${name}' through assignments at the group or below: ${listForMessage(
        atGroup.map(describeGrant),
      )}`,
      evidence,
    };
  }

  const problems: string[] = [];
  const inherited = firstPerPrincipal(writers);
  if (inherited.length > 0) {
    problems.push(
      `${
        inherited.length
      } principal(s) ${others} can write to it through subscription, management group or root assignments: ${listForMessage(
        inherited.map(describeGrant),
      )}`,
    );
  }
  if (!group.configured) {
    problems.push(
      `properties.stagingResourceGroup is not set, so the service creates '${name}' for the build and its access cannot be set up in advance`,
    );
  }
  if (problems.length > 0) {
    return {
      status: 'warn',
      message: `Staging resource group '${name}': ${problems.join('; ')}`,
      evidence,
    };
  }
  return {
    status: 'pass',
    message: `No principal ${others} can write to staging resource group '${name}'`,
    evidence,
  };
}
