import { isReference, REDACTED } from './detectors';
import { isSecretPropertyName, redactString } from './redact';

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
const MAX_CACHED = 50_000;

/**
 * A redactor for the many values of one scan, with the results of `redactSecrets` (same copies,
 * same `[REDACTED]` places), only faster where values repeat:
 * - each distinct string (and each property name's secret-ness) is worked out once;
 * - an object or array that is deeply frozen (frozen, data properties only, and every object in it
 *   too) cannot change, so it is copied once: the copy is frozen too and shared by every caller.
 *   Rules freeze the evidence they repeat across templates (the grants of a role assignment, say).
 * Other objects are copied on every call, as `redactSecrets` does.
 * @internal
 */
export function createCachedRedactor(): CachedRedactor {
  let strings = new Map<string, string>();
  let secretNames = new Map<string, boolean>();
  const frozenCopies = new WeakMap<object, unknown>();

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

  /** Whether a value (already copied) cannot change: a primitive or a shared frozen copy's source. */
  const isImmutable = (item: unknown): boolean =>
    item === null ||
    (typeof item !== 'object' && typeof item !== 'function') ||
    (typeof item === 'object' && frozenCopies.has(item));

  // The walk of `redactSecrets` (redact.ts), step for step.
  const copy = (value: unknown, seen: Map<object, unknown>): unknown => {
    if (typeof value === 'string') return text(value);
    if (value === null || typeof value !== 'object') return value;
    const shared = frozenCopies.get(value);
    if (shared !== undefined) return shared;
    // A cycle is copied as a cycle instead of recursing forever (and never shared).
    if (seen.has(value)) return seen.get(value);
    if (Array.isArray(value)) {
      const out: unknown[] = [];
      seen.set(value, out);
      let immutable = hasOnlyDataProperties(value);
      for (const item of value) {
        out.push(copy(item, seen));
        if (immutable && !isImmutable(item)) immutable = false;
      }
      if (immutable) frozenCopies.set(value, Object.freeze(out));
      return out;
    }
    // A Date changes through its methods even when frozen: copied every time.
    if (value instanceof Date) return new Date(value.getTime());
    const out: Record<string, unknown> = {};
    seen.set(value, out);
    let immutable = hasOnlyDataProperties(value);
    for (const [k, v] of Object.entries(value)) {
      const secret =
        typeof v === 'string' && isSecretName(k) && !isReference(v);
      // defineProperty keeps a `__proto__` key an own property instead of changing the prototype.
      Object.defineProperty(out, k, {
        value: secret ? REDACTED : copy(v, seen),
        enumerable: true,
        writable: true,
        configurable: true,
      });
      if (immutable && !isImmutable(v)) immutable = false;
    }
    if (immutable) frozenCopies.set(value, Object.freeze(out));
    return out;
  };

  return {
    text,
    value: <T>(value: T): T => copy(value, new Map()) as T,
  };
}

/** Frozen, with no getter or setter: its properties hold the same values forever. */
function hasOnlyDataProperties(value: object): boolean {
  if (!Object.isFrozen(value)) return false;
  const descriptors = Object.getOwnPropertyDescriptors(value);
  for (const key of Reflect.ownKeys(descriptors)) {
    const d = descriptors[key as keyof typeof descriptors];
    if (d.get || d.set) return false;
  }
  return true;
}
