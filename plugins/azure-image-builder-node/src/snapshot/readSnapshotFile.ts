import { promises as fs } from 'node:fs';
import { parseSnapshot } from './parseSnapshot';
import { SnapshotError } from './SnapshotError';
import { LoadedSnapshot } from './types';

const REASONS: Record<string, string> = {
  ENOENT: 'file not found',
  EISDIR: 'is a directory, expected a snapshot file',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
};

/**
 * The bytes of an input file; a {@link SnapshotError} naming the path when it cannot be read.
 * Also used by `readScoringInputFile`.
 * @internal
 */
export async function readInputFile(
  path: string,
  options?: { signal?: AbortSignal },
): Promise<Buffer> {
  try {
    return await fs.readFile(path, { signal: options?.signal });
  } catch (error) {
    if (options?.signal?.aborted) throw error;
    const code = (error as NodeJS.ErrnoException)?.code;
    const reason =
      (code && REASONS[code]) ??
      `could not be read (${code ?? (error as Error)?.message ?? error})`;
    throw new SnapshotError(`${path}: ${reason}`, { file: path, cause: error });
  }
}

/**
 * Reads and parses a snapshot file (see {@link parseSnapshot}). An unreadable file rejects with a
 * {@link SnapshotError} naming the path; an aborted read rejects with the abort reason.
 * @public
 */
export async function readSnapshotFile(
  path: string,
  options?: { signal?: AbortSignal },
): Promise<LoadedSnapshot> {
  const content = await readInputFile(path, options);
  return parseSnapshot(content, { file: path });
}
