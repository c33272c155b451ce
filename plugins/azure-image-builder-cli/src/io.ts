/** Where the CLI reads and writes: the process, or a test's buffers. */
export interface CliIo {
  stdout: { write(text: string): unknown; isTTY?: boolean };
  stderr: { write(text: string): unknown };
  env: Record<string, string | undefined>;
  /** Input and config paths are relative to this; output paths are shown relative to it. */
  cwd: string;
}

/** The running process as a {@link CliIo}. */
export function processIo(): CliIo {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    cwd: process.cwd(),
  };
}

/** An error the CLI reports on stderr (`aib-scorecard: <message>`) before it exits with `exitCode`. */
export class CliError extends Error {
  constructor(message: string, readonly exitCode = 2) {
    super(message);
    this.name = 'CliError';
  }
}

/** The prefix of every line the CLI writes to stderr. */
export const PROGRAM = 'aib-scorecard';
