import {
  child,
  equalsIgnoreCase,
  getPath,
  isPlain,
  ScanCache,
  ScanMemo,
} from './util';

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

describe('child', () => {
  it('reads one step of a path, like getPath', () => {
    expect(child({ a: 1 }, 'a')).toBe(1);
    expect(child({ a: 1 }, 'b')).toBeUndefined();
    expect(child([1], '0')).toBeUndefined();
    expect(child(null, 'a')).toBeUndefined();
    expect(child('text', 'length')).toBeUndefined();
    expect(child(child({ a: { b: 2 } }, 'a'), 'b')).toBe(
      getPath({ a: { b: 2 } }, ['a', 'b']),
    );
  });
});

describe('isPlain', () => {
  it('tells values from objects', () => {
    expect([undefined, null, 'x', 1, true].every(isPlain)).toBe(true);
    expect([{}, [], new Map()].some(isPlain)).toBe(false);
  });
});

describe('ScanCache', () => {
  it('keeps one map per scan', () => {
    const cache = new ScanCache<string, number>();
    const scanA = {};
    const scanB = {};
    cache.of(scanA).set('k', 1);
    expect(cache.of(scanA).get('k')).toBe(1);
    expect(cache.of(scanB).get('k')).toBeUndefined();
  });
});

describe('ScanMemo', () => {
  it('finds what was kept for the same keys in the same scan only', () => {
    const memo = new ScanMemo<string>();
    const scan = {};
    const object = {};
    expect(memo.find(scan, ['a', object])).toBeUndefined();
    expect(memo.keep(scan, ['a', object], 'kept')).toBe('kept');
    expect(memo.find(scan, ['a', object])).toBe('kept');
    expect(memo.find(scan, ['a', {}])).toBeUndefined();
    expect(memo.find({}, ['a', object])).toBeUndefined();
  });

  it('tells a key list from its prefixes', () => {
    const memo = new ScanMemo<number>();
    const scan = {};
    memo.keep(scan, ['a', 'b'], 2);
    expect(memo.find(scan, ['a'])).toBeUndefined();
    memo.keep(scan, ['a'], 1);
    memo.keep(scan, [], 0);
    expect(memo.find(scan, ['a'])).toBe(1);
    expect(memo.find(scan, ['a', 'b'])).toBe(2);
    expect(memo.find(scan, [])).toBe(0);
  });
});
