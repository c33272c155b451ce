import { Finding, Severity, StatusCounts } from './findings';

/** Weights of the score (RULES.md). @public */
export const SEVERITY_WEIGHTS: Record<Severity, number> = {
  high: 3,
  medium: 2,
  low: 1,
};

/**
 * `round(100 × (Σw(pass) + ½·Σw(warn)) / Σw(pass, warn, fail))`; `unknown`, `not-applicable` and
 * `waived` are left out. `null` when no rule applied.
 * @public
 */
export function computeScore(
  findings: ReadonlyArray<Pick<Finding, 'status' | 'severity'>>,
): number | null {
  let earned = 0;
  let possible = 0;
  for (const f of findings) {
    const w = SEVERITY_WEIGHTS[f.severity];
    if (f.status === 'pass') {
      earned += w;
      possible += w;
    } else if (f.status === 'warn') {
      earned += w / 2;
      possible += w;
    } else if (f.status === 'fail') {
      possible += w;
    }
  }
  return possible === 0 ? null : Math.round((100 * earned) / possible);
}

/** @public */
export function emptyStatusCounts(): StatusCounts {
  // A literal, in FINDING_STATUSES order (a test holds them together): one made per scorecard.
  return {
    fail: 0,
    warn: 0,
    unknown: 0,
    pass: 0,
    'not-applicable': 0,
    waived: 0,
  };
}

/** @public */
export function countStatuses(
  findings: ReadonlyArray<Pick<Finding, 'status'>>,
): StatusCounts {
  const counts = emptyStatusCounts();
  for (const f of findings) counts[f.status] += 1;
  return counts;
}
