import {
  ArmResource,
  Snapshot,
  SNAPSHOT_COLLECTIONS,
  SNAPSHOT_KIND,
  SNAPSHOT_VERSION,
  SnapshotCollection,
  SnapshotCollectionError,
  SnapshotSubscription,
} from '@aib-scorecards/plugin-azure-image-builder-common';
import { redactString } from '../redaction';
import { describeJsonError } from './jsonError';
import { SnapshotError } from './SnapshotError';
import { LoadedSnapshot, SnapshotProblem } from './types';
import {
  checkArmResource,
  checkImageTemplate,
  describeType,
  fieldPath,
  Issue,
  isObject,
  JsonObject,
} from './validate';

/** The `errors[].code` of a collection that was in the file but not an array. @public */
export const INVALID_SNAPSHOT_CODE = 'InvalidSnapshot';

/** Where a problem is, for its message. */
interface Place {
  subscriptionIndex?: number;
  subscriptionId?: string;
  collection?: string;
  index?: number;
  id?: string;
}

const MAX_ISSUES_PER_ITEM = 10;

/** Ids and names in messages are the user's text: shortened, and never a secret. */
function clip(text: string): string {
  const short = text.length > 200 ? `${text.slice(0, 200)}…` : text;
  return redactString(short);
}

class ProblemCollector {
  readonly problems: SnapshotProblem[] = [];

  constructor(private readonly label: string, private readonly file?: string) {}

  add(place: Place, field: string, problem: string, consequence: string) {
    const parts = [this.label];
    if (place.subscriptionIndex !== undefined) {
      parts.push(
        `subscriptions[${place.subscriptionIndex}]${
          place.subscriptionId ? ` (${clip(place.subscriptionId)})` : ''
        }`,
      );
    }
    if (place.collection !== undefined && place.index !== undefined) {
      parts.push(
        `${place.collection}[${place.index}]${
          place.id ? ` (${clip(place.id)})` : ''
        }`,
      );
    }
    if (field) parts.push(field);
    const entry: SnapshotProblem = {
      field,
      message: `${parts.join(': ')}: ${problem}; ${consequence}`,
    };
    if (this.file !== undefined) entry.file = this.file;
    // Like the message, the fields are logged and stored: an id that is not one may hold a secret.
    if (place.subscriptionId !== undefined) {
      entry.subscriptionId = redactString(place.subscriptionId);
    }
    if (place.subscriptionIndex !== undefined) {
      entry.subscriptionIndex = place.subscriptionIndex;
    }
    if (place.collection !== undefined) entry.collection = place.collection;
    if (place.index !== undefined) entry.index = place.index;
    if (place.id !== undefined) entry.id = redactString(place.id);
    this.problems.push(entry);
  }

  /** Adds an item's issues; returns whether one of them leaves it out. */
  addIssues(place: Place, issues: Issue[], leftOut: string): boolean {
    let fatal = false;
    issues.slice(0, MAX_ISSUES_PER_ITEM).forEach(issue => {
      fatal ||= !issue.consequence;
      this.add(place, issue.field, issue.problem, issue.consequence ?? leftOut);
    });
    if (issues.length > MAX_ISSUES_PER_ITEM) {
      this.add(
        place,
        '',
        `${issues.length - MAX_ISSUES_PER_ITEM} more problems`,
        leftOut,
      );
    }
    return fatal || issues.slice(MAX_ISSUES_PER_ITEM).some(i => !i.consequence);
  }
}

function decode(input: Uint8Array): string {
  // PowerShell 5 writes UTF-16 with a byte order mark (`Out-File`); everything else is UTF-8.
  if (input[0] === 0xff && input[1] === 0xfe) {
    return new TextDecoder('utf-16le').decode(input.subarray(2));
  }
  if (input[0] === 0xfe && input[1] === 0xff) {
    return new TextDecoder('utf-16be').decode(input.subarray(2));
  }
  return new TextDecoder('utf-8').decode(input);
}

/**
 * JSON text, bytes (UTF-8, or UTF-16 with a byte order mark) or a value as plain parsed JSON data;
 * a `SnapshotError` naming the file otherwise. Also used by `armDocument.ts`.
 * @internal
 */
export function toDocument(
  input: unknown,
  label: string,
  file?: string,
): unknown {
  if (typeof input === 'string' || input instanceof Uint8Array) {
    let text = typeof input === 'string' ? input : decode(input);
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    if (text.trim() === '') {
      throw new SnapshotError(`${label}: not JSON (the file is empty)`, {
        file,
      });
    }
    try {
      return JSON.parse(text);
    } catch (error) {
      // No `cause`: V8's message quotes the text, which may hold a secret.
      throw new SnapshotError(
        `${label}: not JSON (${redactString(describeJsonError(text, error))})`,
        { file },
      );
    }
  }
  // An object from the caller: copied through JSON, so it is plain data we own (no cycles,
  // getters, class instances or undefined) and loads exactly as the same file would.
  try {
    return JSON.parse(JSON.stringify(input) ?? 'null');
  } catch (error) {
    throw new SnapshotError(
      `${label}: not JSON data (${
        error instanceof Error ? error.message : String(error)
      })`,
      { file, cause: error },
    );
  }
}

