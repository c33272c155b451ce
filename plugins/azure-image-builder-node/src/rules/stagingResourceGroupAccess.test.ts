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
  makeSnapshot,
  makeSubscription,
  makeTemplate,
  SUB,
  SUB_ID,
  expectSharedScanAgreesWithAlone,
} from '../engine/__testUtils__/snapshots';
import { SnapshotIndex } from '../engine/SnapshotIndex';
import { stagingResourceGroupAccessRule } from './stagingResourceGroupAccess';

const STAGING = `${SUB_ID}/resourceGroups/rg-staging`;
const IT_GROUP = `${SUB_ID}/resourceGroups/IT_rg-images_tpl_0a1b2c`;
const IDENTITY = identityId('id-aib');
const IDENTITY_PRINCIPAL = 'bbbbbbbb-0000-4000-8000-000000000001';
const USER = 'aaaaaaaa-0000-4000-8000-000000000001';
const APP = 'aaaaaaaa-0000-4000-8000-000000000002';

function templateWith(
  properties: Record<string, unknown> = { stagingResourceGroup: STAGING },
  principalId: string | null = IDENTITY_PRINCIPAL, // null: the template carries none
) {
  return makeTemplate('tpl', properties, {
    identity: templateIdentity([[IDENTITY, principalId ?? undefined]]),
  });
}

function evaluate(
  roleAssignments: ArmResource[] | null,
  options: {
    template?: ArmResource;
    ruleOptions?: Record<string, unknown>;
    subscription?: Partial<SnapshotSubscription>;
  } = {},
) {
  return evaluateRule(
    stagingResourceGroupAccessRule,
    options.template ?? templateWith(),
    { roleAssignments, roleDefinitions: ALL_ROLES, ...options.subscription },
    options.ruleOptions ?? {},
  );
}

const identityAt = (role: ArmResource, scope: string) =>
  makeRoleAssignment(IDENTITY_PRINCIPAL, role, scope, {
    principalType: 'ServicePrincipal',
  });
const userAt = (role: ArmResource | string, scope: string) =>
  makeRoleAssignment(USER, role, scope);
const appAt = (role: ArmResource | string, scope: string) =>
  makeRoleAssignment(APP, role, scope, { principalType: 'ServicePrincipal' });

