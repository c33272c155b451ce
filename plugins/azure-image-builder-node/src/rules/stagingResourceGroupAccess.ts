import { Evidence } from '@aib-scorecards/plugin-azure-image-builder-common';
import { IndexedRoleAssignment, RoleClass } from '../engine/rbac';
import { NOT_COLLECTED } from '../engine/SnapshotIndex';
import { Assumption, Doubt, judgeWithDoubts, listForMessage } from './doubts';
import {
  classWords,
  derivedOf,
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
  resolveIdentityPrincipal,
  stagingGroupOf,
  StagingGroup,
  templateIdentitiesOf,
} from './templateIdentities';
import { RuleOutcome } from './types';
import { defineRule, equalsIgnoreCase, unknownCollection } from './util';

const RULE_ID = 'staging-resource-group-access';
const WHAT = 'Who can write to the staging resource group';
const WRITER_CLASSES: readonly RoleClass[] = ['broad-write', 'access-admin'];
const NONE: readonly never[] = Object.freeze([]);

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
  const staging = stagingGroupOf(index, template);
  if (staging.kind === 'unknown') {
    return {
      status: 'unknown',
      message: `${WHAT} is unknown: ${staging.reason}`,
      evidence: staging.evidence(),
    };
  }
  const group = staging.group;

  // The staging group is in the template's subscription; look its own up should it name another.
  const subscriptionId = staging.subscriptionId;
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
  if (!Array.isArray(subscription.roleAssignments)) {
    return unknownCollection(
      { ...context, subscription },
      'roleAssignments',
      WHAT,
    );
  }
  if (!Array.isArray(subscription.roleDefinitions)) {
    return unknownCollection(
      { ...context, subscription },
      'roleDefinitions',
      WHAT,
    );
  }

  // The template identity is expected to write there (Contributor): it is not a writer.
  let doubts: Doubt[] | undefined;
  let identityPrincipals: string[] | undefined;
  let identityUnknown = false;
  const identities = templateIdentitiesOf(index, template);
  if (identities.kind === 'expression') {
    identityUnknown = true;
    doubts = [
      {
        summary: `${identities.path} is an unresolved template expression`,
        evidence: { path: identities.path, observed: identities.value },
      },
    ];
  } else if (identities.kind === 'some') {
    for (const identity of identities.identities) {
      const principalId =
        identity.principalId ??
        index.rbac.identityPrincipalId(identity.id) ??
        undefined;
      if (principalId !== undefined) {
        (identityPrincipals ??= []).push(principalId.toLowerCase());
        continue;
      }
      const resolved = resolveIdentityPrincipal(context, identity);
      if ('principalId' in resolved) {
        (identityPrincipals ??= []).push(resolved.principalId.toLowerCase());
      } else {
        identityUnknown = true;
        (doubts ??= []).push(resolved.doubt);
      }
    }
  }

  // At the group or below: a few per group, judged per template. Above it: the same for every
  // group of the subscription, judged once per principals left out (see Candidates).
  const { rbac } = index;
  const local = leaveOut(
    rbac.assignmentsWithinScope(subscription, staging.scope) ?? NONE,
    identityPrincipals,
    allowed,
  );
  const parts = rbac.assignmentsCoveringScope(subscription, staging.scope);
  const wide = candidatesOf(
    wideOf(parts?.at ?? NONE, parts?.above ?? NONE),
    allowed,
    identityPrincipals,
  );
  for (const a of local) {
    if (hasUnknownRole(a)) (doubts ??= []).push(unknownRoleDoubt(a));
  }
  if (wide.doubts.length > 0) doubts = [...(doubts ?? []), ...wide.doubts];

  const hasAllowed = allowed !== undefined;
  // Without doubts, identities are all known: judged once, as judgeWithDoubts would.
  if (!doubts) {
    return judge(
      group,
      writersAmong(local, 'best', false),
      writersOf(wide, 'best', false),
      hasAllowed,
    );
  }
  return judgeWithDoubts(WHAT, doubts, assume => {
    // Under the best assumption an identity whose principal is unknown is any service principal.
    const skipIdentities = assume === 'best' && identityUnknown;
    return judge(
      group,
      writersAmong(local, assume, skipIdentities),
      writersOf(wide, assume, skipIdentities),
      hasAllowed,
    );
  });
});

