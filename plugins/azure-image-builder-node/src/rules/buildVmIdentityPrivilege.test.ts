import {
  ArmResource,
  SnapshotSubscription,
} from '@aib-scorecards/plugin-azure-image-builder-common';
import {
  ALL_ROLES,
  CONTRIBUTOR,
  identityId,
  makeIdentity,
  makeRoleAssignment,
  managementGroupScope,
  OWNER,
  READER,
  templateIdentity,
  USER_ACCESS_ADMINISTRATOR,
} from '../engine/__testUtils__/rbac';
import {
  evaluateRule,
  makeSubscription,
  makeTemplate,
  RG_ID,
  SUB_ID,
  expectSharedScanAgreesWithAlone,
} from '../engine/__testUtils__/snapshots';
import { buildVmIdentityPrivilegeRule } from './buildVmIdentityPrivilege';

const TEMPLATE_IDENTITY = identityId('id-aib');
const TEMPLATE_PRINCIPAL = 'bbbbbbbb-0000-4000-8000-000000000001';
const BUILD = identityId('id-build');
const BUILD_PRINCIPAL = 'cccccccc-0000-4000-8000-000000000001';
const TOOLS = identityId('id-tools', 'rg-tools');
const TOOLS_PRINCIPAL = 'cccccccc-0000-4000-8000-000000000002';
const STORAGE = `${SUB_ID}/resourceGroups/rg-tools/providers/Microsoft.Storage/storageAccounts/scripts`;

/** Leaves `vmProfile.userAssignedIdentities` out of the template. */
const ABSENT = Symbol('absent');

function templateWith(buildVmIdentities: unknown) {
  return makeTemplate(
    'tpl',
    {
      vmProfile: {
        vmSize: 'Standard_D2s_v5',
        ...(buildVmIdentities !== ABSENT
          ? { userAssignedIdentities: buildVmIdentities }
          : {}),
      },
    },
    { identity: templateIdentity([[TEMPLATE_IDENTITY, TEMPLATE_PRINCIPAL]]) },
  );
}

const IDENTITIES = [
  makeIdentity('id-build', BUILD_PRINCIPAL),
  makeIdentity('id-tools', TOOLS_PRINCIPAL, 'rg-tools'),
];

const grant = (
  role: ArmResource | string,
  scope: string,
  principal = BUILD_PRINCIPAL,
) =>
  makeRoleAssignment(principal, role, scope, {
    principalType: 'ServicePrincipal',
  });

function evaluate(
  roleAssignments: ArmResource[] | null,
  buildVmIdentities: unknown = [BUILD],
  subscription: Partial<SnapshotSubscription> = {},
) {
  return evaluateRule(
    buildVmIdentityPrivilegeRule,
    templateWith(buildVmIdentities),
    {
      roleAssignments,
      roleDefinitions: ALL_ROLES,
      userAssignedIdentities: IDENTITIES,
      ...subscription,
    },
  );
}