describe('staging-resource-group-access', () => {
  it('has the metadata of RULES.md #8', () => {
    expect(stagingResourceGroupAccessRule.metadata).toMatchObject({
      id: 'staging-resource-group-access',
      number: 8,
      severity: 'high',
    });
  });

  it.each(
    [
      [
        'nobody else writes to the staging group',
        [identityAt(CONTRIBUTOR, STAGING), userAt(READER, STAGING)],
        {},
        'pass',
        /^No principal other than the template identity can write to staging resource group 'rg-staging'$/,
      ],
      [
        'the template identity as Owner (rule 9 judges that)',
        [identityAt(OWNER, STAGING)],
        {},
        'pass',
        /^No principal/,
      ],
      [
        'a writer in allowedPrincipals',
        [userAt(CONTRIBUTOR, STAGING)],
        { ruleOptions: { allowedPrincipals: [USER.toUpperCase()] } },
        'pass',
        /other than the template identity and allowedPrincipals/,
      ],
      [
        'a writer on a group whose name extends the staging group',
        [userAt(CONTRIBUTOR, `${STAGING}-2`)],
        {},
        'pass',
        /^No principal/,
      ],
      [
        'Contributor at the staging group',
        [identityAt(CONTRIBUTOR, STAGING), userAt(CONTRIBUTOR, STAGING)],
        {},
        'fail',
        /^1 principal\(s\) other than the template identity can write to staging resource group 'rg-staging' through assignments at the group or below: User aaaaaaaa-0000-4000-8000-000000000001 \(Contributor at resource group 'rg-staging'\)$/,
      ],
      [
        'Contributor at a resource inside the staging group',
        [
          appAt(
            CONTRIBUTOR,
            `${STAGING}/providers/Microsoft.Storage/storageAccounts/s`,
          ),
        ],
        {},
        'fail',
        /ServicePrincipal .* \(Contributor at resource 's'\)/,
      ],
      [
        'access-admin alone (User Access Administrator) at the staging group',
        [userAt(USER_ACCESS_ADMINISTRATOR, STAGING)],
        {},
        'fail',
        /User Access Administrator at resource group 'rg-staging'/,
      ],
      [
        'Contributor at the subscription',
        [userAt(CONTRIBUTOR, SUB_ID)],
        {},
        'warn',
        /^Staging resource group 'rg-staging': 1 principal\(s\) other than the template identity can write to it through subscription, management group or root assignments: User .* \(Contributor at subscription '.*'\)$/,
      ],
      [
        'Owner at a management group',
        [userAt(OWNER, managementGroupScope('corp'))],
        {},
        'warn',
        /Owner at management group 'corp'/,
      ],
      [
        'stagingResourceGroup unset: the service-made IT_ group',
        [identityAt(CONTRIBUTOR, SUB_ID)],
        { template: templateWith({ exactStagingResourceGroup: IT_GROUP }) },
        'warn',
        /^Staging resource group 'IT_rg-images_tpl_0a1b2c': properties\.stagingResourceGroup is not set, so the service creates/,
      ],
      [
        'stagingResourceGroup unset and a writer on the IT_ group',
        [userAt(CONTRIBUTOR, IT_GROUP)],
        { template: templateWith({ exactStagingResourceGroup: IT_GROUP }) },
        'fail',
        /staging resource group 'IT_rg-images_tpl_0a1b2c'/,
      ],
      [
        'the identity principal read from the identity resource',
        [identityAt(CONTRIBUTOR, STAGING)],
        {
          template: templateWith(undefined, null),
          subscription: {
            userAssignedIdentities: [
              makeIdentity('id-aib', IDENTITY_PRINCIPAL),
            ],
          },
        },
        'pass',
        /^No principal/,
      ],
      [
        'no staging group known',
        [],
        { template: templateWith({}) },
        'unknown',
        /^Who can write to the staging resource group is unknown: properties\.stagingResourceGroup is not set and the service has not reported properties\.exactStagingResourceGroup$/,
      ],
      [
        'a staging group that is an expression',
        [],
        {
          template: templateWith({
            stagingResourceGroup: "[parameters('staging')]",
          }),
        },
        'unknown',
        /properties\.stagingResourceGroup is an unresolved template expression$/,
      ],
      [
        'a staging group that is not a resource group id',
        [],
        { template: templateWith({ stagingResourceGroup: 'rg-staging' }) },
        'unknown',
        /'rg-staging' is not a resource group id$/,
      ],
      [
        'a writer whose role definition is missing',
        [userAt('missing-guid', STAGING)],
        {},
        'unknown',
        /is unknown: role definition missing-guid is not in roleDefinitions$/,
      ],
      [
        'a service principal writer while the identity principal is unknown',
        [appAt(CONTRIBUTOR, STAGING)],
        { template: templateWith(undefined, null) },
        'unknown',
        /is unknown: identity 'id-aib' is not among the userAssignedIdentities of subscription/,
      ],
      [
        'a user writer while the identity principal is unknown',
        [userAt(CONTRIBUTOR, STAGING)],
        { template: templateWith(undefined, null) },
        'fail',
        /not resolved, without effect on this result: identity 'id-aib'/,
      ],
    ].map(([name, assignments, options, status, message]) => ({
      name,
      assignments,
      options,
      status,
      message,
    })),
  )('$name -> $status', ({ assignments, options, status, message }: any) => {
    const outcome = evaluate(assignments, options);
    expect(outcome.status).toBe(status);
    expect(outcome.message).toMatch(message);
  });

  it('shows the staging group and each writer in the evidence', () => {
    const outcome = evaluate([userAt(OWNER, STAGING)]);
    expect(outcome.evidence).toEqual([
      { path: 'properties.stagingResourceGroup', observed: STAGING },
      {
        observed: {
          principalId: USER,
          principalType: 'User',
          role: 'Owner',
          roleDefinitionId: OWNER.id,
          scope: STAGING,
        },
        note: "broad-write, access-admin at resource group 'rg-staging'",
      },
    ]);
  });

  it('is unknown when role assignments or definitions could not be read', () => {
    const noAssignments = evaluate(null, {
      subscription: {
        errors: [
          { collection: 'roleAssignments', code: 'AuthorizationFailed' },
        ],
      },
    });
    expect(noAssignments.status).toBe('unknown');
    expect(noAssignments.evidence).toEqual([
      { collection: 'roleAssignments', code: 'AuthorizationFailed' },
    ]);
    const noDefinitions = evaluate([], {
      subscription: { roleDefinitions: null },
    });
    expect(noDefinitions.status).toBe('unknown');
    expect(noDefinitions.evidence).toEqual([
      { collection: 'roleDefinitions', code: 'NotCollected' },
    ]);
  });

  it("reads the assignments of the staging group's own subscription", () => {
    const other = '00000000-0000-0000-0000-000000000002';
    const staging = `/subscriptions/${other}/resourceGroups/rg-staging`;
    const template = templateWith({ stagingResourceGroup: staging });
    const home = makeSubscription({
      imageTemplates: [template],
      roleAssignments: [],
      roleDefinitions: ALL_ROLES,
    });
    const elsewhere = makeSubscription({
      subscriptionId: other,
      roleAssignments: [userAt(CONTRIBUTOR, staging)],
      roleDefinitions: ALL_ROLES,
    });
    const index = SnapshotIndex.build(makeSnapshot([home, elsewhere]));
    const outcome = stagingResourceGroupAccessRule.evaluate({
      template,
      subscription: home,
      index,
      options: {},
    });
    expect(outcome.status).toBe('fail');

    const alone = SnapshotIndex.build(makeSnapshot([home]));
    const unknown = stagingResourceGroupAccessRule.evaluate({
      template,
      subscription: home,
      index: alone,
      options: {},
    });
    expect(unknown).toMatchObject({
      status: 'unknown',
      message: `Who can write to the staging resource group is unknown: it is in subscription ${other}, which is not in the snapshot`,
    });
    expect(SUB).not.toBe(other);
  });
});

