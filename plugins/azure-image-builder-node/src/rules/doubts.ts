import { Evidence } from '@aib-scorecards/plugin-azure-image-builder-common';
import { RuleOutcome } from './types';

/**
 * How a rule treats what it could not resolve (a role definition missing from the snapshot, an
 * identity whose principal is unknown): as harmless (`best`) or as the worst it could be.
 * @public
 */
export type Assumption = 'best' | 'worst';

/**
 * Something a rule could not resolve. `summary` is a short clause for the message ("role
 * definition 1234 is not in roleDefinitions"); equal summaries are said once.
 * @public
 */
export interface Doubt {
  summary: string;
  evidence: Evidence;
}

/**
 * Judges a template under doubt: once assuming every doubt harmless and once assuming the worst.
 * When both give the same status, the doubts cannot change the verdict: the best-case outcome is
 * returned, its evidence followed by the doubts. Otherwise the answer is `unknown`, and the
 * message says why. `what` starts that message ("Who can change the template").
 * @public
 */
export function judgeWithDoubts(
  what: string,
  doubts: readonly Doubt[],
  judge: (assume: Assumption) => RuleOutcome,
): RuleOutcome {
  const best = judge('best');
  if (doubts.length === 0) return best;
  const worst = judge('worst');
  const summaries = summarize(doubts);
  if (worst.status === best.status) {
    return {
      ...best,
      message: `${best.message}; not resolved, without effect on this result: ${summaries}`,
      evidence: [...best.evidence, ...doubts.map(d => d.evidence)],
    };
  }
  return {
    status: 'unknown',
    message: `${what} is unknown: ${summaries}`,
    evidence: [...doubts.map(d => d.evidence), ...best.evidence],
  };
}

/** The distinct summaries of the doubts, at most three, joined for a message. */
function summarize(doubts: readonly Doubt[]): string {
  const unique = [...new Set(doubts.map(d => d.summary))];
  return listForMessage(unique);
}

/** `a`, `a and b`, `a, b and c`, `a, b, c and 2 more`. @public */
export function listForMessage(items: readonly string[], max = 3): string {
  if (items.length <= 1) return items[0] ?? '';
  // Joined by concatenation: no list of the shown items is made.
  const more = items.length > max;
  const last = more ? Math.max(max, 0) : items.length - 1;
  let text = '';
  for (let i = 0; i < last; i++)
    text = i === 0 ? items[0] : `${text}, ${items[i]}`;
  return more
    ? `${text} and ${items.length - max} more`
    : `${text} and ${items[last]}`;
}
