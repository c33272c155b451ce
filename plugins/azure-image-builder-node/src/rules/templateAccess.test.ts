import { ArmResource } from '@aib-scorecards/plugin-azure-image-builder-common';
import {
  ALL_ROLES,
  CONTRIBUTOR,
  IMAGE_TEMPLATE_OPERATOR,
  makeRoleAssignment,
  managementGroupScope,
  OWNER,
  READER,
  VIRTUAL_MACHINE_CONTRIBUTOR,
} from '../engine/__testUtils__/rbac';
import {
  evaluateRule,
  makeSubscription,
  makeTemplate,
  RG_ID,
  SUB_ID,
  templateId,
  expectSharedScanAgreesWithAlone,
} from '../engine/__testUtils__/snapshots';
import { templateAccessRule } from './templateAccess';

const template = makeTemplate('tpl');
const T = template.id;
const MG = managementGroupScope('platform');
const p = (n: number) =>
  `aaaaaaaa-0000-4000-8000-${String(n).padStart(12, '0')}`;
const assign = (
  n: number,
  role: ArmResource | string,
  scope: string,
  principalType?: string | null,
) => makeRoleAssignment(p(n), role, scope, { principalType });

function evaluate(
  roleAssignments: ArmResource[] | null,
  options: Record<string, unknown> = {},
  roleDefinitions: ArmResource[] | null = ALL_ROLES,
) {
  return evaluateRule(
    templateAccessRule,
    template,
    { roleAssignments, roleDefinitions },
    options,
  );
}

const many = (count: number, scope = RG_ID) =>
  Array.from({ length: count }, (_, i) => assign(i + 1, CONTRIBUTOR, scope));

