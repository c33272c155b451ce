import {
  countStatuses,
  FINDING_STATUSES,
  FindingStatus,
} from '@aib-scorecards/plugin-azure-image-builder-common';
import { Report } from '../report/types';
import { oneLine, sortForReading } from './order';

const STATUS_WORDS: Record<FindingStatus, string> = {
  fail: 'FAIL',
  warn: 'WARN',
  unknown: 'UNKNOWN',
  pass: 'PASS',
  'not-applicable': 'N/A',
  waived: 'WAIVED',
};

// SGR codes: red, yellow, magenta, green, dim, cyan.
const STATUS_COLORS: Record<FindingStatus, string> = {
  fail: '31',
  warn: '33',
  unknown: '35',
  pass: '32',
  'not-applicable': '2',
  waived: '36',
};

type Paint = (code: string, text: string) => string;

const paintWith: Paint = (code, text) => `\u001b[${code}m${text}\u001b[0m`;
const noPaint: Paint = (_code, text) => text;

function scoreText(score: number | null): string {
  return score === null ? 'no score (no rule applied)' : `score ${score}/100`;
}

function scoreColor(score: number | null): string {
  if (score === null) return '2';
  if (score >= 80) return '32';
  return score >= 50 ? '33' : '31';
}

/**
 * For people at a terminal: one block per template (name, score, file, ARM id), then its findings,
 * failures first, each with status, severity, rule id and message; a summary at the end. Colours
 * only when `color` is set (the caller checks for a terminal and `NO_COLOR`).
 */
export function formatTable(
  report: Report,
  options: { color: boolean },
): string {
  const paint = options.color ? paintWith : noPaint;
  const statusWidth = Math.max(
    ...Object.values(STATUS_WORDS).map(w => w.length),
  );
  const ruleWidth = Math.max(
    0,
    ...report.entries.flatMap(e =>
      e.scorecard.findings.map(f => f.ruleId.length),
    ),
  );
  const lines: string[] = [];
  for (const { scorecard, file, line } of report.entries) {
    lines.push(
      `${paint('1', scorecard.templateName)}  ${paint(
        scoreColor(scorecard.score),
        scoreText(scorecard.score),
      )}`,
    );
    lines.push(paint('2', `  ${file}:${line}  ${scorecard.resourceId}`));
    for (const f of sortForReading(scorecard.findings)) {
      const status = paint(
        STATUS_COLORS[f.status],
        STATUS_WORDS[f.status].padEnd(statusWidth),
      );
      let message = oneLine(f.message);
      if (f.status === 'waived' && f.waiver) {
        message += ` (waived: ${oneLine(f.waiver.reason)}; by ${
          f.waiver.grantedBy
        }, until ${f.waiver.expires})`;
      }
      lines.push(
        `  ${status}  ${f.severity.padEnd(6)}  ${f.ruleId.padEnd(
          ruleWidth,
        )}  ${message}`,
      );
    }
    lines.push('');
  }
  const counts = countStatuses(
    report.entries.flatMap(e => e.scorecard.findings),
  );
  const summary = FINDING_STATUSES.filter(s => counts[s] > 0)
    .map(s => `${counts[s]} ${STATUS_WORDS[s].toLowerCase()}`)
    .join(', ');
  const n = report.entries.length;
  lines.push(
    `${n} template${n === 1 ? '' : 's'}${summary ? `: ${summary}` : ''}`,
  );
  return `${lines.join('\n')}\n`;
}
