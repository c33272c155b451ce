import {
  canonicalArmPath,
  extensionResourceScope,
  isAtOrAbove,
  resourceGroupOf,
  subscriptionOf,
} from './scope';

describe('scope helpers', () => {
  it('canonicalises ARM paths', () => {
    expect(canonicalArmPath('//Subscriptions/A//resourceGroups/RG/')).toBe(
      '/subscriptions/a/resourcegroups/rg',
    );
    expect(canonicalArmPath('')).toBe('/');
  });

  it('orders scopes', () => {
    const sub = '/subscriptions/a';
    const rg = `${sub}/resourcegroups/rg`;
    expect(isAtOrAbove(sub, rg)).toBe(true);
    expect(isAtOrAbove(rg, sub)).toBe(false);
    expect(isAtOrAbove(rg, rg)).toBe(true);
    expect(isAtOrAbove('/subscriptions/a', '/subscriptions/ab')).toBe(false);
    expect(isAtOrAbove(`${rg}`, `${rg}2`)).toBe(false);
    expect(isAtOrAbove('/', rg)).toBe(true);
    const mg = '/providers/microsoft.management/managementgroups/mg';
    expect(isAtOrAbove(mg, rg)).toBe(true);
    expect(
      isAtOrAbove(mg, '/providers/microsoft.management/managementgroups/other'),
    ).toBe(false);
  });

  it('finds the scope of extension resources', () => {
    expect(
      extensionResourceScope(
        '/subscriptions/A/resourceGroups/RG/providers/Microsoft.Authorization/locks/L',
      ),
    ).toBe('/subscriptions/a/resourcegroups/rg');
    expect(
      extensionResourceScope(
        '/providers/Microsoft.Authorization/roleDefinitions/x',
      ),
    ).toBe('/');
    expect(
      extensionResourceScope(
        '/subscriptions/A/resourceGroups/RG/providers/Microsoft.Compute/galleries/g/providers/Microsoft.Authorization/locks/L',
      ),
    ).toBe(
      '/subscriptions/a/resourcegroups/rg/providers/microsoft.compute/galleries/g',
    );
  });

  it('reads subscription and resource group of an id', () => {
    expect(subscriptionOf('/subscriptions/Abc/resourceGroups/Rg/x')).toBe(
      'Abc',
    );
    expect(resourceGroupOf('/subscriptions/Abc/resourcegroups/Rg/x')).toBe(
      'Rg',
    );
    expect(resourceGroupOf('/subscriptions/Abc')).toBeUndefined();
  });
});
