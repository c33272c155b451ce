import { readIntegerOption, readPrincipalIdsOption } from './ruleOptions';

describe('readPrincipalIdsOption', () => {
  const read = (value: unknown) =>
    readPrincipalIdsOption(
      { allowedPrincipals: value },
      'allowedPrincipals',
      'r',
    );

  it('reads ids lower-cased and trimmed; undefined when not configured', () => {
    expect(read([' AbC ', 'd'])).toEqual(new Set(['abc', 'd']));
    expect(read(undefined)).toBeUndefined();
    expect(read(null)).toBeUndefined();
    expect(read([])).toEqual(new Set());
  });

  it('gives the same set for the same list while its ids stay the same', () => {
    const ids = ['a', 'b'];
    const set = read(ids);
    expect(read(ids)).toBe(set);
    ids.push('C');
    expect(read(ids)).toEqual(new Set(['a', 'b', 'c']));
    expect(read(['a', 'b'])).not.toBe(set);
  });

  it('refuses what is not a list of strings, naming the key', () => {
    expect(() => read('a')).toThrow(
      'azureImageBuilder.rules.r.allowedPrincipals must be a list of principal ids, got "a"',
    );
    const ids: unknown[] = ['a'];
    read(ids);
    ids[0] = 1;
    expect(() => read(ids)).toThrow(/must be a list of principal ids/);
  });
});

describe('readIntegerOption', () => {
  it('reads integers and their text, with a fallback', () => {
    expect(readIntegerOption({ n: 3 }, 'n', 'r', 5)).toBe(3);
    expect(readIntegerOption({ n: ' 7 ' }, 'n', 'r', 5)).toBe(7);
    expect(readIntegerOption({}, 'n', 'r', 5)).toBe(5);
    expect(() => readIntegerOption({ n: -1 }, 'n', 'r', 5)).toThrow(
      'azureImageBuilder.rules.r.n must be a non-negative integer, got -1',
    );
  });
});
