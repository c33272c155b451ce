import {
  Scorecard,
  templateKey,
} from '@aib-scorecards/plugin-azure-image-builder-common';
import {
  Exemptions,
  OwnershipConfig,
  redactSecrets,
  RuleEngine,
  scoreSnapshot,
} from '@aib-scorecards/plugin-azure-image-builder-node';
import { Scan } from '../inputs/loadInputs';
import { Report, ReportEntry } from './types';

/** The source id scorecards of the CLI carry (they are never stored). */
const SOURCE_ID = 'cli';

/**
 * Scores every scan and puts the scorecards in input order (files as given, templates in file
 * order). The whole report is redacted once more: whatever a rule or a message let through, no SAS
 * signature or inline secret reaches an output format.
 */
export function buildReport(
  scans: readonly Scan[],
  options: {
    engine: RuleEngine;
    ownership: OwnershipConfig;
    exemptions?: Exemptions;
    now?: Date;
  },
): Report {
  const entries: Array<ReportEntry & { order: [number, number] }> = [];
  for (const scan of scans) {
    const scorecards: Scorecard[] = scoreSnapshot(scan.snapshot, {
      engine: options.engine,
      sourceId: SOURCE_ID,
      ownership: options.ownership,
      exemptions: options.exemptions,
      now: options.now,
    });
    for (const scorecard of scorecards) {
      const origin = scan.origins.get(templateKey(scorecard.resourceId));
      entries.push({
        scorecard,
        file: origin?.file ?? '',
        line: origin?.line ?? 1,
        order: origin?.order ?? [Number.MAX_SAFE_INTEGER, entries.length],
      });
    }
  }
  entries.sort((a, b) => a.order[0] - b.order[0] || a.order[1] - b.order[1]);
  return redactSecrets({
    entries: entries.map(({ scorecard, file, line }) => ({
      scorecard,
      file,
      line,
    })),
    rules: [...options.engine.metadata],
  });
}
