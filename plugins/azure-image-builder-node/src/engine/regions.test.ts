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

describe('normalizeRegion, asked again', () => {
  it('gives the same key for a name it has seen', () => {
    expect(normalizeRegion('West Europe')).toBe('westeurope');
    expect(normalizeRegion('West Europe')).toBe('westeurope');
  });

  it('keeps answering right past the names it remembers', () => {
    for (let i = 0; i < 3000; i++) {
      expect(normalizeRegion(`Region ${i}`)).toBe(`region${i}`);
    }
    expect(normalizeRegion('East US')).toBe('eastus');
  });
});
