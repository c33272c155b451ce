import { normalizeRegion } from './regions';

describe('normalizeRegion', () => {
  it.each([
    ['eastus', 'eastus'],
    ['East US', 'eastus'],
    ['  West  Europe ', 'westeurope'],
    ['NORTHEUROPE', 'northeurope'],
    ['', ''],
  ])('%j -> %j', (input, expected) => {
    expect(normalizeRegion(input)).toBe(expected);
  });
});
