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
  makeRoleDefinition,
  managementGroupScope,
  OWNER,
  RBAC_ADMINISTRATOR,
  READER,
  templateIdentity,
  USER_ACCESS_ADMINISTRATOR,
} from '../engine/__testUtils__/rbac';
import {
  evaluateRule,
  makeSnapshot,
  makeSubscription,
  makeTemplate,
  RG_ID,
  SUB_ID,
  expectSharedScanAgreesWithAlone,
} from '../engine/__testUtils__/snapshots';
import { SnapshotIndex } from '../engine/SnapshotIndex';
import { templateIdentityPrivilegeRule } from './templateIdentityPrivilege';

const STAGING = `${SUB_ID}/resourceGroups/rg-staging`;
const GALLERY_RG = `${SUB_ID}/resourceGroups/rg-gallery`;
const GALLERY = `${GALLERY_RG}/providers/Microsoft.Compute/galleries/g`;
const IDENTITY = identityId('id-aib');
const SECOND = identityId('id-second');
const PRINCIPAL = 'bbbbbbbb-0000-4000-8000-000000000001';
const SECOND_PRINCIPAL = 'bbbbbbbb-0000-4000-8000-000000000002';

/** What Image Builder needs to distribute: a narrow custom role (no class). */
const IMAGE_DISTRIBUTOR = makeRoleDefinition(
  '0a0a0a0a-0000-4000-8000-000000000002',
  'Image Distributor',
  [
    'Microsoft.Compute/galleries/read',
    'Microsoft.Compute/galleries/images/read',
    'Microsoft.Compute/galleries/images/versions/write',
  ],
);
const ROLES = [...ALL_ROLES, IMAGE_DISTRIBUTOR];

function templateWith(
  identity: unknown = templateIdentity([[IDENTITY, PRINCIPAL]]),
  properties: Record<string, unknown> = { stagingResourceGroup: STAGING },
) {
  return makeTemplate('tpl', properties, { identity });
}

const grant = (
  role: ArmResource | string,
  scope: string,
  principal = PRINCIPAL,
) =>
  makeRoleAssignment(principal, role, scope, {
    principalType: 'ServicePrincipal',
  });

function evaluate(
  roleAssignments: ArmResource[] | null,
  template: ArmResource = templateWith(),
  subscription: Partial<SnapshotSubscription> = {},
) {
  return evaluateRule(templateIdentityPrivilegeRule, template, {
    roleAssignments,
    roleDefinitions: ROLES,
    ...subscription,
  });
}

