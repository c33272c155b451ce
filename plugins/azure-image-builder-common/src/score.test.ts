import { computeScore, countStatuses, emptyStatusCounts } from './score';
import { Finding, FINDING_STATUSES } from './findings';

const f = (status: Finding['status'], severity: Finding['severity']) => ({
  status,
  severity,
});

describe('computeScore', () => {
  it('weights high 3, medium 2, low 1 and counts warn as half', () => {
    // pass high (3) + warn medium (1 of 2) + fail low (0 of 1) = 4 / 6
    expect(
      computeScore([f('pass', 'high'), f('warn', 'medium'), f('fail', 'low')]),
    ).toBe(67);
  });

  it('leaves out unknown, not-applicable and waived', () => {
    expect(
      computeScore([
        f('pass', 'low'),
        f('unknown', 'high'),
        f('not-applicable', 'high'),
        f('waived', 'high'),
      ]),
    ).toBe(100);
  });

  it('has no score when no rule applied', () => {
    expect(computeScore([f('unknown', 'high')])).toBeNull();
    expect(computeScore([])).toBeNull();
  });

  it('is 0 when everything fails', () => {
    expect(computeScore([f('fail', 'high'), f('fail', 'low')])).toBe(0);
  });
});

describe('countStatuses', () => {
  it('counts every status, zero included', () => {
    expect(
      countStatuses([f('pass', 'low'), f('pass', 'high'), f('unknown', 'low')]),
    ).toEqual({
      pass: 2,
      fail: 0,
      warn: 0,
      unknown: 1,
      'not-applicable': 0,
      waived: 0,
    });
  });

  it('has every status as a key, in FINDING_STATUSES order', () => {
    expect(Object.keys(emptyStatusCounts())).toEqual([...FINDING_STATUSES]);
    expect(Object.values(emptyStatusCounts())).toEqual(
      FINDING_STATUSES.map(() => 0),
    );
  });
});
