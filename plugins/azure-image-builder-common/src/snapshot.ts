/**
 * The snapshot file (see SNAPSHOT.md): everything the rules need from Azure, captured at one time.
 * Every resource is verbatim ARM wire JSON (with `properties`).
 */

/** A JSON value. @public */
export type JsonValue =
  | string
  | number
  | boolean
  | null
  | JsonValue[]
  | { [key: string]: JsonValue };

/** Any ARM resource as the REST API returns it. Unknown fields are kept. @public */
export interface ArmResource {
  id: string;
  name?: string;
  type?: string;
  location?: string;
  tags?: Record<string, string>;
  properties?: { [key: string]: any };
  [key: string]: any;
}

/** Why a collection of a subscription could not be read. @public */
export interface SnapshotCollectionError {
  /** The collection that is missing, e.g. `locks`, `roleAssignments`, or `subscription` for the whole subscription. */
  collection: string;
  /** The error code as Azure returned it, e.g. `AuthorizationFailed`. */
  code: string;
  message?: string;
}

/** The collections of a subscription that rules read. @public */
export type SnapshotCollection =
  | 'resourceGroups'
  | 'imageTemplates'
  | 'triggers'
  | 'locks'
  | 'roleAssignments'
  | 'roleDefinitions'
  | 'userAssignedIdentities';

/** @public */
export const SNAPSHOT_COLLECTIONS: readonly SnapshotCollection[] = [
  'resourceGroups',
  'imageTemplates',
  'triggers',
  'locks',
  'roleAssignments',
  'roleDefinitions',
  'userAssignedIdentities',
];

/**
 * One subscription of a snapshot. A collection that is `null` was not collected or could not be
 * read (rules answer `unknown`); an empty array means it was read and there is none.
 * @public
 */
export interface SnapshotSubscription {
  subscriptionId: string;
  displayName?: string;
  tenantId?: string;
  tags?: Record<string, string>;
  resourceGroups: ArmResource[] | null;
  imageTemplates: ArmResource[] | null;
  triggers: ArmResource[] | null;
  locks: ArmResource[] | null;
  roleAssignments: ArmResource[] | null;
  roleDefinitions: ArmResource[] | null;
  userAssignedIdentities: ArmResource[] | null;
  errors: SnapshotCollectionError[];
}

/** @public */
export const SNAPSHOT_KIND = 'aib-scorecards/snapshot';
/** @public */
export const SNAPSHOT_VERSION = 1;

/** A whole snapshot. @public */
export interface Snapshot {
  kind: typeof SNAPSHOT_KIND;
  version: number;
  /** ISO 8601 */
  capturedAt: string;
  subscriptions: SnapshotSubscription[];
}
