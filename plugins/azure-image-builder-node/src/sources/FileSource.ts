import { resolve } from 'node:path';
import { FileSourceConfig } from '../config/types';
import { readSnapshotFile } from '../snapshot/readSnapshotFile';
import { LoadedSnapshot } from '../snapshot/types';
import { ImageTemplateSource } from './types';

/**
 * A snapshot file (SNAPSHOT.md) as a source: the embedded default and air-gapped installs. The
 * file is read again on every `read`, so replacing it updates the catalog and the scorecards on
 * the next scheduled run.
 * @public
 */
export class FileSource implements ImageTemplateSource {
  readonly id: string;
  readonly type = 'file';
  /** The absolute path of the snapshot file. */
  readonly path: string;

  /**
   * @param config - the source's configuration; a relative `path` is resolved against `baseDir`
   * @param options - `baseDir` defaults to the working directory of the process (the backend's)
   */
  constructor(config: FileSourceConfig, options?: { baseDir?: string }) {
    this.id = config.id;
    this.path = resolve(options?.baseDir ?? process.cwd(), config.path);
  }

  /** Rejects with a `SnapshotError` naming {@link FileSource.path} when the file cannot be used. */
  read(options?: { signal?: AbortSignal }): Promise<LoadedSnapshot> {
    return readSnapshotFile(this.path, options);
  }
}
