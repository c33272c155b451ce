import {
  assignmentScope,
  enclosingScopeKeys,
  isScopeAtOrBelow,
  lastIdSegment,
  resourceGroupKeyOf,
  scopeKey,
  scopeKindOf,
} from './roleScope';

const SUB = '/subscriptions/S1';
const RG = `${SUB}/resourceGroups/RG-A`;
const TPL = `${RG}/providers/Microsoft.VirtualMachineImages/imageTemplates/T`;

describe('scopeKindOf', () => {
  it.each([
    ['/', 'root'],
    ['', 'root'],
    ['/providers/Microsoft.Management/managementGroups/mg', 'managementGroup'],
    ['/PROVIDERS/microsoft.management/MANAGEMENTGROUPS/mg/', 'managementGroup'],
    [SUB, 'subscription'],
    [`${SUB}/`, 'subscription'],
    [RG, 'resourceGroup'],
    [TPL, 'resource'],
    [`${SUB}/providers/Microsoft.Foo/bars/b`, 'resource'],
    ['/providers/Microsoft.Capacity/reservationOrders/r', 'other'],
  ])('%j -> %s', (scope, kind) => {
    expect(scopeKindOf(scope)).toBe(kind);
  });
});

describe('isScopeAtOrBelow', () => {
  it.each([
    [TPL, RG, true],
    [RG, RG.toUpperCase(), true],
    [`${RG}b`, RG, false], // rg-ab is not below rg-a
    [`${RG}b/providers/X/y/z`, RG, false],
    [TPL, SUB, true],
    [SUB, RG, false],
    [TPL, '/', true],
    [`//subscriptions//S1/resourceGroups/rg-a/`, RG, true],
  ])('%j below %j: %j', (scope, ancestor, expected) => {
    expect(isScopeAtOrBelow(scope, ancestor)).toBe(expected);
  });
});

describe('enclosingScopeKeys', () => {
  it('lists the resource and every prefix down to the subscription, narrowest first', () => {
    expect(enclosingScopeKeys(TPL)).toEqual([
      TPL.toLowerCase(),
      `${RG}/providers/Microsoft.VirtualMachineImages/imageTemplates`.toLowerCase(),
      `${RG}/providers/Microsoft.VirtualMachineImages`.toLowerCase(),
      `${RG}/providers`.toLowerCase(),
      RG.toLowerCase(),
      `${SUB}/resourceGroups`.toLowerCase(),
      SUB.toLowerCase(),
    ]);
  });

  it('has nothing for an id outside a subscription', () => {
    expect(enclosingScopeKeys('/providers/x/y')).toEqual([]);
    expect(enclosingScopeKeys('')).toEqual([]);
  });
});

describe('scopeKey and resourceGroupKeyOf', () => {
  it('canonicalises scopes', () => {
    expect(scopeKey('//Subscriptions/S1//')).toBe('/subscriptions/s1');
    expect(scopeKey('/')).toBe('/');
    expect(resourceGroupKeyOf(TPL)).toBe(RG.toLowerCase());
    expect(resourceGroupKeyOf(RG)).toBe(RG.toLowerCase());
    expect(resourceGroupKeyOf(SUB)).toBeUndefined();
  });
});

describe('assignmentScope', () => {
  const marker = '/providers/Microsoft.Authorization/roleAssignments/a1';
  it('reads properties.scope, else the prefix of the id', () => {
    expect(
      assignmentScope({ id: `${RG}${marker}`, properties: { scope: SUB } }),
    ).toBe(SUB);
    expect(assignmentScope({ id: `${RG}${marker}`, properties: {} })).toBe(RG);
    expect(assignmentScope({ id: marker })).toBe('/');
    expect(assignmentScope({ id: '/not/an/assignment' })).toBeUndefined();
  });
});

describe('lastIdSegment', () => {
  it.each([
    [TPL, 'T'],
    [`${RG}//`, 'RG-A'],
    ['/', ''],
    ['', ''],
    ['name', 'name'],
  ])('%j -> %j', (id, expected) => {
    expect(lastIdSegment(id)).toBe(expected);
  });
});
