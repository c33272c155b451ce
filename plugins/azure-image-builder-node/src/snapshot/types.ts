import { Snapshot } from '@aib-scorecards/plugin-azure-image-builder-common';

/**
 * One part of a snapshot that could not be loaded. It names the file, the subscription, the
 * template (index and id when it has one) and the field, so a person can find and fix it.
 * The rest of the snapshot still loads.
 * @public
 */
export interface SnapshotProblem {
  file?: string;
  subscriptionId?: string;
  /** Index of the subscription in `subscriptions[]`. */
  subscriptionIndex?: number;
  /** The collection the bad item is in, e.g. `imageTemplates`. */
  collection?: string;
  /** Index of the item in its collection. */
  index?: number;
  /** The item's `id`, when it has a string one. */
  id?: string;
  /**
   * Path of the offending field inside the item, e.g. `properties.source`; `''` when the item
   * itself is wrong (not an object). For a whole collection that is not an array, the collection
   * name; for the snapshot's own fields, their name (`capturedAt`).
   */
  field: string;
  /** What is wrong, in words (includes all the above). */
  message: string;
}

/** A snapshot as loaded, with the problems of the items that were left out. @public */
export interface LoadedSnapshot {
  snapshot: Snapshot;
  problems: SnapshotProblem[];
}
