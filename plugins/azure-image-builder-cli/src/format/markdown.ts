import { FindingStatus } from '@aib-scorecards/plugin-azure-image-builder-common';
import { Report } from '../report/types';
import { oneLine, sortForReading } from './order';

const STATUS_LABELS: Partial<Record<FindingStatus, string>> = {
  fail: '❌ fail',
  warn: '⚠️ warn',
};

/** Text in a table cell: no line breaks, pipes escaped, HTML not interpreted. */
function cell(text: string): string {
  return oneLine(text)
    .replace(/\\/g, '\\\\')
    .replace(/\|/g, '\\|')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

/** Inline code that survives backticks in the text. */
function code(text: string): string {
  const t = oneLine(text).replace(/\|/g, '\\|');
  const fence = t.includes('`') ? '``' : '`';
  return `${fence}${fence === '``' ? ` ${t} ` : t}${fence}`;
}

/** A link target that cannot end the link early. */
function url(text: string): string {
  return text.replace(/[()\s<>]/g, c =>
    encodeURIComponent(c).replace('(', '%28').replace(')', '%29'),
  );
}

/**
 * For a pull request comment: a summary table (one row per template: score and counts), then for
 * each template with failing findings (`fail`, `warn`) a table of them with links to the fix.
 */
export function formatMarkdown(report: Report): string {
  const out: string[] = ['## Azure Image Builder scorecard', ''];
  if (report.entries.length === 0) {
    out.push('No image templates were scored.');
    return `${out.join('\n')}\n`;
  }
  out.push(
    '| Template | File | Score | Fail | Warn | Unknown | Pass | Waived |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |',
  );
  for (const { scorecard, file, line } of report.entries) {
    const c = scorecard.counts;
    out.push(
      `| ${code(scorecard.templateName)} | ${code(`${file}:${line}`)} | ${
        scorecard.score ?? '–'
      } | ${c.fail} | ${c.warn} | ${c.unknown} | ${c.pass} | ${c.waived} |`,
    );
  }
  for (const { scorecard } of report.entries) {
    const failing = sortForReading(scorecard.findings).filter(
      f => f.status === 'fail' || f.status === 'warn',
    );
    if (failing.length === 0) continue;
    out.push(
      '',
      `### ${code(scorecard.templateName)}: ${
        scorecard.score === null ? 'no score' : `${scorecard.score}/100`
      }`,
      '',
      '| Status | Severity | Rule | Finding |',
      '| --- | --- | --- | --- |',
    );
    for (const f of failing) {
      out.push(
        `| ${STATUS_LABELS[f.status]} | ${f.severity} | [${cell(
          f.ruleId,
        )}](${url(f.remediationUrl)}) | ${cell(f.message)} |`,
      );
    }
  }
  return `${out.join('\n')}\n`;
}
