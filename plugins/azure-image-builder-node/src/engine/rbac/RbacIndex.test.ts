import { SnapshotIndex } from '../SnapshotIndex';
import {
  CONTRIBUTOR,
  identityId,
  makeIdentity,
  makeRoleAssignment,
  managementGroupScope,
  OWNER,
  READER,
  roleDefinitionId,
} from '../__testUtils__/rbac';
import {
  makeSnapshot,
  makeSubscription,
  RG_ID,
  SUB,
  SUB_ID,
  templateId,
} from '../__testUtils__/snapshots';
import { RbacIndex } from './RbacIndex';
import { parseScope } from './roleScope';

const SUB2 = '00000000-0000-0000-0000-000000000002';
const T = templateId('tpl');
const MG = managementGroupScope('platform');

function principals(list: readonly { principalId: string }[] | null) {
  return list?.map(a => a.principalId);
}

describe('RbacIndex', () => {
  const atTemplate = makeRoleAssignment('p-template', CONTRIBUTOR, T);
  const atGroup = makeRoleAssignment('p-group', OWNER, RG_ID);
  const atNeighbour = makeRoleAssignment('p-neighbour', OWNER, `${RG_ID}b`);
  const atNeighbourTemplate = makeRoleAssignment(
    'p-neighbour-template',
    OWNER,
    templateId('tpl', 'rg-images-b'),
  );
  const atOtherTemplate = makeRoleAssignment(
    'p-other',
    OWNER,
    templateId('tpl2'),
  );
  const atSubscription = makeRoleAssignment('p-sub', READER, SUB_ID);
  const atManagementGroup = makeRoleAssignment('p-mg', OWNER, MG, {
    name: 'mg-assignment',
  });
  const atRoot = makeRoleAssignment('p-root', OWNER, '/');
  const sub = makeSubscription({
    roleAssignments: [
      atTemplate,
      atGroup,
      atNeighbour,
      atNeighbourTemplate,
      atOtherTemplate,
      atSubscription,
      atManagementGroup,
      atRoot,
    ],
    roleDefinitions: [CONTRIBUTOR, OWNER, READER],
    userAssignedIdentities: [makeIdentity('id-build', 'p-build')],
  });
  const sub2 = makeSubscription({
    subscriptionId: SUB2,
    // The same management-group assignment is listed for every subscription below the group.
    roleAssignments: [
      { ...atManagementGroup },
      makeRoleAssignment('p-template', OWNER, `/subscriptions/${SUB2}`),
    ],
    roleDefinitions: null,
  });
  const index = SnapshotIndex.build(makeSnapshot([sub, sub2]));
  const rbac = index.rbac;

  it('is built once per snapshot index, on first use', () => {
    expect(index.rbac).toBe(rbac);
    expect(rbac).toBeInstanceOf(RbacIndex);
  });

  it('finds the assignments that cover a resource, at segment boundaries, narrowest first', () => {
    expect(principals(rbac.assignmentsCovering(sub, T))).toEqual([
      'p-template',
      'p-group',
      'p-sub',
      'p-mg',
      'p-root',
    ]);
    expect(principals(rbac.assignmentsCovering(sub, T.toUpperCase()))).toEqual(
      principals(rbac.assignmentsCovering(sub, T)),
    );
    expect(
      rbac.assignmentsCovering(sub, T)!.map(a => [a.scopeKind, a.role?.name]),
    ).toEqual([
      ['resource', 'Contributor'],
      ['resourceGroup', 'Owner'],
      ['subscription', 'Reader'],
      ['managementGroup', 'Owner'],
      ['root', 'Owner'],
    ]);
  });

  it('finds the assignments at or below a resource group, not its neighbours', () => {
    expect(
      principals(rbac.assignmentsWithinResourceGroup(sub, RG_ID.toUpperCase())),
    ).toEqual(['p-template', 'p-group', 'p-other']);
    expect(rbac.assignmentsWithinResourceGroup(sub, SUB_ID)).toEqual([]);
  });

  it('finds the assignments at or below a resource in a group', () => {
    expect(principals(rbac.assignmentsWithinResourceGroup(sub, T))).toEqual([
      'p-template',
    ]);
  });

  it('shares the list above between resources of one parent, whatever the casing asked', () => {
    const one = rbac.assignmentsCoveringParts(sub, T)!;
    const sibling = rbac.assignmentsCoveringParts(sub, templateId('tpl2'))!;
    expect(sibling.above).toBe(one.above);
    expect(principals(sibling.at)).toEqual(['p-other']);
    expect(rbac.assignmentsCoveringParts(sub, ` ${T.toUpperCase()}/`)).toEqual(
      one,
    );
    expect(principals(rbac.assignmentsCovering(sub, SUB_ID))).toEqual([
      'p-sub',
      'p-mg',
      'p-root',
    ]);
    expect(principals(rbac.assignmentsCovering(sub, '/elsewhere'))).toEqual([
      'p-mg',
      'p-root',
    ]);
  });

  it('compares principals by a lower-cased key, and answers the same list when asked again', () => {
    const mine = rbac.assignmentsOfPrincipal('P-TEMPLATE');
    expect(mine.map(a => a.principalKey)).toEqual(['p-template', 'p-template']);
    expect(rbac.assignmentsOfPrincipal('P-TEMPLATE')).toBe(mine);
    expect(rbac.assignmentsOfPrincipal(' p-template ')).toBe(mine);
  });

  it('is null where the assignments were not read', () => {
    const unread = makeSubscription({ roleAssignments: null });
    const idx = SnapshotIndex.build(makeSnapshot([unread])).rbac;
    expect(idx.assignmentsCovering(unread, T)).toBeNull();
    expect(idx.assignmentsWithinResourceGroup(unread, RG_ID)).toBeNull();
    expect(idx.assignmentsOfPrincipal('p-template')).toEqual([]);
  });

  it('lists a principal across subscriptions, each assignment once, preferring a resolved role', () => {
    const mine = rbac.assignmentsOfPrincipal('P-TEMPLATE');
    expect(mine.map(a => [a.scope, a.role?.name])).toEqual([
      [T, 'Contributor'],
      // sub2 has no roleDefinitions: the GUID is found among sub's.
      [`/subscriptions/${SUB2}`, 'Owner'],
    ]);
    const mg = rbac.assignmentsOfPrincipal('p-mg');
    expect(mg).toHaveLength(1);
    expect(mg[0].subscription).toBe(sub);
  });

  it('keeps an assignment listed twice once, in its first place, with the copy whose role is known', () => {
    const first = makeRoleAssignment('p-dup', 'missing-role', RG_ID, {
      name: 'Dup-Assignment',
    });
    const between = makeRoleAssignment('p-dup', READER, SUB_ID);
    const again = {
      ...makeRoleAssignment('p-dup', OWNER, RG_ID, { name: 'dup-assignment' }),
      id: ` ${first.id.toUpperCase()}/`,
    };
    // Another assignment with the same name elsewhere is another assignment.
    const namesake = makeRoleAssignment('p-dup', CONTRIBUTOR, T, {
      name: 'dup-assignment',
    });
    const s = makeSubscription({
      roleAssignments: [first, between, again, namesake],
      roleDefinitions: [CONTRIBUTOR, OWNER, READER],
    });
    const list = SnapshotIndex.build(
      makeSnapshot([s]),
    ).rbac.assignmentsOfPrincipal('p-dup');
    // By scope, in the order scopes first appear.
    expect(list.map(a => [a.scope, a.role?.name])).toEqual([
      [RG_ID, 'Owner'],
      [SUB_ID, 'Reader'],
      [T, 'Contributor'],
    ]);
  });

  it('resolves role definitions by id, by GUID in the tenant-level form, and reports missing ones', () => {
    expect(rbac.resolveRole(sub, roleDefinitionId(OWNER.name!))?.name).toBe(
      'Owner',
    );
    expect(
      rbac.resolveRole(sub, roleDefinitionId(OWNER.name!, null).toUpperCase())
        ?.name,
    ).toBe('Owner');
    expect(rbac.resolveRole(sub, roleDefinitionId('missing'))).toBeUndefined();
    expect(rbac.resolveRole(sub, '')).toBeUndefined();
    const missing = makeRoleAssignment('p-x', 'no-such-guid', RG_ID);
    const s = makeSubscription({
      roleAssignments: [missing],
      roleDefinitions: [OWNER],
    });
    const [entry] = SnapshotIndex.build(
      makeSnapshot([s]),
    ).rbac.assignmentsCovering(s, T)!;
    expect(entry).toMatchObject({
      principalId: 'p-x',
      principalType: 'User',
      role: undefined,
      roleDefinitionId: roleDefinitionId('no-such-guid'),
    });
  });

  it('gives each role its classes once', () => {
    const [a, b] = rbac
      .assignmentsCovering(sub, RG_ID)!
      .filter(x => x.role?.name === 'Owner');
    expect(a.role).toBe(b.role);
    expect(a.role!.classes).toEqual({
      'access-admin': true,
      'broad-write': true,
      'template-write': true,
    });
  });

  it('gives the key an identity id compares by', () => {
    const id = ` ${identityId('Id-Build').toUpperCase()}/ `;
    expect(rbac.identityKey(id)).toBe(identityId('id-build').toLowerCase());
    expect(rbac.identityKey(id)).toBe(rbac.identityKey(id));
    expect(rbac.identityPrincipalId(id)).toBe('p-build');
    expect(rbac.identityPrincipalIdOfKey(rbac.identityKey(id))).toBe('p-build');
    expect(rbac.identityPrincipalIdOfKey(id)).toBeUndefined();
  });

  it('keeps the first identity listed under an id', () => {
    const first = makeIdentity('id-twice', 'p-first');
    const second = {
      ...makeIdentity('id-twice', 'p-second'),
      id: ` ${first.id.toUpperCase()}/`,
    };
    const idx = SnapshotIndex.build(
      makeSnapshot([
        makeSubscription({ userAssignedIdentities: [first] }),
        makeSubscription({
          subscriptionId: SUB2,
          userAssignedIdentities: [second, first],
        }),
      ]),
    ).rbac;
    expect(idx.getUserAssignedIdentity(first.id)).toBe(first);
    expect(idx.identityPrincipalId(second.id)).toBe('p-first');
  });

  it('takes scopes read with parseScope', () => {
    const group = parseScope(RG_ID.toUpperCase());
    expect(rbac.assignmentsWithinScope(sub, group)).toEqual(
      rbac.assignmentsWithinResourceGroup(sub, RG_ID),
    );
    expect(principals(rbac.assignmentsWithinScope(sub, parseScope(T)))).toEqual(
      ['p-template'],
    );
    const parts = rbac.assignmentsCoveringScope(sub, group)!;
    expect(principals(parts.at)).toEqual(['p-group']);
    expect(parts.above).toBe(rbac.assignmentsCoveringParts(sub, RG_ID)!.above);
    // Asked for again after another parent: the same list.
    rbac.assignmentsCoveringParts(sub, T);
    expect(rbac.assignmentsCoveringScope(sub, group)!.above).toBe(parts.above);
  });

  it('finds the principal of a user-assigned identity by id, in any casing', () => {
    expect(rbac.identityPrincipalId(identityId('id-build').toUpperCase())).toBe(
      'p-build',
    );
    expect(rbac.identityPrincipalId(identityId('nope'))).toBeUndefined();
    const noPrincipal = makeSubscription({
      userAssignedIdentities: [makeIdentity('x', undefined)],
    });
    expect(
      SnapshotIndex.build(makeSnapshot([noPrincipal])).rbac.identityPrincipalId(
        identityId('x'),
      ),
    ).toBeUndefined();
  });

  it('indexes a subscription object that is not in the snapshot', () => {
    const own = makeSubscription({
      subscriptionId: SUB,
      roleAssignments: [atGroup],
      roleDefinitions: [OWNER],
    });
    expect(principals(rbac.assignmentsCovering(own, T))).toEqual(['p-group']);
  });
});
