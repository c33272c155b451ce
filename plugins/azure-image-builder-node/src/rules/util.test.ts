import { equalsIgnoreCase } from './util';

/** What equalsIgnoreCase answered before it had a fast path for plain ASCII. */
function reference(value: unknown, expected: string): boolean {
  return (
    typeof value === 'string' &&
    value.trim().toLowerCase() === expected.toLowerCase()
  );
}

describe('equalsIgnoreCase', () => {
  const values: unknown[] = [
    'SharedImage',
    'sharedimage',
    'SHAREDIMAGE',
    ' SharedImage ',
    '\tSharedImage\n',
    'Shared Image',
    'SharedImag',
    'SharedImages',
    'ManagedImage',
    '',
    ' ',
    'K',
    '\u212A',
    'i',
    '\u0130',
    'stra\u00DFe',
    'STRASSE',
    '\u00A0SharedImage\u00A0',
    'Shared@Image',
    'Shared`Image',
    'Shared[Image',
    'Shared{Image',
    42,
    null,
    undefined,
    { type: 'SharedImage' },
  ];
  const expectations = [
    'SharedImage',
    'k',
    'K',
    '\u212A',
    'i',
    'strasse',
    ' SharedImage',
    '',
    'Shared@Image',
    'Shared`Image',
    'Shared{Image',
  ];

  it.each(values.flatMap(v => expectations.map(e => [v, e] as const)))(
    'compares %j with %j as lower-cased, trimmed text',
    (value, expected) => {
      expect(equalsIgnoreCase(value, expected)).toBe(
        reference(value, expected),
      );
    },
  );
});
