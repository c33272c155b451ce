import { matchArmRoute } from './routes';

const segs = (path: string) => path.split('/').filter(Boolean);
const SUB = '/subscriptions/S1';
const TEMPLATE = `${SUB}/resourceGroups/RG/providers/Microsoft.VirtualMachineImages/imageTemplates/T1`;

describe('matchArmRoute', () => {
  it.each([
    ['/subscriptions', 'subscriptions.list'],
    [SUB, 'subscriptions.get'],
    [`${SUB}/resourcegroups`, 'resourceGroups.list'],
    [`${SUB}/resourceGroups/RG`, 'resourceGroups.get'],
    [
      `${SUB}/providers/Microsoft.VirtualMachineImages/imageTemplates`,
      'imageTemplates.list',
    ],
    [
      `${SUB}/resourceGroups/RG/providers/Microsoft.VirtualMachineImages/imageTemplates`,
      'imageTemplates.listByResourceGroup',
    ],
    [TEMPLATE, 'imageTemplates.get'],
    [`${TEMPLATE}/triggers`, 'triggers.list'],
    [`${TEMPLATE}/triggers/source`, 'triggers.get'],
    [
      `${SUB}/providers/Microsoft.ManagedIdentity/userAssignedIdentities`,
      'userAssignedIdentities.list',
    ],
    [
      `${SUB}/resourceGroups/RG/providers/Microsoft.ManagedIdentity/userAssignedIdentities`,
      'userAssignedIdentities.listByResourceGroup',
    ],
    [
      `${SUB}/resourceGroups/RG/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id`,
      'userAssignedIdentities.get',
    ],
    [`${SUB}/providers/Microsoft.Authorization/locks`, 'locks.list'],
    [
      `${SUB}/resourcegroups/RG/providers/Microsoft.Authorization/locks`,
      'locks.list',
    ],
    [`${TEMPLATE}/providers/Microsoft.Authorization/locks`, 'locks.list'],
    [`${SUB}/providers/Microsoft.Authorization/locks/L1`, 'locks.get'],
    [
      `${SUB}/providers/Microsoft.Authorization/roleAssignments`,
      'roleAssignments.list',
    ],
    [
      `${TEMPLATE}/providers/Microsoft.Authorization/roleAssignments/A1`,
      'roleAssignments.get',
    ],
    [
      '/providers/Microsoft.Management/managementGroups/mg/providers/Microsoft.Authorization/roleAssignments',
      'roleAssignments.list',
    ],
    [
      `${SUB}/providers/Microsoft.Authorization/roleDefinitions`,
      'roleDefinitions.list',
    ],
    [
      '/providers/Microsoft.Authorization/roleDefinitions/guid',
      'roleDefinitions.get',
    ],
  ])('%s → %s', (path, name) => {
    expect(matchArmRoute(segs(path))?.name).toBe(name);
  });

  it('matches literals case-insensitively and keeps parameters as written', () => {
    const match = matchArmRoute(
      segs(TEMPLATE.toUpperCase().replace('S1', 's1')),
    );
    expect(match).toMatchObject({
      name: 'imageTemplates.get',
      subscriptionId: 's1',
      params: { rg: 'RG', name: 'T1' },
    });
  });

  it('gives the canonical scope of an extension resource list', () => {
    const match = matchArmRoute(
      segs(
        `${TEMPLATE.replace(
          'VirtualMachineImages/',
          'VirtualMachineImages//',
        )}/providers/Microsoft.Authorization/locks`,
      ),
    );
    expect(match?.scope).toBe(TEMPLATE.toLowerCase());
    expect(match?.subscriptionId).toBe('S1');
  });

  it.each([
    `${SUB}/providers/Microsoft.Compute/virtualMachines`,
    `${TEMPLATE}/runOutputs`,
    `${SUB}/providers/Microsoft.Authorization/policyAssignments`,
    `${SUB}/resourceGroups/RG/providers/Microsoft.Compute/providers/Microsoft.Authorization/locks`,
    '/tenants',
  ])('does not match %s', path => {
    expect(matchArmRoute(segs(path))).toBeUndefined();
  });

  it('does not split an encoded slash', () => {
    expect(
      matchArmRoute([
        '/subscriptions/S1',
        'providers',
        'Microsoft.Authorization',
        'locks',
      ]),
    ).toBeUndefined();
  });
});