describe('template-identity-privilege', () => {
  it('has the metadata of RULES.md #9', () => {
    expect(templateIdentityPrivilegeRule.metadata).toMatchObject({
      id: 'template-identity-privilege',
      number: 9,
      severity: 'high',
    });
  });

  it.each(
    [
      [
        'Contributor on the staging group, a narrow role on the gallery, Reader on the subscription',
        [
          grant(CONTRIBUTOR, STAGING),
          grant(IMAGE_DISTRIBUTOR, GALLERY_RG),
          grant(READER, SUB_ID),
        ],
        {},
        'pass',
        /^The template identity 'id-aib' holds no access-admin outside the staging resource group and no broad-write at another resource group or above$/,
      ],
      [
        'Contributor on a single resource (the gallery)',
        [grant(CONTRIBUTOR, GALLERY)],
        {},
        'pass',
        /^The template identity 'id-aib' holds no access-admin/,
      ],
      ['no assignment at all', [], {}, 'pass', /holds no access-admin/],
      [
        'the principal id read from the identity resource',
        [grant(CONTRIBUTOR, STAGING)],
        {
          template: templateWith(templateIdentity([[IDENTITY, undefined]])),
          subscription: {
            userAssignedIdentities: [makeIdentity('id-aib', PRINCIPAL)],
          },
        },
        'pass',
        /holds no access-admin/,
      ],
      [
        'Owner on the staging group',
        [grant(OWNER, STAGING)],
        {},
        'warn',
        /^The template identity 'id-aib' holds more than it needs: access-admin \(Owner\) at resource group 'rg-staging', the staging resource group, where Contributor is enough$/,
      ],
      [
        'Contributor on another resource group',
        [grant(CONTRIBUTOR, STAGING), grant(CONTRIBUTOR, GALLERY_RG)],
        {},
        'warn',
        /broad-write \(Contributor\) at resource group 'rg-gallery', not the staging resource group$/,
      ],
      [
        'two user-assigned identities',
        [grant(CONTRIBUTOR, STAGING)],
        {
          template: templateWith(
            templateIdentity([
              [IDENTITY, PRINCIPAL],
              [SECOND, SECOND_PRINCIPAL],
            ]),
          ),
        },
        'warn',
        /^The template identities 'id-aib', 'id-second' hold more than they need: the template has 2 user-assigned identities where one is used$/,
      ],
      [
        'the service-made IT_ group counts as the staging group',
        [grant(OWNER, `${SUB_ID}/resourceGroups/IT_x`)],
        {
          template: templateWith(undefined, {
            exactStagingResourceGroup: `${SUB_ID}/resourceGroups/IT_x`,
          }),
        },
        'warn',
        /where Contributor is enough/,
      ],
      [
        'no identity',
        [],
        { template: templateWith(null) },
        'fail',
        /^The template has no user-assigned identity/,
      ],
      [
        'identity type None',
        [],
        { template: templateWith({ type: 'None' }) },
        'fail',
        /no user-assigned identity/,
      ],
      [
        'a system-assigned identity only',
        [],
        { template: templateWith({ type: 'SystemAssigned' }) },
        'fail',
        /no user-assigned identity/,
      ],
      [
        'an empty userAssignedIdentities',
        [],
        {
          template: templateWith({
            type: 'UserAssigned',
            userAssignedIdentities: {},
          }),
        },
        'fail',
        /no user-assigned identity/,
      ],
      [
        'User Access Administrator on the template resource group',
        [grant(USER_ACCESS_ADMINISTRATOR, RG_ID)],
        {},
        'fail',
        /^The template identity 'id-aib' holds too much: access-admin \(User Access Administrator\) at resource group 'rg-images'$/,
      ],
      [
        'RBAC Administrator on the gallery',
        [grant(RBAC_ADMINISTRATOR, GALLERY)],
        {},
        'fail',
        /access-admin \(Role Based Access Control Administrator\) at resource 'g'/,
      ],
      [
        'Owner on the subscription',
        [grant(OWNER, SUB_ID)],
        {},
        'fail',
        /access-admin \(Owner\) at subscription/,
      ],
      [
        'Contributor on a management group',
        [grant(CONTRIBUTOR, managementGroupScope('corp'))],
        {},
        'fail',
        /holds too much: broad-write \(Contributor\) at management group 'corp'$/,
      ],
      [
        'no staging group known, but only a subscription-wide grant',
        [grant(CONTRIBUTOR, SUB_ID)],
        { template: templateWith(undefined, {}) },
        'fail',
        /broad-write \(Contributor\) at subscription/,
      ],
      [
        'no staging group known and Contributor on some resource group',
        [grant(CONTRIBUTOR, GALLERY_RG)],
        { template: templateWith(undefined, {}) },
        'unknown',
        /^What the template identity may do is unknown: whether a resource group is the staging group is unknown \(properties\.stagingResourceGroup is not set/,
      ],
      [
        'an identity that is an expression',
        [],
        {
          template: templateWith({
            type: 'UserAssigned',
            userAssignedIdentities: "[variables('identities')]",
          }),
        },
        'unknown',
        /identity\.userAssignedIdentities is an unresolved template expression$/,
      ],
      [
        'a principal that cannot be found',
        [],
        { template: templateWith(templateIdentity([[IDENTITY, undefined]])) },
        'unknown',
        /^What the template identity may do is unknown: identity 'id-aib' is not among the userAssignedIdentities of subscription/,
      ],
      [
        'an identity resource without a principalId',
        [],
        {
          template: templateWith(templateIdentity([[IDENTITY, undefined]])),
          subscription: {
            userAssignedIdentities: [makeIdentity('id-aib', undefined)],
          },
        },
        'unknown',
        /identity 'id-aib' has no principalId$/,
      ],
      [
        'an assignment whose role definition is missing',
        [grant('missing-guid', SUB_ID)],
        {},
        'unknown',
        /is unknown: role definition missing-guid is not in roleDefinitions$/,
      ],
      [
        'an unknown second principal beside a failing first',
        [grant(OWNER, SUB_ID)],
        {
          template: templateWith(
            templateIdentity([
              [IDENTITY, PRINCIPAL],
              [SECOND, undefined],
            ]),
          ),
        },
        'fail',
        /^The template identities 'id-aib', 'id-second' hold too much: access-admin \(Owner\).*not resolved, without effect on this result: identity 'id-second'/,
      ],
    ].map(([name, assignments, options, status, message]) => ({
      name,
      assignments,
      options,
      status,
      message,
    })),
  )('$name -> $status', ({ assignments, options, status, message }: any) => {
    const outcome = evaluate(
      assignments,
      options.template,
      options.subscription,
    );
    expect(outcome.status).toBe(status);
    expect(outcome.message).toMatch(message);
  });

  it('shows the identity, the staging group and each assignment of its principal', () => {
    const outcome = evaluate([
      grant(OWNER, SUB_ID),
      grant(CONTRIBUTOR, STAGING),
    ]);
    expect(outcome.evidence).toEqual([
      {
        path: 'identity.userAssignedIdentities',
        observed: [IDENTITY],
        expected: 'one user-assigned identity',
      },
      { path: 'properties.stagingResourceGroup', observed: STAGING },
      {
        observed: {
          principalId: PRINCIPAL,
          principalType: 'ServicePrincipal',
          role: 'Owner',
          roleDefinitionId: OWNER.id,
          scope: SUB_ID,
        },
        note: `identity 'id-aib' (principal ${PRINCIPAL}): fail: access-admin (Owner) at subscription '00000000-0000-0000-0000-000000000001'`,
      },
      expect.objectContaining({
        note: `identity 'id-aib' (principal ${PRINCIPAL}): broad-write at resource group 'rg-staging', within limits`,
      }),
    ]);
  });

  it('is unknown when role assignments or definitions could not be read', () => {
    const noAssignments = evaluate(null, undefined, {
      errors: [{ collection: 'roleAssignments', code: 'AuthorizationFailed' }],
    });
    expect(noAssignments).toMatchObject({
      status: 'unknown',
      evidence: [
        { collection: 'roleAssignments', code: 'AuthorizationFailed' },
      ],
    });
    expect(evaluate([], undefined, { roleDefinitions: null })).toMatchObject({
      status: 'unknown',
      evidence: [{ collection: 'roleDefinitions', code: 'NotCollected' }],
    });
    const noIdentities = evaluate(
      [],
      templateWith(templateIdentity([[IDENTITY, undefined]])),
      {
        userAssignedIdentities: null,
        errors: [
          { collection: 'userAssignedIdentities', code: 'AuthorizationFailed' },
        ],
      },
    );
    expect(noIdentities.status).toBe('unknown');
    expect(noIdentities.evidence[0]).toMatchObject({
      collection: 'userAssignedIdentities',
      code: 'AuthorizationFailed',
      observed: IDENTITY,
    });
  });

  it("counts the principal's assignments in the snapshot's other subscriptions", () => {
    const other = '00000000-0000-0000-0000-000000000002';
    const template = templateWith();
    const home = makeSubscription({
      imageTemplates: [template],
      roleAssignments: [grant(CONTRIBUTOR, STAGING)],
      roleDefinitions: ROLES,
    });
    const elsewhere = makeSubscription({
      subscriptionId: other,
      roleAssignments: [grant(CONTRIBUTOR, `/subscriptions/${other}`)],
      roleDefinitions: ROLES,
    });
    const outcome = templateIdentityPrivilegeRule.evaluate({
      template,
      subscription: home,
      index: SnapshotIndex.build(makeSnapshot([home, elsewhere])),
      options: {},
    });
    expect(outcome.status).toBe('fail');
    expect(outcome.message).toMatch(
      `broad-write (Contributor) at subscription '${other}'`,
    );
  });
});

describe('template-identity-privilege in one scan', () => {
  // Templates sharing an identity share what is judged of its assignments: each must be judged as
  // it is alone in its own scan.
  it.each([
    ['without doubt', READER],
    ['with a role that cannot be resolved', 'missing-guid'],
  ])('judges templates sharing an identity as each alone (%s)', (_, role) => {
    const stagings = [0, 1, 2, 3].map(
      i => `${SUB_ID}/resourceGroups/rg-st-${i}`,
    );
    const templates = stagings.map((staging, i) =>
      makeTemplate(
        `tpl-${i}`,
        i === 3
          ? { exactStagingResourceGroup: staging }
          : { stagingResourceGroup: staging },
        {
          identity: templateIdentity([
            [IDENTITY, i % 2 ? PRINCIPAL : undefined],
          ]),
        },
      ),
    );
    templates.push(templateWith(undefined, {}));
    const sub = makeSubscription({
      imageTemplates: templates,
      roleAssignments: [
        ...stagings.map(staging => grant(CONTRIBUTOR, staging)),
        grant(USER_ACCESS_ADMINISTRATOR, stagings[1]),
        grant(IMAGE_DISTRIBUTOR, GALLERY_RG),
        grant(role, SUB_ID),
      ],
      roleDefinitions: ROLES,
      userAssignedIdentities: [makeIdentity('id-aib', PRINCIPAL)],
    });
    expectSharedScanAgreesWithAlone(
      templateIdentityPrivilegeRule,
      sub,
      templates,
    );
  });
});
