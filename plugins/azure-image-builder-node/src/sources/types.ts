import { LoadedSnapshot } from '../snapshot/types';

/**
 * Where image templates come from: a snapshot file, or live Azure. Each configured source has a
 * stable `id` (it names the catalog entity provider). `read` rejects when nothing usable could be
 * read (the caller then keeps what it had); partial reads resolve with `null` collections and
 * `errors` entries.
 * @public
 */
export interface ImageTemplateSource {
  readonly id: string;
  readonly type: string;
  read(options?: { signal?: AbortSignal }): Promise<LoadedSnapshot>;
}
