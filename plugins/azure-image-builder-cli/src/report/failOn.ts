import {
  Finding,
  Severity,
} from '@aib-scorecards/plugin-azure-image-builder-common';
import { Report } from './types';

const RANK: Record<Severity, number> = { low: 1, medium: 2, high: 3 };

/**
 * The `fail` findings at or above a severity (`--fail-on`): what makes the exit code 1. Waived,
 * `warn` and `unknown` findings never count.
 */
export function findingsAtOrAbove(
  report: Report,
  threshold: Severity,
): Array<{ templateName: string; finding: Finding }> {
  return report.entries.flatMap(({ scorecard }) =>
    scorecard.findings
      .filter(f => f.status === 'fail' && RANK[f.severity] >= RANK[threshold])
      .map(finding => ({ templateName: scorecard.templateName, finding })),
  );
}