function shown(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return clip(text.length > 60 ? `${text.slice(0, 60)}…` : text);
}

function looksLike(doc: JsonObject): string {
  if (Array.isArray(doc.value))
    return ' (this looks like an ARM list response)';
  if (Array.isArray(doc.resources))
    return ' (this looks like an ARM deployment template)';
  if (isObject(doc.properties))
    return ' (this looks like a single ARM resource)';
  return '';
}

/** The whole-document checks: anything wrong here rejects the snapshot. */
function checkEnvelope(doc: unknown, label: string, file?: string): JsonObject {
  const reject = (what: string) =>
    new SnapshotError(`${label}: not an aib-scorecards snapshot: ${what}`, {
      file,
    });
  if (!isObject(doc)) {
    throw reject(`the document is ${describeType(doc)}, expected an object`);
  }
  if (doc.kind !== SNAPSHOT_KIND) {
    throw reject(
      `${
        doc.kind === undefined
          ? '"kind" is missing'
          : `"kind" is ${shown(doc.kind)}`
      }, expected "${SNAPSHOT_KIND}"${looksLike(doc)}`,
    );
  }
  if (doc.version !== SNAPSHOT_VERSION) {
    throw reject(
      `${
        doc.version === undefined
          ? '"version" is missing'
          : `"version" is ${shown(doc.version)}`
      }, expected ${SNAPSHOT_VERSION} (the version this plugin reads)`,
    );
  }
  if (!Array.isArray(doc.subscriptions)) {
    throw reject(
      doc.subscriptions === undefined
        ? '"subscriptions" is missing'
        : `"subscriptions" is ${describeType(
            doc.subscriptions,
          )}, expected an array`,
    );
  }
  return doc;
}

function readCapturedAt(doc: JsonObject, problems: ProblemCollector): string {
  const value = doc.capturedAt;
  if (typeof value === 'string' && !Number.isNaN(Date.parse(value))) {
    return value;
  }
  let problem = `expected an ISO 8601 string, got ${describeType(value)}`;
  if (value === undefined) problem = 'is missing';
  else if (typeof value === 'string') problem = 'is not an ISO 8601 date-time';
  problems.add(
    {},
    'capturedAt',
    problem,
    'using the time the snapshot was read',
  );
  return new Date().toISOString();
}

function readErrors(
  value: unknown,
  place: Place,
  problems: ProblemCollector,
): SnapshotCollectionError[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    problems.add(
      place,
      'errors',
      `expected an array, got ${describeType(value)}`,
      'errors ignored',
    );
    return [];
  }
  const errors: SnapshotCollectionError[] = [];
  value.forEach((entry, i) => {
    const field = fieldPath('errors', i);
    if (
      !isObject(entry) ||
      typeof entry.collection !== 'string' ||
      typeof entry.code !== 'string' ||
      (entry.message !== undefined &&
        entry.message !== null &&
        typeof entry.message !== 'string')
    ) {
      problems.add(
        place,
        field,
        'expected an object with string "collection" and "code" (and an optional string "message")',
        'entry ignored',
      );
      return;
    }
    // Extra fields of an entry are kept, like everywhere else.
    const copy = { ...entry } as JsonObject;
    if (copy.message === null) delete copy.message;
    errors.push(copy as unknown as SnapshotCollectionError);
  });
  return errors;
}

function readCollection(
  sub: JsonObject,
  collection: SnapshotCollection,
  place: Place,
  subscriptionId: string,
  problems: ProblemCollector,
  errors: SnapshotCollectionError[],
): ArmResource[] | null {
  const value = sub[collection];
  // Absent or null: not collected, so rules that need it answer `unknown`.
  if (value === undefined || value === null) return null;
  if (!Array.isArray(value)) {
    const problem = `expected an array or null, got ${describeType(value)}`;
    problems.add(
      { ...place, collection },
      collection,
      problem,
      'treated as not collected (unknown)',
    );
    errors.push({
      collection,
      code: INVALID_SNAPSHOT_CODE,
      message: `${collection} ${problem}`,
    });
    return null;
  }
  const isTemplates = collection === 'imageTemplates';
  const kept: ArmResource[] = [];
  const seen = new Map<string, number>();
  value.forEach((raw, index) => {
    const checked = isTemplates
      ? checkImageTemplate(raw, subscriptionId)
      : checkArmResource(raw);
    const item = checked.item;
    const id =
      item && typeof item.id === 'string' && item.id !== ''
        ? item.id
        : undefined;
    const itemPlace: Place = { ...place, collection, index, id };
    const leftOut = isTemplates ? 'template left out' : 'item left out';
    if (problems.addIssues(itemPlace, checked.issues, leftOut) || !item) return;
    if (isTemplates) {
      // Two entries for one template would be two entities with one name.
      const key = (id as string).toLowerCase();
      const first = seen.get(key);
      if (first !== undefined) {
        problems.add(
          itemPlace,
          'id',
          `duplicates imageTemplates[${first}] (ids compare case-insensitively)`,
          leftOut,
        );
        return;
      }
      seen.set(key, index);
    }
    kept.push(item as ArmResource);
  });
  return kept;
}

