import { Severity } from '@aib-scorecards/plugin-azure-image-builder-common';
import {
  createExemptions,
  createRuleEngine,
  Exemptions,
  redactString,
  RuleEngine,
} from '@aib-scorecards/plugin-azure-image-builder-node';
import { loadCliConfig } from '../config/loadCliConfig';
import { formatJson } from '../format/json';
import { formatMarkdown } from '../format/markdown';
import { formatSarif } from '../format/sarif';
import { formatTable } from '../format/table';
import { loadInputs } from '../inputs/loadInputs';
import { CliError, CliIo, PROGRAM } from '../io';
import { buildReport } from '../report/buildReport';
import { findingsAtOrAbove } from '../report/failOn';
import { Report } from '../report/types';

/** @public */
export const FORMATS = ['table', 'json', 'sarif', 'markdown'] as const;
/** @public */
export type Format = (typeof FORMATS)[number];

/** Exit codes of `aib-scorecard`. */
export const EXIT_OK = 0;
export const EXIT_FAIL_ON = 1;
export const EXIT_BAD_INPUT = 2;

export interface ScoreOptions {
  format: Format;
  failOn?: Severity;
  config: string[];
  /** The program's version, for SARIF. */
  version: string;
  /** The time exemptions are compared with; now by default. */
  now?: Date;
}

function render(report: Report, options: ScoreOptions, io: CliIo): string {
  switch (options.format) {
    case 'json':
      return formatJson(report);
    case 'sarif':
      return formatSarif(report, { cwd: io.cwd, version: options.version });
    case 'markdown':
      return formatMarkdown(report);
    default:
      return formatTable(report, {
        // https://no-color.org: any non-empty NO_COLOR turns colours off.
        color: io.stdout.isTTY === true && !io.env.NO_COLOR,
      });
  }
}

function setUp(
  config: Awaited<ReturnType<typeof loadCliConfig>>,
  files: string[],
) {
  const label = files.join(', ') || 'config';
  let engine: RuleEngine;
  let exemptions: Exemptions;
  try {
    engine = createRuleEngine({ config: config.rules });
    exemptions = createExemptions(config.exemptions ?? [], { engine });
  } catch (error) {
    throw new CliError(
      `${label}: ${redactString(
        error instanceof Error ? error.message : String(error),
      )}`,
    );
  }
  return { engine, exemptions };
}

/**
 * `aib-scorecard score <files...>`: reads the inputs, scores them, writes the report to stdout and
 * answers the exit code: 2 when an input (or part of one) could not be read, else 1 when
 * `--fail-on` is met, else 0. Everything that is not the report goes to stderr.
 */
export async function scoreCommand(
  files: string[],
  options: ScoreOptions,
  io: CliIo,
): Promise<number> {
  const error = (message: string) =>
    io.stderr.write(`${PROGRAM}: ${message}\n`);
  const now = options.now ?? new Date();
  let report: Report;
  let badInput: boolean;
  try {
    const config = await loadCliConfig(options.config, io.cwd);
    const { engine, exemptions } = setUp(config, options.config);
    for (const e of exemptions.expired(now)) {
      const i = exemptions.exemptions.indexOf(e);
      error(
        `warning: azureImageBuilder.exemptions[${i}] (rule ${e.rule}) expired on ${e.expires} and no longer applies`,
      );
    }
    const inputs = await loadInputs(files, {
      cwd: io.cwd,
      capturedAt: now.toISOString(),
    });
    inputs.errors.forEach(error);
    inputs.warnings.forEach(w => error(`warning: ${w}`));
    badInput = inputs.errors.length > 0;
    report = buildReport(inputs.scans, {
      engine,
      ownership: config.ownership,
      exemptions,
      now,
    });
  } catch (e) {
    if (e instanceof CliError) {
      error(e.message);
      return e.exitCode;
    }
    throw e;
  }

  io.stdout.write(render(report, options, io));

  if (badInput) {
    error(
      'some input could not be read (see above); the rest was scored (exit code 2)',
    );
    return EXIT_BAD_INPUT;
  }
  if (options.failOn) {
    const failing = findingsAtOrAbove(report, options.failOn);
    if (failing.length > 0) {
      error(
        `${failing.length} failing finding${
          failing.length === 1 ? '' : 's'
        } of severity ${options.failOn}${
          options.failOn === 'high' ? '' : ' or higher'
        } (--fail-on ${options.failOn})`,
      );
      return EXIT_FAIL_ON;
    }
  }
  return EXIT_OK;
}
