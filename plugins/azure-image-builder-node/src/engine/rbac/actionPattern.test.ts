import { matchesActionPattern } from './actionPattern';

describe('matchesActionPattern', () => {
  it.each([
    ['*', 'Microsoft.Compute/virtualMachines/write', true],
    ['*/read', 'Microsoft.Compute/virtualMachines/read', true],
    ['*/read', 'Microsoft.Compute/virtualMachines/write', false],
    ['*/write', 'Microsoft.Compute/virtualMachines/write', true],
    ['Microsoft.Compute/*', 'Microsoft.Compute/virtualMachines/write', true],
    ['Microsoft.Compute/*', 'Microsoft.ComputeSchedule/x/write', false],
    ['Microsoft.Compute*', 'Microsoft.ComputeSchedule/x/write', true],
    [
      'Microsoft.Authorization/*/Write',
      'Microsoft.Authorization/roleAssignments/write',
      true,
    ],
    [
      'microsoft.authorization/ROLEASSIGNMENTS/WRITE',
      'Microsoft.Authorization/roleAssignments/write',
      true,
    ],
    [
      'Microsoft.Authorization/roleAssignments/write',
      'Microsoft.Authorization/roleAssignments/writeX',
      false,
    ],
    [
      'Microsoft.VirtualMachineImages/imageTemplates/*',
      'Microsoft.VirtualMachineImages/imageTemplates/run/action',
      true,
    ],
    [
      '*/run/*',
      'Microsoft.VirtualMachineImages/imageTemplates/run/action',
      true,
    ],
    ['a*b*c', 'abc', true],
    ['a*b*c', 'axxbyyc', true],
    ['a*b*c', 'axxbyy', false],
    ['**', '', true],
    ['', 'x', false],
    [' * ', 'x', true],
  ])('%j matches %j: %j', (pattern, action, expected) => {
    expect(matchesActionPattern(pattern, action)).toBe(expected);
  });

  it('answers false for anything that is not a string', () => {
    expect(matchesActionPattern(42 as any, 'x')).toBe(false);
    expect(matchesActionPattern('*', null as any)).toBe(false);
  });

  it('stays fast on patterns with many wildcards (no backtracking blow-up)', () => {
    // A regex built from this pattern backtracks exponentially on a non-matching action.
    const pattern = `${'*a'.repeat(40)}*b`;
    const action = 'a'.repeat(5000);
    expect(matchesActionPattern(pattern, action)).toBe(false);
  });
});
