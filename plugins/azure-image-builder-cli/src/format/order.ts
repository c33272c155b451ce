import {
  Finding,
  FINDING_STATUSES,
  SEVERITIES,
} from '@aib-scorecards/plugin-azure-image-builder-common';

/** Failures first, then by severity (high first), then rule order as given: how people read them. */
export function sortForReading(findings: readonly Finding[]): Finding[] {
  return findings
    .map((finding, index) => ({ finding, index }))
    .sort(
      (a, b) =>
        FINDING_STATUSES.indexOf(a.finding.status) -
          FINDING_STATUSES.indexOf(b.finding.status) ||
        SEVERITIES.indexOf(a.finding.severity) -
          SEVERITIES.indexOf(b.finding.severity) ||
        a.index - b.index,
    )
    .map(({ finding }) => finding);
}

/** One line: messages are meant to be one already, but are the rules' text. */
export function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}
