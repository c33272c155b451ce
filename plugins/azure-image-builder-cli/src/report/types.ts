import {
  RuleMetadata,
  Scorecard,
} from '@aib-scorecards/plugin-azure-image-builder-common';

/** A scored template and where it came from. */
export interface ReportEntry {
  scorecard: Scorecard;
  /** The input file, as given on the command line. */
  file: string;
  /** The 1-based line of the template in the file (1 when it could not be found). */
  line: number;
}

/** What every output format renders. Secrets are already redacted. */
export interface Report {
  /** In input order: files as given, templates in file order. */
  entries: ReportEntry[];
  /** The rules that ran, in rule-number order, with their configured severity. */
  rules: RuleMetadata[];
}
