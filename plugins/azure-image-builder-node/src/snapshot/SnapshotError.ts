/**
 * A snapshot that was rejected whole: unreadable file, not JSON, or not a snapshot. The message
 * names the file and says what is wrong; it never quotes the file's content.
 * @public
 */
export class SnapshotError extends Error {
  /** The file (or label) the snapshot came from, when known. */
  readonly file?: string;

  constructor(message: string, options?: { file?: string; cause?: unknown }) {
    super(message, { cause: options?.cause });
    this.name = 'SnapshotError';
    this.file = options?.file;
  }
}
