import fs from 'fs';
import path from 'path';
import { ArmResource } from '@aib-scorecards/plugin-azure-image-builder-common';
import { FIXTURES_DIR } from '../__testUtils__/fixtures';
import {
  CONTRIBUTOR,
  IMAGE_TEMPLATE_OPERATOR,
  makeRoleDefinition,
  OWNER,
  RBAC_ADMINISTRATOR,
  READER,
  USER_ACCESS_ADMINISTRATOR,
  VIRTUAL_MACHINE_CONTRIBUTOR,
} from '../__testUtils__/rbac';
import {
  grantsAction,
  grantsBroadWrite,
  roleClassesOf,
  rolePermissions,
} from './roleClasses';

function classes(definition: ArmResource): string[] {
  const c = roleClassesOf(definition)!;
  return Object.entries(c)
    .filter(([, v]) => v)
    .map(([k]) => k)
    .sort();
}

function role(actions: string[], notActions: string[] = []) {
  return makeRoleDefinition('guid', 'r', actions, notActions);
}

describe('roleClassesOf', () => {
  it.each([
    [OWNER, ['access-admin', 'broad-write', 'template-write']],
    // Contributor's notActions remove Microsoft.Authorization writes, not the other writes.
    [CONTRIBUTOR, ['broad-write', 'template-write']],
    [READER, []],
    [USER_ACCESS_ADMINISTRATOR, ['access-admin']],
    [RBAC_ADMINISTRATOR, ['access-admin']],
    [VIRTUAL_MACHINE_CONTRIBUTOR, []],
    [IMAGE_TEMPLATE_OPERATOR, ['template-write']],
  ])('%# %s', (definition, expected) => {
    expect(classes(definition)).toEqual(expected);
  });

  it('ignores role names: a role named Owner that only reads is in no class', () => {
    expect(
      classes(makeRoleDefinition('g', 'Owner', ['*/read'], [], 'BuiltInRole')),
    ).toEqual([]);
  });

  it.each([
    [['*'], ['*/write'], ['template-write']], // delete and run/action are left
    [
      ['*'],
      ['Microsoft.VirtualMachineImages/*'],
      ['access-admin', 'broad-write'],
    ],
    [
      ['Microsoft.VirtualMachineImages/imageTemplates/*'],
      [
        'Microsoft.VirtualMachineImages/imageTemplates/write',
        'Microsoft.VirtualMachineImages/imageTemplates/delete',
      ],
      ['template-write'], // run/action is left
    ],
    [
      ['Microsoft.VirtualMachineImages/imageTemplates/*'],
      ['Microsoft.VirtualMachineImages/*'],
      [],
    ],
    [
      ['Microsoft.VirtualMachineImages/imageTemplates/run/action'],
      [],
      ['template-write'],
    ],
    [['Microsoft.VirtualMachineImages/imageTemplates/read'], [], []],
    [['Microsoft.Authorization/roleAssignments/*'], [], ['access-admin']],
    [['Microsoft.Authorization/*'], ['Microsoft.Authorization/*/write'], []],
  ])('actions %j minus %j -> %j', (actions, notActions, expected) => {
    expect(classes(role(actions, notActions))).toEqual(expected);
  });

  it('subtracts notActions only within their own permission entry', () => {
    const definition = role([]);
    definition.properties!.permissions = [
      { actions: ['*'], notActions: ['Microsoft.Authorization/*'] },
      {
        actions: ['Microsoft.Authorization/roleAssignments/write'],
        notActions: [],
      },
    ];
    expect(classes(definition)).toContain('access-admin');
  });

  it('is undefined when the permissions cannot be read', () => {
    expect(roleClassesOf({ id: 'x', properties: {} })).toBeUndefined();
    expect(roleClassesOf({ id: 'x' })).toBeUndefined();
    expect(
      roleClassesOf({
        id: 'x',
        properties: { permissions: [{ actions: '*' }] },
      }),
    ).toBeUndefined();
    expect(
      roleClassesOf({ id: 'x', properties: { permissions: ['*'] } }),
    ).toBeUndefined();
    // An empty list is readable: it grants nothing.
    expect(classes({ id: 'x', properties: { permissions: [] } })).toEqual([]);
  });
});

describe('grantsBroadWrite', () => {
  const broad = (actions: string[], notActions: string[] = []) =>
    grantsBroadWrite(rolePermissions(role(actions, notActions))!);

  it.each([
    [['*'], [], true],
    [['*/write'], [], true],
    [['*/*'], [], true],
    [['*write'], [], true],
    [['Microsoft.*'], [], true],
    [['Microsoft.*/write'], [], true],
    [['*'], ['Microsoft.*'], true], // still writes other providers' types
    [['*/read'], [], false],
    [['*/delete', '*/action'], [], false],
    [['*'], ['*/write'], false],
    [['*'], ['*write'], false],
    [['Microsoft.Compute/*'], [], false],
    [['Microsoft.Compute/*/write'], [], false],
    [['Microsoft.Compute/virtualMachines/*'], [], false],
    [['*/virtualMachines/write'], [], false],
    [
      ['Microsoft.Compute/disks/write', 'Microsoft.Compute/images/write'],
      [],
      false,
    ],
    [[], [], false],
  ])('actions %j minus %j -> %j', (actions, notActions, expected) => {
    expect(broad(actions, notActions)).toBe(expected);
  });

  it('treats any partly spelled namespace like Microsoft.*', () => {
    expect(broad(['Contoso*'], [])).toBe(true);
    expect(broad(['*'], ['Microsoft.*', 'a*', '*e*/write'])).toBe(true);
  });

  it('finds the write whatever characters the patterns use', () => {
    const every = Array.from({ length: 64 }, (_, i) =>
      String.fromCharCode(0xe000 + i),
    ).join('');
    expect(broad([`*${every}`, '*'], [`${every}*`])).toBe(true);
  });
});

describe('grantsAction', () => {
  it('matches case-insensitively and honours notActions', () => {
    const permissions = rolePermissions(CONTRIBUTOR)!;
    expect(grantsAction(permissions, 'microsoft.compute/images/WRITE')).toBe(
      true,
    );
    expect(
      grantsAction(
        permissions,
        'Microsoft.Authorization/roleAssignments/write',
      ),
    ).toBe(false);
  });
});

// The Image Builder custom roles of Microsoft's samples (Az PowerShell shape: `Actions`,
// `NotActions`), read from ../shared when it is there.
const rolesDir = path.join(FIXTURES_DIR, 'roles');
const describeFixtures = fs.existsSync(rolesDir) ? describe : describe.skip;

describeFixtures(
  'the Image Builder custom roles of the shared fixtures',
  () => {
    function fromFixture(file: string): ArmResource {
      const json = JSON.parse(
        fs.readFileSync(path.join(rolesDir, file), 'utf8'),
      );
      return makeRoleDefinition(
        'fixture',
        json.Name,
        json.Actions,
        json.NotActions,
      );
    }

    it('aibRoleImageCreation (images and gallery versions) is in no class', () => {
      const definition = fromFixture('aibRoleImageCreation.json');
      expect(rolePermissions(definition)![0].actions).toContain(
        'Microsoft.Compute/images/write',
      );
      expect(classes(definition)).toEqual([]);
    });

    it('aibRoleNetworking (join a subnet) is in no class', () => {
      expect(classes(fromFixture('aibRoleNetworking.json'))).toEqual([]);
    });
  },
);
