import {
  Evidence,
  getRuleMetadata,
  RuleMetadata,
} from '@aib-scorecards/plugin-azure-image-builder-common';
import { NOT_COLLECTED } from '../engine/SnapshotIndex';
import { ImageTemplateRule, RuleContext, RuleOutcome } from './types';

/**
 * Declares a rule of the pack: its metadata comes from `RULE_METADATA` (common), so the id, title,
 * severity and remediation link are written once. Throws at module load when the id is unknown.
 * @public
 */
export function defineRule(
  id: string,
  evaluate: (context: RuleContext) => RuleOutcome,
): ImageTemplateRule {
  const metadata: RuleMetadata | undefined = getRuleMetadata(id);
  if (!metadata) {
    throw new Error(
      `Rule '${id}' has no metadata in RULE_METADATA of @aib-scorecards/plugin-azure-image-builder-common`,
    );
  }
  return { metadata, evaluate };
}

/**
 * The `unknown` outcome for a rule whose data was not read: names the collection and the error
 * code from the subscription's `errors` entry (`NotCollected` when there is none). `what` starts
 * the message: "Whether a lock protects the template".
 * @public
 */
export function unknownCollection(
  context: RuleContext,
  collection: string,
  what: string,
): RuleOutcome {
  const error = context.index.getCollectionError(
    context.subscription,
    collection,
  );
  const code = error?.code ?? NOT_COLLECTED;
  const evidence: Evidence = { collection, code };
  if (error?.message) evidence.note = error.message;
  return {
    status: 'unknown',
    message: `${what} is unknown: the ${collection} of subscription ${context.subscription.subscriptionId} could not be read (${code})`,
    evidence: [evidence],
  };
}

/**
 * Whether a value is an unresolved ARM template expression (`[parameters('x')]`): deployment
 * templates are scored as written, and such a value says nothing about the deployed template.
 * `[[` escapes a literal `[`.
 * @public
 */
export function isArmExpression(value: unknown): value is string {
  return (
    typeof value === 'string' &&
    value.length > 1 &&
    value.startsWith('[') &&
    !value.startsWith('[[') &&
    value.endsWith(']')
  );
}

/** A plain object (not an array, not null), for walking JSON safely. */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The value at `path` below `root`, `undefined` when any step is missing or not an object. */
export function getPath(root: unknown, path: readonly string[]): unknown {
  let value = root;
  for (const key of path) {
    if (!isObject(value)) return undefined;
    value = value[key];
  }
  return value;
}

/**
 * The value at `key` of `value`, `undefined` when `value` is not an object: one step of
 * {@link getPath}, without a list of keys to make.
 */
export function child(value: unknown, key: string): unknown {
  return isObject(value) ? value[key] : undefined;
}

/**
 * Whether a value is not an object: a `Map` key by content, and its own `observed` value (but for
 * non-finite numbers), so that an outcome made of it can be shared by the templates that have it.
 */
export function isPlain(value: unknown): boolean {
  return value === null || typeof value !== 'object';
}

/** A string with something other than blanks in it. */
export function isNonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.trim().length > 0;
}

/** Case-insensitive comparison of enum values (RULES.md). */
export function equalsIgnoreCase(value: unknown, expected: string): boolean {
  if (typeof value !== 'string') return false;
  // Rules compare every template's enum values: plain ASCII is compared without making strings.
  const ascii = asciiEqualsIgnoreCase(value, expected);
  if (ascii !== undefined) return ascii;
  return value.trim().toLowerCase() === expected.toLowerCase();
}

/**
 * {@link equalsIgnoreCase} for a `value` without blanks at its ends and both strings plain ASCII
 * (where `trim` changes nothing and `toLowerCase` maps A–Z only); `undefined` for any other input.
 */
function asciiEqualsIgnoreCase(
  value: string,
  expected: string,
): boolean | undefined {
  const n = value.length;
  if (n === 0 || value.charCodeAt(0) <= 32 || value.charCodeAt(n - 1) <= 32) {
    return undefined;
  }
  const sameLength = n === expected.length;
  let equal = sameLength;
  for (let i = 0; i < n; i++) {
    const c = value.charCodeAt(i);
    if (c >= 0x7f) return undefined;
    if (equal) {
      const e = expected.charCodeAt(i);
      if (e >= 0x7f) return undefined;
      if (c !== e && lowerAscii(c) !== lowerAscii(e)) equal = false;
    }
  }
  if (!sameLength) {
    for (let i = 0; i < expected.length; i++) {
      if (expected.charCodeAt(i) >= 0x7f) return undefined;
    }
  }
  return equal;
}

function lowerAscii(code: number): number {
  return code >= 65 && code <= 90 ? code + 32 : code;
}

/** The JSON value to show as `observed`: `null` for absent, and only JSON-safe values. */
export function observed(value: unknown): Evidence['observed'] {
  if (value === undefined) return null;
  if (
    value === null ||
    typeof value === 'string' ||
    typeof value === 'boolean' ||
    (typeof value === 'number' && Number.isFinite(value))
  ) {
    return value;
  }
  try {
    return JSON.parse(JSON.stringify(value));
  } catch {
    return String(value);
  }
}

/**
 * A map per scan, held weakly by the scan's index: values derived from a string of the scan (an
 * image id, a URI) that many templates share, made once per scan. Unlike `Memo`, a lookup makes
 * nothing (no key list, no closure): for the lookups rules make for every template.
 */
export class ScanCache<K, V> {
  private readonly maps = new WeakMap<object, Map<K, V>>();

  /** The map of a scan (its `SnapshotIndex`), made on first use. */
  of(scan: object): Map<K, V> {
    let map = this.maps.get(scan);
    if (!map) {
      map = new Map();
      this.maps.set(scan, map);
    }
    return map;
  }
}

const VALUE = Symbol('value');

/**
 * Values of one scan by a list of keys (compared as `Map` keys are: objects of the scan,
 * constants, plain values), held weakly by the scan's index: outcomes that depend on a few values
 * many templates share. Like `Memo`, without a closure to make a value, so that the lookup each
 * template makes allocates nothing but its key list.
 */
export class ScanMemo<V> {
  private readonly roots = new WeakMap<object, Map<unknown, unknown>>();

  /** The value kept for `keys` in this scan, `undefined` when none. */
  find(scan: object, keys: readonly unknown[]): V | undefined {
    let map = this.roots.get(scan);
    for (let i = 0; map !== undefined && i < keys.length; i++) {
      map = map.get(keys[i]) as Map<unknown, unknown> | undefined;
    }
    return map?.get(VALUE) as V | undefined;
  }

  /** Keeps `value` for `keys` in this scan; returns it. */
  keep(scan: object, keys: readonly unknown[], value: V): V {
    let map = this.roots.get(scan);
    if (!map) {
      map = new Map();
      this.roots.set(scan, map);
    }
    for (let i = 0; i < keys.length; i++) {
      let next = map.get(keys[i]) as Map<unknown, unknown> | undefined;
      if (!next) {
        next = new Map();
        map.set(keys[i], next);
      }
      map = next;
    }
    map.set(VALUE, value);
    return value;
  }
}
