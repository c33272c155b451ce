import { Severity } from '@aib-scorecards/plugin-azure-image-builder-common';
import { Command, CommanderError, Option } from 'commander';
import { version } from '../package.json';
import {
  EXIT_BAD_INPUT,
  EXIT_OK,
  Format,
  FORMATS,
  scoreCommand,
} from './commands/score';
import { snapshotCommand } from './commands/snapshot';
import { CliIo, PROGRAM } from './io';

const collect = (value: string, previous: string[]) => [...previous, value];

/**
 * Runs `aib-scorecard` with the given arguments (without `node` and the script) and answers the
 * exit code instead of exiting, so tests can run it in-process. Usage errors exit with 2, like
 * unreadable input: 1 means only "--fail-on was met".
 */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  let exitCode = EXIT_OK;
  const program = new Command(PROGRAM)
    .description(
      'Scores Azure VM Image Builder templates against Microsoft best practices.',
    )
    .version(version)
    .exitOverride()
    .configureOutput({
      writeOut: text => io.stdout.write(text),
      writeErr: text => io.stderr.write(text),
    })
    .showHelpAfterError();

  program
    .command('score')
    .description(
      'Score snapshots, ARM image templates, ARM list responses and deployment templates.',
    )
    .argument('<files...>', 'JSON input files')
    .addOption(
      new Option('-f, --format <format>', 'output format')
        .choices(FORMATS)
        .default('table'),
    )
    .addOption(
      new Option(
        '--fail-on <severity>',
        'exit with 1 when a finding fails at this severity or higher',
      ).choices(['high', 'medium', 'low']),
    )
    .option(
      '-c, --config <app-config.yaml>',
      'app-config file with an azureImageBuilder block (rules, exemptions, ownership); repeatable, later files win',
      collect,
      [] as string[],
    )
    .action(
      async (
        files: string[],
        opts: { format: Format; failOn?: Severity; config: string[] },
      ) => {
        exitCode = await scoreCommand(
          files,
          {
            format: opts.format,
            failOn: opts.failOn,
            config: opts.config,
            version,
          },
          io,
        );
      },
    );

  program
    .command('snapshot')
    .description(
      'Read a configured source (live Azure, or a snapshot file) and write what it read as a snapshot.',
    )
    .requiredOption(
      '-c, --config <app-config.yaml>',
      'app-config file with an azureImageBuilder block naming the source; repeatable, later files win',
      collect,
      [] as string[],
    )
    .option(
      '-s, --source <id>',
      'the source to read (azureImageBuilder.sources[].id); needed when several are configured',
    )
    .requiredOption(
      '-o, --out <file>',
      'where to write the snapshot; - is stdout',
    )
    .action(
      async (opts: { config: string[]; source?: string; out: string }) => {
        exitCode = await snapshotCommand(opts, io);
      },
    );

  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end with 0; usage errors were already printed.
      return error.exitCode === 0 ? EXIT_OK : EXIT_BAD_INPUT;
    }
    throw error;
  }
  return exitCode;
}