function readSubscription(
  raw: unknown,
  subscriptionIndex: number,
  problems: ProblemCollector,
): SnapshotSubscription | undefined {
  const place: Place = { subscriptionIndex };
  if (!isObject(raw)) {
    problems.add(
      place,
      '',
      `expected an object, got ${describeType(raw)}`,
      'subscription left out',
    );
    return undefined;
  }
  if (
    typeof raw.subscriptionId !== 'string' ||
    raw.subscriptionId.trim() === ''
  ) {
    let problem = `expected a string, got ${describeType(raw.subscriptionId)}`;
    if (raw.subscriptionId === undefined) problem = 'is missing';
    else if (typeof raw.subscriptionId === 'string') problem = 'is empty';
    problems.add(place, 'subscriptionId', problem, 'subscription left out');
    return undefined;
  }
  const subscriptionId = raw.subscriptionId;
  place.subscriptionId = subscriptionId;

  // Unknown fields are kept; the known ones are replaced by their checked form below.
  const sub: JsonObject = { ...raw };
  for (const key of ['displayName', 'tenantId']) {
    if (sub[key] === null) delete sub[key];
    else if (sub[key] !== undefined && typeof sub[key] !== 'string') {
      problems.add(
        place,
        key,
        `expected a string, got ${describeType(sub[key])}`,
        `${key} ignored`,
      );
      delete sub[key];
    }
  }
  if (sub.tags === null) delete sub.tags;
  else if (sub.tags !== undefined) {
    if (!isObject(sub.tags)) {
      problems.add(
        place,
        'tags',
        `expected an object of strings, got ${describeType(sub.tags)}`,
        'tags ignored',
      );
      delete sub.tags;
    } else {
      const tags: Record<string, string> = {};
      for (const [key, value] of Object.entries(sub.tags)) {
        if (typeof value === 'string') {
          Object.defineProperty(tags, key, {
            value,
            enumerable: true,
            writable: true,
            configurable: true,
          });
        } else {
          problems.add(
            place,
            fieldPath('tags', key),
            `expected a string, got ${describeType(value)}`,
            'tag ignored',
          );
        }
      }
      sub.tags = tags;
    }
  }

  const errors = readErrors(sub.errors, place, problems);
  for (const collection of SNAPSHOT_COLLECTIONS) {
    sub[collection] = readCollection(
      raw,
      collection,
      place,
      subscriptionId,
      problems,
      errors,
    );
  }
  sub.errors = errors;
  return sub as unknown as SnapshotSubscription;
}

function load(input: unknown, file: string | undefined): LoadedSnapshot {
  const label = file ?? 'snapshot';
  const doc = checkEnvelope(toDocument(input, label, file), label, file);
  const problems = new ProblemCollector(label, file);
  const capturedAt = readCapturedAt(doc, problems);

  const subscriptions: SnapshotSubscription[] = [];
  const seen = new Map<string, number>();
  (doc.subscriptions as unknown[]).forEach((raw, i) => {
    const sub = readSubscription(raw, i, problems);
    if (!sub) return;
    const key = sub.subscriptionId.toLowerCase();
    const first = seen.get(key);
    if (first !== undefined) {
      problems.add(
        { subscriptionIndex: i, subscriptionId: sub.subscriptionId },
        'subscriptionId',
        `duplicates subscriptions[${first}]`,
        'subscription left out',
      );
      return;
    }
    seen.set(key, i);
    subscriptions.push(sub);
  });

  const snapshot = {
    ...doc,
    kind: SNAPSHOT_KIND,
    version: SNAPSHOT_VERSION,
    capturedAt,
    subscriptions,
  } as Snapshot;
  return { snapshot, problems: problems.problems };
}

/**
 * Reads a snapshot (SNAPSHOT.md) from JSON text, bytes or an already parsed value.
 *
 * A document that is not JSON or not a snapshot (`kind`, `version`, `subscriptions`) throws a
 * {@link SnapshotError} naming the file. Anything wrong inside (a template without `id` or
 * `properties`, a field of the wrong type, a collection that is not an array) becomes a
 * {@link SnapshotProblem} naming the subscription, collection, item and field, and only that item
 * is left out. A collection that is absent or `null` stays `null` (unknown), and `[]` stays "none".
 * Unknown fields are kept. Never throws anything but `SnapshotError`.
 * @public
 */
export function parseSnapshot(
  input: string | Uint8Array | unknown,
  options?: { file?: string },
): LoadedSnapshot {
  const file = options?.file;
  try {
    return load(input, file);
  } catch (error) {
    if (error instanceof SnapshotError) throw error;
    // Defensive: whatever else happens (a stack overflow on absurd nesting), callers only ever
    // have to handle SnapshotError.
    throw new SnapshotError(
      `${file ?? 'snapshot'}: could not be loaded (${redactString(
        error instanceof Error ? error.message : String(error),
      )})`,
      { file, cause: error },
    );
  }
}
