import { Evidence } from '@aib-scorecards/plugin-azure-image-builder-common';
import { normalizeArmId } from '../engine/armId';
import { IndexedRoleAssignment } from '../engine/rbac';
import { SnapshotIndex } from '../engine/SnapshotIndex';
import { Assumption, judgeWithDoubts } from './doubts';
import {
  Excess,
  ExcessKind,
  judgeIdentities,
  reviewIdentities,
} from './identityPrivilege';
import { hasRoleClass, isWideScope } from './roleGrants';
import {
  buildVmIdentitiesOf,
  identityName,
  NamedIdentity,
  templateIdentitiesOf,
} from './templateIdentities';
import { defineRule, unknownCollection } from './util';

const WHAT = 'What the build VM identities may do';
const PATH = 'properties.vmProfile.userAssignedIdentities';
const NONE: readonly NamedIdentity[] = [];
const NO_WARNINGS: readonly string[] = [];

/**
 * RULES.md #10: the identities of the build VM (which customizer scripts run as) hold no
 * access-admin, no broad-write above a resource, and differ from the template identity.
 * @public
 */
export const buildVmIdentityPrivilegeRule = defineRule(
  'build-vm-identity-privilege',
  context => {
    const { template, subscription, index } = context;
    const buildVm = buildVmIdentitiesOf(index, template);
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
    const templateIdentities = templateIdentitiesOf(index, template);
    const own =
      templateIdentities.kind === 'some' ? templateIdentities.identities : NONE;
    let shared: NamedIdentity[] | undefined;
    const identities = buildVm.identities.map(i => {
      const key = normalizeArmId(i.id);
      const same = lastSameIdentity(index, own, key);
      if (same) {
        (shared ??= []).push(same);
        return same;
      }
      // Its own identity: its principal is its resource's, found by the key made here (the
      // identities of build VMs are rarely shared: not worth keeping by id).
      const principalId = index.rbac.identityPrincipalIdOfKey(key);
      return principalId ? { id: i.id, principalId } : i;
    });
    const { reviewed, unresolved, doubts } = reviewIdentities(
      context,
      identities,
    );

    const names = identities.map(i => `'${identityName(i.id)}'`);
    const plural = names.length > 1;
    const subject = `The build VM identit${plural ? 'ies' : 'y'} ${names.join(
      ', ',
    )}`;
    const evidence: Evidence[] = [
      { path: PATH, observed: buildVm.identities.map(i => i.id) },
    ];
    for (const i of shared ?? NONE) {
      evidence.push({
        path: 'identity.userAssignedIdentities',
        observed: i.id,
        note: 'also the template identity',
      });
    }
    const warnings = shared
      ? shared.map(
          i =>
            `'${identityName(
              i.id,
            )}' is also the template identity, so customizer scripts hold its distribution rights`,
        )
      : NO_WARNINGS;
    const judging = {
      subject,
      plural,
      reviewed,
      unresolved,
      classify,
      staging: undefined,
      warnings,
      passMessage: `${subject} hold${
        plural ? '' : 's'
      } no access-admin and no broad-write at a resource group or above, and differ${
        plural ? '' : 's'
      } from the template identity`,
      evidence,
    };
    return doubts.length === 0
      ? judgeIdentities(judging, 'best')
      : judgeWithDoubts(WHAT, doubts, assume =>
          judgeIdentities(judging, assume),
        );
  },
);

/** The last of `identities` whose id has `key` (see normalizeArmId), as a map by id would keep. */
function lastSameIdentity(
  index: SnapshotIndex,
  identities: readonly NamedIdentity[],
  key: string,
): NamedIdentity | undefined {
  // Template identities are shared between templates: their keys are made once per scan.
  for (let k = identities.length - 1; k >= 0; k--) {
    if (index.rbac.identityKey(identities[k].id) === key) return identities[k];
  }
  return undefined;
}

const ACCESS_ADMIN = new ExcessKind('fail', 'access-admin');
const BROAD_WRITE_WIDE = new ExcessKind('fail', 'broad-write');
const BROAD_WRITE_GROUP = new ExcessKind('warn', 'broad-write');

/** RULES.md #10 on one assignment (the staging group does not matter here). */
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