/** The assignments but those of the template identities and allowed principals (the list when none is). */
function leaveOut(
  assignments: readonly IndexedRoleAssignment[],
  identityPrincipals: readonly string[] | undefined,
  allowed: ReadonlySet<string> | undefined,
): readonly IndexedRoleAssignment[] {
  let kept: IndexedRoleAssignment[] | undefined;
  for (let k = 0; k < assignments.length; k++) {
    const a = assignments[k];
    const out =
      identityPrincipals?.includes(a.principalKey) ||
      allowed?.has(a.principalKey) === true;
    if (out && !kept) kept = assignments.slice(0, k);
    else if (!out && kept) kept.push(a);
  }
  return kept ?? assignments;
}

function writersAmong(
  assignments: readonly IndexedRoleAssignment[],
  assume: Assumption,
  skipIdentities: boolean,
): readonly IndexedRoleAssignment[] {
  let writers: IndexedRoleAssignment[] | undefined;
  for (const a of assignments) {
    if (isWriter(a, assume, skipIdentities)) (writers ??= []).push(a);
  }
  return writers ?? NONE;
}

function isWriter(
  a: IndexedRoleAssignment,
  assume: Assumption,
  skipIdentities: boolean,
): boolean {
  return (
    (hasRoleClass(a, 'broad-write', assume) ||
      hasRoleClass(a, 'access-admin', assume)) &&
    !(skipIdentities && couldBeIdentity(a))
  );
}

/** A managed identity is a service principal; an assignment without a type could be one. */
function couldBeIdentity(assignment: IndexedRoleAssignment): boolean {
  return (
    assignment.principalType === undefined ||
    equalsIgnoreCase(assignment.principalType, 'ServicePrincipal')
  );
}

/** The wide-scope assignments covering a group, made once per list where one list has them. */
const wideLists = new WeakMap<
  readonly IndexedRoleAssignment[],
  readonly IndexedRoleAssignment[]
>();

function wideOf(
  at: readonly IndexedRoleAssignment[],
  above: readonly IndexedRoleAssignment[],
): readonly IndexedRoleAssignment[] {
  const wideAt = at.some(a => isWideScope(a.scopeKind));
  if (wideAt) return [...at, ...above].filter(a => isWideScope(a.scopeKind));
  let wide = wideLists.get(above);
  if (!wide) {
    wide = Object.freeze(above.filter(a => isWideScope(a.scopeKind)));
    wideLists.set(above, wide);
  }
  return wide;
}

/**
 * Wide-scope assignments, less those of the principals left out (the template identity, the
 * allowed principals), with what the judge needs of them: the same for every template of the
 * subscription whose identity holds none of them, so made once for all of those.
 */
interface Candidates {
  list: readonly IndexedRoleAssignment[];
  doubts: readonly Doubt[];
  /** By assumption (and, for the best, whether identities are skipped). */
  writers: Partial<
    Record<'best' | 'bestSkippingIdentities' | 'worst', Writers>
  >;
}

/** Writers among candidates: all at wide scopes. */
interface Writers {
  list: readonly IndexedRoleAssignment[];
  evidence: readonly Evidence[];
  /** The first writer of each principal, in order. */
  first: readonly IndexedRoleAssignment[];
  /** `N principal(s) … can write to it through …: …`, by whether allowedPrincipals is set. */
  clause: Partial<Record<'allowed' | 'plain', string>>;
}

/** Principal keys of a list of assignments. */
const principalKeys = new WeakMap<
  readonly IndexedRoleAssignment[],
  ReadonlySet<string>
>();

/** Candidates by wide list, then allowed principals, then the principals left out in it. */
const candidateCache = new WeakMap<
  readonly IndexedRoleAssignment[],
  Map<ReadonlySet<string> | undefined, Map<string, Candidates>>
>();

