import { Evidence } from '@aib-scorecards/plugin-azure-image-builder-common';
import { normalizeArmId } from '../engine/armId';
import { IndexedRoleAssignment } from '../engine/rbac';
import { Assumption, judgeWithDoubts } from './doubts';
import {
  Excess,
  ExcessKind,
  judgeIdentities,
  reviewIdentities,
} from './identityPrivilege';
import { hasRoleClass, isWideScope } from './roleGrants';
import {
  identityName,
  NamedIdentity,
  readBuildVmIdentities,
  readTemplateIdentities,
} from './templateIdentities';
import { defineRule, unknownCollection } from './util';

const WHAT = 'What the build VM identities may do';
const PATH = 'properties.vmProfile.userAssignedIdentities';

/**
 * RULES.md #10: the identities of the build VM (which customizer scripts run as) hold no
 * access-admin, no broad-write above a resource, and differ from the template identity.
 * @public
 */
export const buildVmIdentityPrivilegeRule = defineRule(
  'build-vm-identity-privilege',
  context => {
    const { template, subscription } = context;
    const buildVm = readBuildVmIdentities(template);
    if (buildVm.kind === 'expression') {
      return {
        status: 'unknown',
        message: `${WHAT} is unknown: ${buildVm.path} is an unresolved template expression`,
        evidence: [{ path: buildVm.path, observed: buildVm.value }],
      };
    }
    if (buildVm.kind === 'none') {
      return {
        status: 'not-applicable',
        message: `The build VM has no user-assigned identity (${PATH} is empty or not set)`,
        evidence: [{ path: PATH, observed: null }],
      };
    }
    if (!Array.isArray(subscription.roleAssignments)) {
      return unknownCollection(context, 'roleAssignments', WHAT);
    }
    if (!Array.isArray(subscription.roleDefinitions)) {
      return unknownCollection(context, 'roleDefinitions', WHAT);
    }

    // The template carries the principal of its own identity: use it should a build VM identity
    // be the same one and its resource be missing from the snapshot.
    const templateIdentities = readTemplateIdentities(template);
    const templateById = new Map<string, NamedIdentity>(
      templateIdentities.kind === 'some'
        ? templateIdentities.identities.map(i => [normalizeArmId(i.id), i])
        : [],
    );
    const identities = buildVm.identities.map(
      i => templateById.get(normalizeArmId(i.id)) ?? i,
    );
    const shared = identities.filter(i =>
      templateById.has(normalizeArmId(i.id)),
    );
    const { reviewed, unresolved, doubts } = reviewIdentities(
      context,
      identities,
    );

    const names = identities.map(i => `'${identityName(i.id)}'`);
    const subject = `The build VM identit${
      names.length > 1 ? 'ies' : 'y'
    } ${names.join(', ')}`;
    const evidence: Evidence[] = [
      { path: PATH, observed: buildVm.identities.map(i => i.id) },
      ...shared.map(i => ({
        path: 'identity.userAssignedIdentities',
        observed: i.id,
        note: 'also the template identity',
      })),
    ];
    const warnings = shared.map(
      i =>
        `'${identityName(
          i.id,
        )}' is also the template identity, so customizer scripts hold its distribution rights`,
    );
    return judgeWithDoubts(WHAT, doubts, assume =>
      judgeIdentities({
        subject,
        plural: names.length > 1,
        reviewed,
        unresolved,
        classify: a => classify(a, assume),
        warnings,
        passMessage: `${subject} hold${
          names.length > 1 ? '' : 's'
        } no access-admin and no broad-write at a resource group or above, and differ${
          names.length > 1 ? '' : 's'
        } from the template identity`,
        evidence,
        assume,
      }),
    );
  },
);

const ACCESS_ADMIN = new ExcessKind('fail', 'access-admin');
const BROAD_WRITE_WIDE = new ExcessKind('fail', 'broad-write');
const BROAD_WRITE_GROUP = new ExcessKind('warn', 'broad-write');

function classify(
  a: IndexedRoleAssignment,
  assume: Assumption,
): Excess | undefined {
  if (hasRoleClass(a, 'access-admin', assume)) return ACCESS_ADMIN.of(a);
  if (hasRoleClass(a, 'broad-write', assume)) {
    if (isWideScope(a.scopeKind)) return BROAD_WRITE_WIDE.of(a);
    if (a.scopeKind === 'resourceGroup') return BROAD_WRITE_GROUP.of(a);
  }
  return undefined;
}
