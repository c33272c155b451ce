/**
 * `aib-scorecard`: scores Azure VM Image Builder templates and snapshots in CI.
 *
 * @packageDocumentation
 */

import { redactString } from '@aib-scorecards/plugin-azure-image-builder-node';
import { runCli } from './cli';
import { processIo, PROGRAM } from './io';

// `process.exitCode`, not `process.exit()`: a large report piped to a file is written in full.
runCli(process.argv.slice(2), processIo()).then(
  code => {
    process.exitCode = code;
  },
  error => {
    process.stderr.write(
      `${PROGRAM}: internal error: ${redactString(
        error instanceof Error ? error.stack ?? error.message : String(error),
      )}\n`,
    );
    process.exitCode = 2;
  },
);
