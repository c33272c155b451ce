import {
  ArmIdParts,
  armIdPrefixBefore,
  armIdScopeLength,
  galleryIdOf,
  galleryImageDefinitionId,
  lockScopeId,
  normalizeArmId,
  parseArmId,
  subnetNetworkId,
  triggerParentId,
} from './armId';

const TEMPLATE =
  '/subscriptions/S1/resourceGroups/RG-One/providers/Microsoft.VirtualMachineImages/imageTemplates/Tpl';

describe('normalizeArmId', () => {
  it.each([
    [TEMPLATE, TEMPLATE.toLowerCase()],
    [`${TEMPLATE}/`, TEMPLATE.toLowerCase()],
    [`  ${TEMPLATE}// `, TEMPLATE.toLowerCase()],
    ['', ''],
    ['///', ''],
  ])('%j -> %j', (input, expected) => {
    expect(normalizeArmId(input)).toBe(expected);
  });
});

describe('parseArmId', () => {
  it('parses a template id', () => {
    expect(parseArmId(TEMPLATE)).toEqual({
      subscriptionId: 'S1',
      resourceGroup: 'RG-One',
      provider: 'Microsoft.VirtualMachineImages',
      resourceType: 'Microsoft.VirtualMachineImages/imageTemplates',
      name: 'Tpl',
    });
  });

  it('is case-insensitive in the fixed segments and tolerates extra slashes', () => {
    expect(
      parseArmId(
        '//SUBSCRIPTIONS/s1/RESOURCEGROUPS/rg//PROVIDERS/microsoft.compute/images/img/',
      ),
    ).toEqual({
      subscriptionId: 's1',
      resourceGroup: 'rg',
      provider: 'microsoft.compute',
      resourceType: 'microsoft.compute/images',
      name: 'img',
    });
  });

  it('takes the last provider of an extension resource', () => {
    expect(
      parseArmId(`${TEMPLATE}/providers/Microsoft.Authorization/locks/l1`),
    ).toEqual({
      subscriptionId: 'S1',
      resourceGroup: 'RG-One',
      provider: 'Microsoft.Authorization',
      resourceType: 'Microsoft.Authorization/locks',
      name: 'l1',
    });
  });

  it('parses child resources', () => {
    expect(parseArmId(`${TEMPLATE}/triggers/t1`).resourceType).toBe(
      'Microsoft.VirtualMachineImages/imageTemplates/triggers',
    );
    expect(
      parseArmId(
        '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vn/subnets/sn',
      ),
    ).toMatchObject({
      resourceType: 'Microsoft.Network/virtualNetworks/subnets',
      name: 'sn',
    });
  });

  it('parses scopes', () => {
    expect(parseArmId('/subscriptions/s1')).toEqual({
      subscriptionId: 's1',
      name: 's1',
    });
    expect(parseArmId('/subscriptions/s1/resourceGroups/rg')).toEqual({
      subscriptionId: 's1',
      resourceGroup: 'rg',
      name: 'rg',
    });
    expect(
      parseArmId('/providers/Microsoft.Management/managementGroups/mg1'),
    ).toEqual({
      provider: 'Microsoft.Management',
      resourceType: 'Microsoft.Management/managementGroups',
      name: 'mg1',
    });
  });

  it('returns what it can from odd input', () => {
    expect(parseArmId('')).toEqual({});
    expect(parseArmId('not-an-id')).toEqual({ name: 'not-an-id' });
    expect(parseArmId('/subscriptions/')).toEqual({ name: 'subscriptions' });
    expect(parseArmId(42 as unknown as string)).toEqual({});
  });
});

describe('prefix helpers', () => {
  it('finds the scope of a lock at every level', () => {
    expect(
      lockScopeId('/subscriptions/s/providers/Microsoft.Authorization/locks/l'),
    ).toBe('/subscriptions/s');
    expect(
      lockScopeId(
        '/subscriptions/s/resourceGroups/rg/providers/microsoft.authorization/LOCKS/l',
      ),
    ).toBe('/subscriptions/s/resourceGroups/rg');
    expect(
      lockScopeId(`${TEMPLATE}/providers/Microsoft.Authorization/locks/l`),
    ).toBe(TEMPLATE);
    expect(lockScopeId(TEMPLATE)).toBeUndefined();
  });

  it('finds the parent template of a trigger, even a template named "triggers"', () => {
    expect(triggerParentId(`${TEMPLATE}/triggers/t`)).toBe(TEMPLATE);
    const odd =
      '/subscriptions/s/resourceGroups/rg/providers/Microsoft.VirtualMachineImages/imageTemplates/triggers';
    expect(triggerParentId(`${odd}/triggers/t`)).toBe(odd);
    expect(triggerParentId(TEMPLATE)).toBeUndefined();
  });

  it('finds the virtual network of a subnet', () => {
    const vnet =
      '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vn';
    expect(subnetNetworkId(`${vnet}/subnets/a`)).toBe(vnet);
    expect(subnetNetworkId(`${vnet}/SUBNETS/a`)).toBe(vnet);
    expect(subnetNetworkId(vnet)).toBeUndefined();
  });

  it('needs something before the marker', () => {
    expect(armIdPrefixBefore('/subnets/a', '/subnets/')).toBeUndefined();
  });
});

