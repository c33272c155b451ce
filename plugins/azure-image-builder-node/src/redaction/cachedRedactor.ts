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
 * A redactor for the many values of one scan. Its copies hold what `redactSecrets` gives (the
 * same strings, the same `[REDACTED]` places, cycles copied as cycles), only faster where values
 * repeat:
 * - each distinct string (and each property name's secret-ness) is worked out once;
 * - an object or array that is deeply frozen (frozen, data properties only, and every object in it
 *   too) cannot change, so it is copied once: the copy is frozen too and shared by every caller.
 *   Rules freeze the evidence they repeat across templates (the grants of a role assignment, say).
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
        for (const [k, v] of Object.entries(value)) {
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
    if (immutable && hasOnlyDataProperties(value)) {
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
