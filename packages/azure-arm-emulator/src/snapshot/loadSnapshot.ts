import { promises as fs } from 'node:fs';
import {
  SNAPSHOT_COLLECTIONS,
  SNAPSHOT_KIND,
  type Snapshot,
  type SnapshotCollectionError,
  type SnapshotSubscription,
} from '@aib-scorecards/plugin-azure-image-builder-common';

/** A snapshot checked enough to be served, and what in it cannot be served exactly. @public */
export interface LoadedEmulatorSnapshot {
  snapshot: Snapshot;
  /** Items the emulator can list but not index (e.g. a template without `id`). */
  warnings: string[];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Checks a parsed snapshot document (SNAPSHOT.md) and fills in what may be omitted: an absent
 * collection becomes `null` (not collected), absent `errors` becomes `[]`. Resources are kept
 * verbatim, so the emulator serves exactly what the file holds. A malformed document throws an
 * error naming `source` and the field; a resource without a string `id` is only a warning: it is
 * still served in lists (the collector must cope with such items) but cannot be fetched by id.
 * @public
 */
export function normalizeSnapshot(
  document: unknown,
  source = 'snapshot',
): LoadedEmulatorSnapshot {
  if (!isObject(document)) {
    throw new Error(`${source}: not a snapshot (expected a JSON object)`);
  }
  if (document.kind !== SNAPSHOT_KIND) {
    throw new Error(
      `${source}: not a snapshot (kind is ${JSON.stringify(
        document.kind,
      )}, expected "${SNAPSHOT_KIND}")`,
    );
  }
  if (!Array.isArray(document.subscriptions)) {
    throw new Error(`${source}: subscriptions must be an array`);
  }
  const warnings: string[] = [];
  const seen = new Set<string>();
  const subscriptions = document.subscriptions.map((raw, index) => {
    const where = `${source}: subscriptions[${index}]`;
    if (!isObject(raw)) throw new Error(`${where} must be an object`);
    const subscriptionId = raw.subscriptionId;
    if (typeof subscriptionId !== 'string' || !subscriptionId.trim()) {
      throw new Error(`${where}.subscriptionId must be a non-empty string`);
    }
    if (seen.has(subscriptionId.toLowerCase())) {
      throw new Error(`${where}: duplicate subscriptionId ${subscriptionId}`);
    }
    seen.add(subscriptionId.toLowerCase());
    for (const field of ['displayName', 'tenantId'] as const) {
      if (raw[field] !== undefined && typeof raw[field] !== 'string') {
        throw new Error(`${where}.${field} must be a string`);
      }
    }
    if (raw.tags !== undefined && !isObject(raw.tags)) {
      throw new Error(`${where}.tags must be an object`);
    }
    const subscription: Record<string, unknown> = { ...raw };
    for (const collection of SNAPSHOT_COLLECTIONS) {
      const items = raw[collection];
      if (items === undefined || items === null) {
        subscription[collection] = null;
        continue;
      }
      if (!Array.isArray(items)) {
        throw new Error(`${where}.${collection} must be an array or null`);
      }
      items.forEach((item, itemIndex) => {
        if (!isObject(item)) {
          throw new Error(
            `${where}.${collection}[${itemIndex}] must be an object`,
          );
        }
        if (typeof item.id !== 'string' || !item.id) {
          warnings.push(
            `${where} (${subscriptionId}).${collection}[${itemIndex}] has no string id: listed, but not served by id`,
          );
        }
      });
    }
    const errors = raw.errors ?? [];
    if (!Array.isArray(errors)) {
      throw new Error(`${where}.errors must be an array`);
    }
    errors.forEach((entry, errorIndex) => {
      if (
        !isObject(entry) ||
        typeof entry.collection !== 'string' ||
        typeof entry.code !== 'string'
      ) {
        throw new Error(
          `${where}.errors[${errorIndex}] must be { collection: string, code: string, message?: string }`,
        );
      }
    });
    subscription.errors = errors as SnapshotCollectionError[];
    return subscription as unknown as SnapshotSubscription;
  });
  return {
    snapshot: { ...(document as unknown as Snapshot), subscriptions },
    warnings,
  };
}

/**
 * Reads a snapshot file for the emulator. Errors name the file.
 * @public
 */
export async function loadSnapshotFile(
  path: string,
): Promise<LoadedEmulatorSnapshot> {
  let text: string;
  try {
    text = await fs.readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new Error(
      `${path}: ${
        code === 'ENOENT'
          ? 'file not found'
          : `cannot be read (${code ?? error})`
      }`,
    );
  }
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw new Error(`${path}: not JSON (${(error as Error).message})`);
  }
  return normalizeSnapshot(document, path);
}