describe('galleryImageDefinitionId', () => {
  const IMAGE =
    '/subscriptions/S1/resourceGroups/rg/providers/Microsoft.Compute/galleries/g1/images/ubuntu';
  it.each([
    [IMAGE, IMAGE],
    [`${IMAGE}/versions/1.0.0`, IMAGE],
    [`${IMAGE}/VERSIONS/latest`, IMAGE],
    ['not an id', 'not an id'],
  ])('%j -> %j', (input, expected) => {
    expect(galleryImageDefinitionId(input)).toBe(expected);
  });
});

describe('galleryIdOf', () => {
  const GALLERY =
    '/subscriptions/S1/resourceGroups/rg/providers/Microsoft.Compute/galleries/g1';
  it.each([
    [`${GALLERY}/images/ubuntu`, GALLERY],
    [`${GALLERY}/images/ubuntu/versions/1.0.0`, GALLERY],
    [GALLERY, GALLERY],
    [`${GALLERY}/`, GALLERY],
    [
      '/SUBSCRIPTIONS/s1/resourcegroups/RG/providers/microsoft.compute/GALLERIES/G1/images/x',
      '/SUBSCRIPTIONS/s1/resourcegroups/RG/providers/microsoft.compute/GALLERIES/G1',
    ],
    ['/subscriptions/S1/providers/Microsoft.Compute/galleries/', undefined],
    [
      '/subscriptions/S1/resourceGroups/rg/providers/Microsoft.Compute/images/img',
      undefined,
    ],
    ["[parameters('gallery')]", undefined],
    [42 as any, undefined],
  ])('%j -> %j', (input, expected) => {
    expect(galleryIdOf(input)).toBe(expected);
  });
});

describe('parseArmId, against the split-based parser it replaced', () => {
  function reference(id: string): ArmIdParts {
    const segments = id.split('/').filter(s => s.length > 0);
    const parts: ArmIdParts = {};
    let i = 0;
    if (segments[i]?.toLowerCase() === 'subscriptions' && segments[i + 1]) {
      parts.subscriptionId = segments[i + 1];
      i += 2;
      if (segments[i]?.toLowerCase() === 'resourcegroups' && segments[i + 1]) {
        parts.resourceGroup = segments[i + 1];
        i += 2;
      }
    }
    let lastProviders = -1;
    for (let j = i; j < segments.length; j++) {
      if (segments[j].toLowerCase() === 'providers') lastProviders = j;
    }
    if (lastProviders >= 0 && segments[lastProviders + 1]) {
      parts.provider = segments[lastProviders + 1];
      const types = [parts.provider];
      for (let j = lastProviders + 2; j < segments.length; j += 2) {
        types.push(segments[j]);
      }
      if (types.length > 1) parts.resourceType = types.join('/');
    }
    if (segments.length > 0) parts.name = segments[segments.length - 1];
    return parts;
  }

  it.each([
    TEMPLATE,
    `${TEMPLATE}/`,
    `${TEMPLATE}/triggers/t1`,
    `${TEMPLATE}/providers/Microsoft.Authorization/locks/l1`,
    '/subscriptions/s1/resourceGroups/rg/providers',
    '/subscriptions/s1/resourceGroups/rg/providers/',
    '/subscriptions/s1/resourceGroups/providers/x/y/z',
    '/subscriptions/s1/resourceGroups',
    '/subscriptions/providers/x/y',
    '/subscriptions//resourceGroups//rg',
    '///',
    '/',
    'providers',
    'providers/p',
    '/Providers/P/t/n/PROVIDERS/Q/u/v',
    ' /subscriptions/ s /resourceGroups/ rg /x',
    '/SUBSCRİPTİONS/s/resourceGroups/rg',
    '/subscriptions/s/resourceGroupsX/rg/providers/p/t/n',
    '/subscriptions/s/resourcegroups/rg/providers/p/t/n/u',
    '/subscriptions/s/resourcegroups/rg/provider/p/t/n',
  ])('%j', id => {
    expect(parseArmId(id)).toEqual(reference(id));
  });
});

describe('armIdScopeLength', () => {
  it.each([
    [TEMPLATE, '/subscriptions/S1/resourceGroups/RG-One'],
    [
      '/SUBSCRIPTIONS/s1//resourcegroups/rg/x',
      '/SUBSCRIPTIONS/s1//resourcegroups/rg',
    ],
    [
      '/subscriptions/s1/providers/Microsoft.Authorization/locks/l',
      '/subscriptions/s1',
    ],
    ['/subscriptions/s1', '/subscriptions/s1'],
    ['/subscriptions/s1/resourceGroups', '/subscriptions/s1'],
    ['/subscriptions/', ''],
    ['/providers/Microsoft.Management/managementGroups/mg', ''],
    ['', ''],
  ])('%j starts with %j', (id, start) => {
    expect(id.slice(0, armIdScopeLength(id))).toBe(start);
    const parts = parseArmId(id);
    const ofStart = parseArmId(start);
    expect(ofStart.subscriptionId).toBe(parts.subscriptionId);
    expect(ofStart.resourceGroup).toBe(parts.resourceGroup);
  });

  it('is 0 for anything that is not a string', () => {
    expect(armIdScopeLength(42 as unknown as string)).toBe(0);
  });
});