describe('staging-resource-group-access in one scan', () => {
  // What is judged of the grants above the staging groups is shared between the templates of a
  // subscription: each must be judged as it is alone in its own scan.
  it.each([
    ['without options', {}],
    ['with allowedPrincipals', { allowedPrincipals: [APP.toUpperCase()] }],
  ])(
    'judges the templates of a subscription as each alone (%s)',
    (_, ruleOptions) => {
      const stagings = [0, 1, 2].map(
        i => `${SUB_ID}/resourceGroups/rg-st-${i}`,
      );
      const templates = [
        ...stagings.map(staging =>
          templateWith({ stagingResourceGroup: staging }),
        ),
        templateWith({ exactStagingResourceGroup: stagings[0] }, null),
        templateWith(
          { stagingResourceGroup: stagings[1] },
          'bbbbbbbb-0000-4000-8000-000000000009',
        ),
      ];
      const sub = makeSubscription({
        imageTemplates: templates,
        roleAssignments: [
          ...stagings.map(staging => identityAt(CONTRIBUTOR, staging)),
          userAt(CONTRIBUTOR, stagings[2]),
          appAt(OWNER, SUB_ID),
          identityAt(OWNER, SUB_ID),
          userAt(READER, SUB_ID),
          userAt('missing-guid', managementGroupScope('mg')),
        ],
        roleDefinitions: ALL_ROLES,
        userAssignedIdentities: [makeIdentity('id-aib', IDENTITY_PRINCIPAL)],
      });
      expectSharedScanAgreesWithAlone(
        stagingResourceGroupAccessRule,
        sub,
        templates,
        ruleOptions,
      );
    },
  );
});
