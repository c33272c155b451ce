import { judgeWithDoubts, listForMessage, Doubt } from './doubts';
import { RuleOutcome } from './types';

const doubt = (summary: string): Doubt => ({
  summary,
  evidence: { code: 'X', note: summary },
});
const outcome = (
  status: RuleOutcome['status'],
  message: string = status,
): RuleOutcome => ({
  status,
  message,
  evidence: [{ note: message }],
});

describe('judgeWithDoubts', () => {
  it('judges once, with the best assumption, when nothing is in doubt', () => {
    const judge = jest.fn(() => outcome('pass'));
    expect(judgeWithDoubts('X', [], judge)).toEqual(outcome('pass'));
    expect(judge.mock.calls).toEqual([['best']]);
  });

  it('keeps a verdict the doubts cannot change, and says so', () => {
    const result = judgeWithDoubts('X', [doubt('a'), doubt('a')], () =>
      outcome('warn', 'too broad'),
    );
    expect(result).toEqual({
      status: 'warn',
      message: 'too broad; not resolved, without effect on this result: a',
      evidence: [
        { note: 'too broad' },
        doubt('a').evidence,
        doubt('a').evidence,
      ],
    });
  });

  it('is unknown when the worst case differs, naming the doubts first', () => {
    const result = judgeWithDoubts(
      'Who can change it',
      [doubt('a'), doubt('b')],
      assume => outcome(assume === 'best' ? 'pass' : 'fail'),
    );
    expect(result).toEqual({
      status: 'unknown',
      message: 'Who can change it is unknown: a and b',
      evidence: [doubt('a').evidence, doubt('b').evidence, { note: 'pass' }],
    });
  });
});

describe('listForMessage', () => {
  it.each([
    [[], ''],
    [['a'], 'a'],
    [['a', 'b'], 'a and b'],
    [['a', 'b', 'c'], 'a, b and c'],
    [['a', 'b', 'c', 'd', 'e'], 'a, b, c and 2 more'],
  ])('%j -> %j', (items, expected) => {
    expect(listForMessage(items)).toBe(expected);
  });
});

describe('listForMessage, as the join of the first items', () => {
  const reference = (items: string[], max: number) => {
    if (items.length <= 1) return items[0] ?? '';
    if (items.length > max) {
      return `${items.slice(0, max).join(', ')} and ${items.length - max} more`;
    }
    return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
  };
  it('says the same for any number of items and any limit', () => {
    for (let n = 0; n < 8; n++) {
      const items = Array.from({ length: n }, (_, i) => `item ${i}`);
      for (let max = 0; max < 6; max++) {
        expect(listForMessage(items, max)).toBe(reference(items, max));
      }
    }
  });
});