describe('template-access', () => {
  it('has the metadata of RULES.md #7', () => {
    expect(templateAccessRule.metadata).toMatchObject({
      id: 'template-access',
      number: 7,
      severity: 'high',
    });
  });

  it.each(
    [
      [
        'no assignment at all',
        [],
        {},
        'pass',
        /^No principal holds template-write/,
      ],
      [
        'only readers and VM contributors, even at the subscription',
        [
          assign(1, READER, SUB_ID),
          assign(2, VIRTUAL_MACHINE_CONTRIBUTOR, SUB_ID),
        ],
        {},
        'pass',
        /^No principal holds template-write/,
      ],
      [
        'Contributor at the resource group',
        [assign(1, CONTRIBUTOR, RG_ID)],
        {},
        'pass',
        /^1 principal\(s\) can change, delete or run the template, all granted at the template or its resource group: User aaaaaaaa-0000-4000-8000-000000000001 \(Contributor at resource group 'rg-images'\)$/,
      ],
      [
        'a custom template-write role at the template, an Owner at the group',
        [
          assign(1, IMAGE_TEMPLATE_OPERATOR, T),
          assign(2, OWNER, RG_ID, 'Group'),
        ],
        {},
        'pass',
        /^2 principal\(s\).*Image Template Operator at resource 'tpl'.*Group aaaa.*Owner at resource group/,
      ],
      [
        'five principals (the default maximum)',
        many(5),
        {},
        'pass',
        /^5 principal/,
      ],
      [
        'one principal granted twice counts once',
        [assign(1, CONTRIBUTOR, RG_ID), assign(1, OWNER, T)],
        { maxPrincipals: 1 },
        'pass',
        /^1 principal/,
      ],
      [
        'assignments on a neighbouring group and another template do not cover it',
        [
          assign(1, OWNER, `${RG_ID}b`),
          assign(2, OWNER, templateId('tpl2')),
          assign(3, OWNER, templateId('tpl', 'other')),
        ],
        {},
        'pass',
        /^No principal/,
      ],
      [
        'every holder in allowedPrincipals (any casing)',
        [assign(1, CONTRIBUTOR, RG_ID)],
        { allowedPrincipals: [p(1).toUpperCase()] },
        'pass',
        /^1 principal/,
      ],
      [
        'Contributor at the subscription',
        [assign(1, CONTRIBUTOR, RG_ID), assign(2, CONTRIBUTOR, SUB_ID)],
        {},
        'warn',
        /^Access to change, delete or run the template is too broad: 1 principal\(s\) hold it through a subscription, management group or root assignment: User .*0002 \(Contributor at subscription '00000000-0000-0000-0000-000000000001'\)$/,
      ],
      [
        'Owner at a management group',
        [assign(1, OWNER, MG)],
        {},
        'warn',
        /Owner at management group 'platform'/,
      ],
      [
        'Owner at the root',
        [assign(1, OWNER, '/')],
        {},
        'warn',
        /Owner at the root scope/,
      ],
      [
        'six principals',
        many(6),
        {},
        'warn',
        /too broad: 6 principals hold it, more than maxPrincipals \(5\)$/,
      ],
      [
        'three principals with maxPrincipals 2',
        many(3),
        { maxPrincipals: 2 },
        'warn',
        /more than maxPrincipals \(2\)/,
      ],
      [
        'maxPrincipals given as text',
        many(6),
        { maxPrincipals: '6' },
        'pass',
        /^6 principal/,
      ],
      [
        'a holder outside allowedPrincipals',
        [assign(1, CONTRIBUTOR, RG_ID), assign(2, IMAGE_TEMPLATE_OPERATOR, T)],
        { allowedPrincipals: [p(1)] },
        'fail',
        /^1 principal\(s\) outside allowedPrincipals can change, delete or run the template: User .*0002 \(Image Template Operator at resource 'tpl'\)$/,
      ],
      [
        'an empty allowedPrincipals allows nobody',
        [assign(1, CONTRIBUTOR, RG_ID)],
        { allowedPrincipals: [] },
        'fail',
        /outside allowedPrincipals/,
      ],
      [
        'fail outranks warn',
        [assign(1, OWNER, SUB_ID)],
        { allowedPrincipals: [p(2)] },
        'fail',
        /outside allowedPrincipals/,
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

  it('names each principal, its type, the role and the scope in the evidence', () => {
    const outcome = evaluate([assign(1, OWNER, SUB_ID, 'ServicePrincipal')], {
      allowedPrincipals: [p(2)],
    });
    expect(outcome.evidence).toEqual([
      {
        observed: {
          principalId: p(1),
          principalType: 'ServicePrincipal',
          role: 'Owner',
          roleDefinitionId: OWNER.id,
          scope: SUB_ID,
        },
        note: `template-write at subscription '00000000-0000-0000-0000-000000000001'; wider than the resource group; not in allowedPrincipals`,
      },
    ]);
  });

  it('resolves roles referenced without the subscription (tenant-level form)', () => {
    const outcome = evaluate([
      makeRoleAssignment(p(1), OWNER, SUB_ID, { tenantLevelRoleId: true }),
    ]);
    expect(outcome.status).toBe('warn');
    expect(outcome.message).toMatch(/Owner at subscription/);
  });

  describe('unknown', () => {
    it('when role assignments could not be read, with the error code', () => {
      const outcome = evaluateRule(templateAccessRule, template, {
        roleAssignments: null,
        errors: [
          { collection: 'roleAssignments', code: 'AuthorizationFailed' },
        ],
      });
      expect(outcome).toEqual({
        status: 'unknown',
        message: expect.stringMatching(
          /^Who can change the template is unknown: the roleAssignments of subscription .* could not be read \(AuthorizationFailed\)$/,
        ),
        evidence: [
          { collection: 'roleAssignments', code: 'AuthorizationFailed' },
        ],
      });
    });

    it('when role definitions were not collected', () => {
      const outcome = evaluate([assign(1, OWNER, RG_ID)], {}, null);
      expect(outcome.status).toBe('unknown');
      expect(outcome.evidence).toEqual([
        { collection: 'roleDefinitions', code: 'NotCollected' },
      ]);
    });

    it('when a missing role definition could make the verdict worse', () => {
      const outcome = evaluate([assign(1, 'missing-guid', SUB_ID)]);
      expect(outcome.status).toBe('unknown');
      expect(outcome.message).toBe(
        'Who can change the template is unknown: role definition missing-guid is not in roleDefinitions',
      );
      expect(outcome.evidence[0]).toMatchObject({
        collection: 'roleDefinitions',
        code: 'RoleDefinitionNotFound',
        observed: { principalId: p(1), role: null, scope: SUB_ID },
      });
    });

    it('when an unknown role could push the count over maxPrincipals', () => {
      expect(
        evaluate([...many(5), assign(9, 'missing-guid', RG_ID)]).status,
      ).toBe('unknown');
    });

    it('when a role definition cannot be read', () => {
      const broken = { ...READER, properties: { roleName: 'Broken' } };
      const outcome = evaluate([assign(1, READER, SUB_ID)], {}, [broken]);
      expect(outcome.status).toBe('unknown');
      expect(outcome.message).toMatch(
        /the permissions of role 'Broken' cannot be read/,
      );
      expect(outcome.evidence[0].code).toBe('InvalidRoleDefinition');
    });
  });

  it('keeps its verdict, and says so, when a missing definition cannot change it', () => {
    const passing = evaluate([assign(1, 'missing-guid', RG_ID)]);
    expect(passing.status).toBe('pass');
    expect(passing.message).toMatch(
      /; not resolved, without effect on this result: role definition missing-guid is not in roleDefinitions$/,
    );
    expect(passing.evidence).toContainEqual(
      expect.objectContaining({ code: 'RoleDefinitionNotFound' }),
    );
    const failing = evaluate(
      [assign(1, OWNER, RG_ID), assign(2, 'missing-guid', SUB_ID)],
      { allowedPrincipals: [] },
    );
    expect(failing.status).toBe('fail');
  });

  it('refuses an invalid option with the config key', () => {
    expect(() => evaluate([], { maxPrincipals: 'lots' })).toThrow(
      'azureImageBuilder.rules.template-access.maxPrincipals must be a non-negative integer, got "lots"',
    );
    expect(() => evaluate([], { allowedPrincipals: 'x' })).toThrow(
      'azureImageBuilder.rules.template-access.allowedPrincipals must be a list of principal ids',
    );
  });
});

describe('template-access in one scan', () => {
  // Templates of one resource group share the grants above them, and then their outcome: each
  // must be judged as it is alone in its own scan.
  it.each([
    ['without options', {}],
    ['with allowedPrincipals', { allowedPrincipals: [p(2)], maxPrincipals: 2 }],
  ])('judges the templates of a group as each alone (%s)', (_, options) => {
    const templates = [0, 1, 2, 3].map(i => makeTemplate(`t-${i}`));
    const sub = makeSubscription({
      imageTemplates: templates,
      roleAssignments: [
        assign(1, CONTRIBUTOR, RG_ID),
        assign(2, IMAGE_TEMPLATE_OPERATOR, templateId('t-1')),
        assign(3, 'missing-guid', templateId('t-2')),
        assign(4, OWNER, SUB_ID),
        assign(5, READER, MG),
      ],
      roleDefinitions: ALL_ROLES,
    });
    const runShared = expectSharedScanAgreesWithAlone(
      templateAccessRule,
      sub,
      templates,
      options,
    );
    // Templates without grants of their own share one frozen outcome.
    const outcome = runShared(templates[0]);
    expect(runShared(templates[3])).toBe(outcome);
    expect(Object.isFrozen(outcome.evidence[0])).toBe(true);
  });
});
