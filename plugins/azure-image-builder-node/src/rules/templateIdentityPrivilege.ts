import { Evidence } from '@aib-scorecards/plugin-azure-image-builder-common';
import {
  IndexedRoleAssignment,
  isKeyAtOrBelow,
  scopeKey,
} from '../engine/rbac';
import { Assumption, Doubt, judgeWithDoubts } from './doubts';
import {
  Excess,
  ExcessKind,
  judgeIdentities,
  reviewIdentities,
} from './identityPrivilege';
import { hasRoleClass, isWideScope } from './roleGrants';
import {
  identityName,
  readStagingGroup,
  readTemplateIdentities,
} from './templateIdentities';
import { defineRule, observed, unknownCollection } from './util';

const WHAT = 'What the template identity may do';
const IDENTITY_PATH = 'identity.userAssignedIdentities';

/**
 * RULES.md #9: the template has one user-assigned identity, without access-admin outside the
 * staging resource group and without broad-write above a resource group.
 * @public
 */
export const templateIdentityPrivilegeRule = defineRule(
  'template-identity-privilege',
  context => {
    const { template, subscription } = context;
    const identities = readTemplateIdentities(template);
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
    const stagingRead = readStagingGroup(template);
    const staging =
      stagingRead.kind === 'known' ? stagingRead.group : undefined;
    // Compared with each assignment's scope key: read once, not per assignment.
    const stagingKey = staging ? scopeKey(staging.id) : undefined;
    if (stagingRead.kind === 'unknown') {
      // Only a grant at a resource group (or below) could be on the staging group.
      const local = reviewed.some(r =>
        r.assignments.some(
          a => a.scopeKind === 'resourceGroup' || a.scopeKind === 'resource',
        ),
      );
      if (local) doubts.push(stagingDoubt(stagingRead.reason));
    }

    const names = identities.identities.map(i => `'${identityName(i.id)}'`);
    const subject = `The template identit${
      names.length > 1 ? 'ies' : 'y'
    } ${names.join(', ')}`;
    const evidence: Evidence[] = [
      {
        path: IDENTITY_PATH,
        observed: identities.identities.map(i => i.id),
        expected: 'one user-assigned identity',
      },
      ...(staging ? [{ path: staging.path, observed: staging.id }] : []),
    ];
    const warnings =
      identities.identities.length > 1
        ? [
            `the template has ${identities.identities.length} user-assigned identities where one is used`,
          ]
        : [];
    return judgeWithDoubts(WHAT, doubts, assume =>
      judgeIdentities({
        subject,
        plural: names.length > 1,
        reviewed,
        unresolved,
        classify: a => classify(a, stagingKey, assume),
        warnings,
        passMessage: `${subject} hold${
          names.length > 1 ? '' : 's'
        } no access-admin outside the staging resource group and no broad-write at another resource group or above`,
        evidence,
        assume,
      }),
    );
  },
);

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

function classify(
  a: IndexedRoleAssignment,
  stagingKey: string | undefined,
  assume: Assumption,
): Excess | undefined {
  const local = a.scopeKind === 'resourceGroup' || a.scopeKind === 'resource';
  // An unknown staging group could be any resource group: best case it is this one.
  const atStaging =
    stagingKey !== undefined
      ? isKeyAtOrBelow(a.scopeKey, stagingKey)
      : assume === 'best' && local;
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
