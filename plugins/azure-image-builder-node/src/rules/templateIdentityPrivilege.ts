import { Evidence } from '@aib-scorecards/plugin-azure-image-builder-common';
import { IndexedRoleAssignment } from '../engine/rbac';
import { SnapshotIndex } from '../engine/SnapshotIndex';
import { Assumption, Doubt, judgeWithDoubts } from './doubts';
import {
  Excess,
  ExcessKind,
  hasLocalAssignment,
  judgeIdentities,
  reviewIdentities,
} from './identityPrivilege';
import { hasRoleClass, isWideScope } from './roleGrants';
import {
  identityName,
  NamedIdentity,
  stagingGroupOf,
  templateIdentitiesOf,
} from './templateIdentities';
import { defineRule, observed, unknownCollection } from './util';

const WHAT = 'What the template identity may do';
const IDENTITY_PATH = 'identity.userAssignedIdentities';
const NO_WARNINGS: readonly string[] = [];

/**
 * RULES.md #9: the template has one user-assigned identity, without access-admin outside the
 * staging resource group and without broad-write above a resource group.
 * @public
 */
export const templateIdentityPrivilegeRule = defineRule(
  'template-identity-privilege',
  context => {
    const { template, subscription, index } = context;
    const identities = templateIdentitiesOf(index, template);
    if (identities.kind === 'expression') {
      return {
        status: 'unknown',
        message: `${WHAT} is unknown: ${identities.path} is an unresolved template expression`,
        evidence: [{ path: identities.path, observed: identities.value }],
      };
    }
    if (identities.kind === 'none') {
      return {
        status: 'fail',
        message:
          'The template has no user-assigned identity (identity is missing, None or lists none): Image Builder needs one, holding only the rights the build uses',
        evidence: [
          {
            path: 'identity',
            observed: observed(template.identity),
            expected: 'a UserAssigned identity',
          },
        ],
      };
    }
    if (!Array.isArray(subscription.roleAssignments)) {
      return unknownCollection(context, 'roleAssignments', WHAT);
    }
    if (!Array.isArray(subscription.roleDefinitions)) {
      return unknownCollection(context, 'roleDefinitions', WHAT);
    }

    const { reviewed, unresolved, doubts } = reviewIdentities(
      context,
      identities.identities,
    );
    const stagingRead = stagingGroupOf(index, template);
    const staging =
      stagingRead.kind === 'known' ? stagingRead.group : undefined;
    // Its scope (a resource group key) tells which assignments are on it.
    const stagingPlace =
      stagingRead.kind === 'known' ? stagingRead.scope : undefined;
    if (stagingRead.kind === 'unknown') {
      // Only a grant at a resource group (or below) could be on the staging group.
      const local = reviewed.some(hasLocalAssignment);
      if (local) doubts.push(stagingDoubt(stagingRead.reason));
    }

    const words = wordsOf(index, identities.identities);
    const evidence: Evidence[] = staging
      ? [words.evidence, { path: staging.path, observed: staging.id }]
      : [words.evidence];
    const warnings =
      identities.identities.length > 1
        ? [
            `the template has ${identities.identities.length} user-assigned identities where one is used`,
          ]
        : NO_WARNINGS;
    const judging = {
      subject: words.subject,
      plural: words.plural,
      reviewed,
      unresolved,
      classify,
      staging: stagingPlace,
      warnings,
      passMessage: words.passMessage,
      evidence,
    };
    return doubts.length === 0
      ? judgeIdentities(judging, 'best')
      : judgeWithDoubts(WHAT, doubts, assume =>
          judgeIdentities(judging, assume),
        );
  },
);

/** What is said of a template's identities: the same for every template naming them alike. */
interface IdentityWords {
  subject: string;
  plural: boolean;
  passMessage: string;
  /** Frozen: shared by those templates. */
  evidence: Evidence;
}

/** By scan, then the id of a template's one identity as written. */
const wordsByIdentity = new WeakMap<
  SnapshotIndex,
  Map<string, IdentityWords>
>();

function wordsOf(
  index: SnapshotIndex,
  identities: readonly NamedIdentity[],
): IdentityWords {
  const one = identities.length === 1 ? identities[0].id : undefined;
  let kept = wordsByIdentity.get(index);
  if (!kept) {
    kept = new Map();
    wordsByIdentity.set(index, kept);
  }
  const seen = one === undefined ? undefined : kept.get(one);
  if (seen) return seen;
  const names = identities.map(i => `'${identityName(i.id)}'`);
  const plural = names.length > 1;
  const subject = `The template identit${plural ? 'ies' : 'y'} ${names.join(
    ', ',
  )}`;
  const words: IdentityWords = {
    subject,
    plural,
    passMessage: `${subject} hold${
      plural ? '' : 's'
    } no access-admin outside the staging resource group and no broad-write at another resource group or above`,
    evidence: Object.freeze({
      path: IDENTITY_PATH,
      observed: Object.freeze(identities.map(i => i.id)),
      expected: 'one user-assigned identity',
    }) as Evidence,
  };
  if (one !== undefined) kept.set(one, words);
  return words;
}

const ACCESS_ADMIN = new ExcessKind('fail', 'access-admin');
const BROAD_WRITE_WIDE = new ExcessKind('fail', 'broad-write');
const ACCESS_ADMIN_AT_STAGING = new ExcessKind(
  'warn',
  'access-admin',
  ', the staging resource group, where Contributor is enough',
);
const BROAD_WRITE_OTHER_GROUP = new ExcessKind(
  'warn',
  'broad-write',
  ', not the staging resource group',
);

/** RULES.md #9 on one assignment (see ClassifyAssignment). */
function classify(
  a: IndexedRoleAssignment,
  assume: Assumption,
  atStaging: boolean,
): Excess | undefined {
  const accessAdmin = hasRoleClass(a, 'access-admin', assume);
  const broadWrite = hasRoleClass(a, 'broad-write', assume);
  if (accessAdmin && !atStaging) return ACCESS_ADMIN.of(a);
  if (broadWrite && isWideScope(a.scopeKind)) return BROAD_WRITE_WIDE.of(a);
  if (accessAdmin) return ACCESS_ADMIN_AT_STAGING.of(a);
  if (broadWrite && a.scopeKind === 'resourceGroup' && !atStaging) {
    return BROAD_WRITE_OTHER_GROUP.of(a);
  }
  return undefined;
}

function stagingDoubt(reason: string): Doubt {
  return {
    summary: `whether a resource group is the staging group is unknown (${reason})`,
    evidence: {
      path: 'properties.stagingResourceGroup',
      observed: null,
      note: reason,
    },
  };
}
