import { CliIo } from '../io';

/** A {@link CliIo} that keeps what the CLI writes. */
export function memoryIo(options: {
  cwd: string;
  isTTY?: boolean;
  env?: Record<string, string | undefined>;
}) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    stdout: {
      write: (text: string) => out.push(text),
      isTTY: options.isTTY,
    },
    stderr: { write: (text: string) => err.push(text) },
    env: options.env ?? {},
    cwd: options.cwd,
  };
  return { io, stdout: () => out.join(''), stderr: () => err.join('') };
}