describe('build-vm-identity-privilege', () => {
  it('has the metadata of RULES.md #10', () => {
    expect(buildVmIdentityPrivilegeRule.metadata).toMatchObject({
      id: 'build-vm-identity-privilege',
      number: 10,
      severity: 'high',
    });
  });

  it.each(
    [
      [
        'Reader on the subscription, Contributor on one storage account',
        [grant(READER, SUB_ID), grant(CONTRIBUTOR, STORAGE)],
        [BUILD],
        {},
        'pass',
        /^The build VM identity 'id-build' holds no access-admin and no broad-write at a resource group or above, and differs from the template identity$/,
      ],
      [
        'two identities, in any casing, without assignments',
        [],
        [BUILD.toUpperCase(), TOOLS],
        {},
        'pass',
        /^The build VM identities 'ID-BUILD', 'id-tools' hold no access-admin/,
      ],
      [
        'the template identity may hold more: only build VM identities count',
        [grant(OWNER, SUB_ID, TEMPLATE_PRINCIPAL)],
        [BUILD],
        {},
        'pass',
        /holds no access-admin/,
      ],
      [
        'no vmProfile.userAssignedIdentities',
        [],
        ABSENT,
        {},
        'not-applicable',
        /^The build VM has no user-assigned identity \(properties\.vmProfile\.userAssignedIdentities is empty or not set\)$/,
      ],
      [
        'an empty list',
        [],
        [],
        {},
        'not-applicable',
        /no user-assigned identity/,
      ],
      ['null', [], null, {}, 'not-applicable', /no user-assigned identity/],
      [
        'Contributor on a resource group',
        [grant(CONTRIBUTOR, RG_ID)],
        [BUILD],
        {},
        'warn',
        /^The build VM identity 'id-build' holds more than it needs: broad-write \(Contributor\) at resource group 'rg-images'$/,
      ],
      [
        'the template identity used for the build VM too',
        [],
        [TEMPLATE_IDENTITY],
        {},
        'warn',
        /holds more than it needs: 'id-aib' is also the template identity, so customizer scripts hold its distribution rights$/,
      ],
      [
        'access-admin on a single resource',
        [grant(USER_ACCESS_ADMINISTRATOR, STORAGE)],
        [BUILD],
        {},
        'fail',
        /^The build VM identity 'id-build' holds too much: access-admin \(User Access Administrator\) at resource 'scripts'$/,
      ],
      [
        'Owner on a resource group',
        [grant(OWNER, RG_ID)],
        [BUILD],
        {},
        'fail',
        /access-admin \(Owner\) at resource group 'rg-images'/,
      ],
      [
        'Contributor on the subscription, for the second of two identities',
        [grant(CONTRIBUTOR, SUB_ID, TOOLS_PRINCIPAL)],
        [BUILD, TOOLS],
        {},
        'fail',
        /^The build VM identities 'id-build', 'id-tools' hold too much: broad-write \(Contributor\) at subscription/,
      ],
      [
        'Contributor on a management group',
        [grant(CONTRIBUTOR, managementGroupScope('corp'))],
        [BUILD],
        {},
        'fail',
        /broad-write \(Contributor\) at management group 'corp'/,
      ],
      [
        'a list that is an expression',
        [],
        "[variables('vmIdentities')]",
        {},
        'unknown',
        /^What the build VM identities may do is unknown: properties\.vmProfile\.userAssignedIdentities is an unresolved template expression$/,
      ],
      [
        'an identity not in the snapshot',
        [],
        [identityId('id-gone')],
        {},
        'unknown',
        /is unknown: identity 'id-gone' is not among the userAssignedIdentities of subscription/,
      ],
      [
        'an identity in a subscription that was not scanned',
        [],
        [identityId('id-far', 'rg', '00000000-0000-0000-0000-0000000000ff')],
        {},
        'unknown',
        /identity 'id-far' is in subscription 00000000-0000-0000-0000-0000000000ff, which is not in the snapshot$/,
      ],
      [
        'an assignment whose role definition is missing',
        [grant('missing-guid', STORAGE)],
        [BUILD],
        {},
        'unknown',
        /is unknown: role definition missing-guid is not in roleDefinitions$/,
      ],
    ].map(([name, assignments, identities, subscription, status, message]) => ({
      name,
      assignments,
      identities,
      subscription,
      status,
      message,
    })),
  )(
    '$name -> $status',
    ({ assignments, identities, subscription, status, message }: any) => {
      const outcome = evaluate(assignments, identities, subscription);
      expect(outcome.status).toBe(status);
      expect(outcome.message).toMatch(message);
    },
  );

  it('shows the identities, the shared one and each assignment', () => {
    const outcome = evaluate(
      [grant(CONTRIBUTOR, RG_ID, TEMPLATE_PRINCIPAL)],
      [TEMPLATE_IDENTITY],
    );
    expect(outcome.status).toBe('warn');
    expect(outcome.evidence).toEqual([
      {
        path: 'properties.vmProfile.userAssignedIdentities',
        observed: [TEMPLATE_IDENTITY],
      },
      {
        path: 'identity.userAssignedIdentities',
        observed: TEMPLATE_IDENTITY,
        note: 'also the template identity',
      },
      {
        observed: {
          principalId: TEMPLATE_PRINCIPAL,
          principalType: 'ServicePrincipal',
          role: 'Contributor',
          roleDefinitionId: CONTRIBUTOR.id,
          scope: RG_ID,
        },
        note: `identity 'id-aib' (principal ${TEMPLATE_PRINCIPAL}): warn: broad-write (Contributor) at resource group 'rg-images'`,
      },
    ]);
  });

  it('is unknown when assignments, definitions or identities could not be read', () => {
    expect(
      evaluate(null, [BUILD], {
        errors: [
          { collection: 'roleAssignments', code: 'AuthorizationFailed' },
        ],
      }),
    ).toMatchObject({
      status: 'unknown',
      evidence: [
        { collection: 'roleAssignments', code: 'AuthorizationFailed' },
      ],
    });
    expect(evaluate([], [BUILD], { roleDefinitions: null })).toMatchObject({
      status: 'unknown',
      evidence: [{ collection: 'roleDefinitions', code: 'NotCollected' }],
    });
    const noIdentities = evaluate([], [BUILD], {
      userAssignedIdentities: null,
      errors: [
        { collection: 'userAssignedIdentities', code: 'AuthorizationFailed' },
      ],
    });
    expect(noIdentities.status).toBe('unknown');
    expect(noIdentities.message).toMatch(
      /the userAssignedIdentities of subscription .* could not be read \(AuthorizationFailed\)$/,
    );
    expect(noIdentities.evidence[0]).toMatchObject({
      collection: 'userAssignedIdentities',
      code: 'AuthorizationFailed',
    });
  });

  it('fails on a known excess even when another identity is unknown', () => {
    const outcome = evaluate(
      [grant(OWNER, RG_ID)],
      [BUILD, identityId('id-gone')],
    );
    expect(outcome.status).toBe('fail');
    expect(outcome.message).toMatch(
      /not resolved, without effect on this result/,
    );
  });
});

describe('build-vm-identity-privilege in one scan', () => {
  // Templates sharing a build VM identity share what is judged of its assignments: each must be
  // judged as it is alone in its own scan.
  it.each([
    ['without doubt', READER],
    ['with a role that cannot be resolved', 'missing-guid'],
  ])('judges templates sharing identities as each alone (%s)', (_, role) => {
    const templates = [
      templateWith([BUILD]),
      templateWith([BUILD, TOOLS]),
      templateWith([TOOLS.toUpperCase()]),
      templateWith([BUILD]),
      templateWith([TEMPLATE_IDENTITY.toUpperCase(), BUILD]),
      templateWith([TEMPLATE_IDENTITY]),
    ];
    const sub = makeSubscription({
      imageTemplates: templates,
      roleAssignments: [
        grant(CONTRIBUTOR, RG_ID),
        grant(READER, STORAGE),
        grant(role, SUB_ID),
        grant(OWNER, STORAGE, TOOLS_PRINCIPAL),
        grant(CONTRIBUTOR, SUB_ID, TEMPLATE_PRINCIPAL),
      ],
      roleDefinitions: ALL_ROLES,
      userAssignedIdentities: IDENTITIES,
    });
    expectSharedScanAgreesWithAlone(
      buildVmIdentityPrivilegeRule,
      sub,
      templates,
    );
  });
});
