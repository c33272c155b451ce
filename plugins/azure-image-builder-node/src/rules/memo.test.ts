import { Memo, Memo3 } from './memo';

describe('Memo', () => {
  it('makes a value once per owner and list of keys', () => {
    const memo = new Memo<object, { n: number }>();
    const owner = {};
    let made = 0;
    const make = () => ({ n: ++made });
    const a = memo.get(owner, ['x', 1, true], make);
    expect(memo.get(owner, ['x', 1, true], make)).toBe(a);
    // Same keys through another string instance.
    expect(memo.get(owner, [['x'].join(''), 1, true], make)).toBe(a);
    expect(memo.get(owner, ['x', 1, false], make)).not.toBe(a);
    expect(memo.get({}, ['x', 1, true], make)).not.toBe(a);
    expect(made).toBe(3);
  });

  it('tells a list from its prefixes', () => {
    const memo = new Memo<object, string>();
    const owner = {};
    const k1 = {};
    const k2 = {};
    expect(memo.get(owner, [], () => 'none')).toBe('none');
    expect(memo.get(owner, [k1], () => 'one')).toBe('one');
    expect(memo.get(owner, [k1, k2], () => 'two')).toBe('two');
    expect(memo.get(owner, [k1], () => 'other')).toBe('one');
    expect(memo.get(owner, [], () => 'other')).toBe('none');
  });
});

describe('Memo3', () => {
  it('keeps a value per three keys', () => {
    const memo = new Memo3<object, object, unknown, string>();
    const a = {};
    const b = {};
    expect(memo.get(a, b, 1)).toBeUndefined();
    expect(memo.set(a, b, 1, 'one')).toBe('one');
    expect(memo.get(a, b, 1)).toBe('one');
    expect(memo.get(a, b, 2)).toBeUndefined();
    expect(memo.get(a, {}, 1)).toBeUndefined();
    expect(memo.get({}, b, 1)).toBeUndefined();
    memo.set(a, b, 2, 'two');
    expect([memo.get(a, b, 1), memo.get(a, b, 2)]).toEqual(['one', 'two']);
  });
});
