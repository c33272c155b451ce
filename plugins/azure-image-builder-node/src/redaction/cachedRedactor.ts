import { isReference, REDACTED, SecretFinding } from './detectors';
import { findSecrets, isSecretPropertyName, redactString } from './redact';

/** Redacts strings and JSON-like values for one scan; see {@link createCachedRedactor}. */
export interface CachedRedactor {
  /** {@link redactString}, each distinct string redacted once. */
  text(value: string): string;
  /** `redactSecrets`: a redacted deep copy, sharing the copies of deeply frozen objects. */
  value<T>(value: T): T;
}

/**
 * Bounds the memory of one cache: when full, it starts again (the strings that repeat across a
 * scan, role ids and messages, come back at once; unique ones were not worth keeping).
 */
const MAX_CACHED = 200_000;

/**
 * A redactor for the many values of one scan. Its copies hold what `redactSecrets` gives (the
 * same strings, the same `[REDACTED]` places, cycles copied as cycles), only faster where values
 * repeat:
 * - each distinct string (and each property name's secret-ness) is worked out once;
 * - an object or array that is deeply frozen (it and every object in it) cannot change, so it is
 *   copied once: the copy is frozen too and shared by every caller. Rules freeze the evidence they
 *   repeat across templates (the grants of a role assignment, say). A getter of a frozen object is
 *   read once, when the copy is made: frozen evidence is plain data.
 * Other objects are copied on every call (an object met twice within one value, not in a cycle,
 * is copied twice, where `redactSecrets` would copy it once).
 * @internal
 */
export function createCachedRedactor(): CachedRedactor {
  let strings = new Map<string, string>();
  let secretNames = new Map<string, boolean>();
  const frozenCopies = new WeakMap<object, object>();

  const text = (value: string): string => {
    let redacted = strings.get(value);
    if (redacted === undefined) {
      redacted = redactString(value);
      if (strings.size >= MAX_CACHED) strings = new Map();
      strings.set(value, redacted);
    }
    return redacted;
  };

  const isSecretName = (key: string): boolean => {
    let secret = secretNames.get(key);
    if (secret === undefined) {
      secret = isSecretPropertyName(key);
      if (secretNames.size >= MAX_CACHED) secretNames = new Map();
      secretNames.set(key, secret);
    }
    return secret;
  };

  // The objects being copied, outermost first, and their copies: a cycle leads back to one.
  const inputs: object[] = [];
  const outputs: object[] = [];

  const copy = (value: unknown): unknown => {
    if (typeof value === 'string') return text(value);
    if (value === null || typeof value !== 'object') return value;
    // Only a frozen object can have a shared copy (checking is cheap, looking up is not).
    if (Object.isFrozen(value)) {
      const shared = frozenCopies.get(value);
      if (shared !== undefined) return shared;
    }
    const cycle = inputs.lastIndexOf(value);
    if (cycle >= 0) return outputs[cycle];
    // A Date changes through its methods even when frozen: copied every time.
    if (value instanceof Date) return new Date(value.getTime());

    const array = Array.isArray(value);
    const out: Record<string, unknown> | unknown[] = array ? [] : {};
    inputs.push(value);
    outputs.push(out);
    let immutable = true;
    try {
      if (array) {
        const list = out as unknown[];
        for (const item of value as unknown[]) {
          const c = copy(item);
          list.push(c);
          if (immutable && !isImmutableCopy(c)) immutable = false;
        }
      } else {
        const record = out as Record<string, unknown>;
        // Object.keys and a read per key: what Object.entries does, without an array per entry.
        const keys = Object.keys(value);
        for (let i = 0; i < keys.length; i++) {
          const k = keys[i];
          const v = (value as Record<string, unknown>)[k];
          const c =
            typeof v === 'string' && isSecretName(k) && !isReference(v)
              ? REDACTED
              : copy(v);
          if (k === '__proto__') {
            // defineProperty keeps a `__proto__` key an own property instead of changing the prototype.
            Object.defineProperty(record, k, {
              value: c,
              enumerable: true,
              writable: true,
              configurable: true,
            });
          } else {
            record[k] = c;
          }
          if (immutable && !isImmutableCopy(c)) immutable = false;
        }
      }
    } finally {
      inputs.pop();
      outputs.pop();
    }
    if (immutable && Object.isFrozen(value)) {
      frozenCopies.set(value, Object.freeze(out));
    }
    return out;
  };

  return { text, value: <T>(value: T): T => copy(value) as T };
}

/**
 * Whether a copy cannot change: a primitive, or a frozen copy (only copies of deeply frozen
 * objects are frozen; a Date, a function or a copy still being made is not immutable).
 */
function isImmutableCopy(value: unknown): boolean {
  if (value === null) return true;
  if (typeof value === 'object') {
    return Object.isFrozen(value) && !(value instanceof Date);
  }
  return typeof value !== 'function';
}

const NONE: readonly SecretFinding[] = Object.freeze([]);

/**
 * `findSecrets` for the many strings of one scan: each distinct string is looked at once (the same
 * commands, URIs and names come back in template after template). The answers are frozen: they
 * are handed out again.
 * @internal
 */
export function createCachedSecretFinder(): (
  text: string,
) => readonly SecretFinding[] {
  let answers = new Map<string, readonly SecretFinding[]>();
  return text => {
    let found = answers.get(text);
    if (found === undefined) {
      const list = findSecrets(text);
      found =
        list.length === 0
          ? NONE
          : Object.freeze(list.map(f => Object.freeze(f)));
      if (answers.size >= MAX_CACHED) answers = new Map();
      answers.set(text, found);
    }
    return found;
  };
}