function candidatesOf(
  wide: readonly IndexedRoleAssignment[],
  allowed: ReadonlySet<string> | undefined,
  identityPrincipals: readonly string[] | undefined,
): Candidates {
  let keys = principalKeys.get(wide);
  if (!keys) {
    keys = new Set(wide.map(a => a.principalKey));
    principalKeys.set(wide, keys);
  }
  // Only the identity principals holding one of the assignments change the candidates.
  let leftOut = '';
  for (const p of identityPrincipals ?? NONE) {
    if (keys.has(p)) leftOut += `${p}\n`;
  }
  let byAllowed = candidateCache.get(wide);
  if (!byAllowed) {
    byAllowed = new Map();
    candidateCache.set(wide, byAllowed);
  }
  let byLeftOut = byAllowed.get(allowed);
  if (!byLeftOut) {
    byLeftOut = new Map();
    byAllowed.set(allowed, byLeftOut);
  }
  let candidates = byLeftOut.get(leftOut);
  if (!candidates) {
    const list = wide.filter(
      a =>
        !identityPrincipals?.includes(a.principalKey) &&
        !allowed?.has(a.principalKey),
    );
    candidates = {
      list,
      doubts: list.filter(hasUnknownRole).map(unknownRoleDoubt),
      writers: {},
    };
    byLeftOut.set(leftOut, candidates);
  }
  return candidates;
}

function writersOf(
  candidates: Candidates,
  assume: Assumption,
  skipIdentities: boolean,
): Writers {
  let which: keyof Candidates['writers'] = 'worst';
  if (assume === 'best') {
    which = skipIdentities ? 'bestSkippingIdentities' : 'best';
  }
  let writers = candidates.writers[which];
  if (!writers) {
    const list = candidates.list.filter(a =>
      isWriter(a, assume, skipIdentities),
    );
    writers = {
      list,
      evidence: list.map(writerEvidence),
      first: firstPerPrincipal(list),
      clause: {},
    };
    candidates.writers[which] = writers;
  }
  return writers;
}

/** The evidence of a writer: its note depends on the assignment only, so it is shared. */
function writerEvidence(a: IndexedRoleAssignment): Evidence {
  const derived = derivedOf(a);
  return (derived.writerEvidence ??= frozenGrantEvidence(
    a,
    `${classWords(a, WRITER_CLASSES)} at ${describeScope(a)}`,
  ));
}

function othersWords(hasAllowed: boolean): string {
  return hasAllowed
    ? 'other than the template identity and allowedPrincipals'
    : 'other than the template identity';
}

function inheritedClause(
  first: readonly IndexedRoleAssignment[],
  hasAllowed: boolean,
): string {
  return `${first.length} principal(s) ${othersWords(
    hasAllowed,
  )} can write to it through subscription, management group or root assignments: ${listForMessage(
    first.map(describeGrant),
  )}`;
}

/** `local` writers at the group or below (judged for this template), then the `wide` ones. */
function judge(
  group: StagingGroup,
  local: readonly IndexedRoleAssignment[],
  wide: Writers,
  hasAllowed: boolean,
): RuleOutcome {
  const name = identityName(group.id);
  const evidence: Evidence[] = [{ path: group.path, observed: group.id }];
  for (const a of local) evidence.push(writerEvidence(a));
  for (const e of wide.evidence) evidence.push(e);
  const others = othersWords(hasAllowed);

  const atGroup =
    local.length === 0
      ? NONE
      : firstPerPrincipal(local.filter(a => !isWideScope(a.scopeKind)));
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

  // The problems, joined by `; ` as they come.
  let problems = '';
  if (local.length > 0) {
    // Writers within the group, all at wide scopes: impossible, but judged as written.
    const inherited = firstPerPrincipal([...local, ...wide.list]);
    problems = inheritedClause(inherited, hasAllowed);
  } else if (wide.first.length > 0) {
    const key = hasAllowed ? 'allowed' : 'plain';
    problems = wide.clause[key] ??= inheritedClause(wide.first, hasAllowed);
  }
  if (!group.configured) {
    const notSet = `properties.stagingResourceGroup is not set, so the service creates '${name}' for the build and its access cannot be set up in advance`;
    problems = problems ? `${problems}; ${notSet}` : notSet;
  }
  if (problems) {
    return {
      status: 'warn',
      message: `Staging resource group '${name}': ${problems}`,
      evidence,
    };
  }
  return {
    status: 'pass',
    message: `No principal ${others} can write to staging resource group '${name}'`,
    evidence,
  };
}
