import {
  detectSecretRanges,
  isReference,
  REDACTED,
  SecretFinding,
} from './detectors';

/**
 * The text with every secret value replaced by {@link REDACTED}: SAS signatures (`sig=`), and
 * literal passwords, tokens and keys in inline commands. The rest stays readable (the URL, the
 * command, the variable name), so evidence still says where the secret was.
 * @public
 */
export function redactString(text: string): string {
  if (typeof text !== 'string' || text.length === 0) return text;
  const ranges = detectSecretRanges(text);
  if (ranges.length === 0) return text;
  let out = '';
  let at = 0;
  for (const r of ranges) {
    out += text.slice(at, r.start) + REDACTED;
    at = r.end;
  }
  return out + text.slice(at);
}

/**
 * The secrets in a text: their kind and a description, never their values. The
 * `no-embedded-secrets` rule uses this, so it flags exactly what redaction hides.
 * @public
 */
export function findSecrets(text: string): SecretFinding[] {
  if (typeof text !== 'string' || text.length === 0) return [];
  return detectSecretRanges(text).map(({ kind, description }) => ({
    kind,
    description,
  }));
}

// Object keys whose string value is a secret whatever it looks like (`"adminPassword": "x"`).
// Suffix-anchored, so `secretName`, `tokenType` and `sha256Checksum` are not secrets.
const SECRET_KEY =
  /(?:password|passwd|secret|token|api_?key|access_?key|account_?key|connection_?string)$/i;

/** Whether a property name says its value is a secret. @public */
export function isSecretPropertyName(key: string): boolean {
  return SECRET_KEY.test(key) && !/public_?key$/i.test(key);
}

function isSecretProperty(key: string, value: unknown): value is string {
  return (
    typeof value === 'string' &&
    isSecretPropertyName(key) &&
    !isReference(value)
  );
}

/**
 * A deep copy of a JSON-like value with every string redacted ({@link redactString}) and the
 * values of secret-named properties (`password`, `clientSecret`, …) replaced. Object keys are kept.
 * @public
 */
export function redactSecrets<T>(value: T): T {
  return redactValue(value, new WeakMap()) as T;
}

function redactValue(value: unknown, seen: WeakMap<object, unknown>): unknown {
  if (typeof value === 'string') return redactString(value);
  if (value === null || typeof value !== 'object') return value;
  // A cycle is copied as a cycle instead of recursing forever.
  if (seen.has(value)) return seen.get(value);
  if (Array.isArray(value)) {
    const copy: unknown[] = [];
    seen.set(value, copy);
    for (const item of value) copy.push(redactValue(item, seen));
    return copy;
  }
  if (value instanceof Date) return new Date(value.getTime());
  const copy: Record<string, unknown> = {};
  seen.set(value, copy);
  for (const [k, v] of Object.entries(value)) {
    // defineProperty keeps a `__proto__` key an own property instead of changing the prototype.
    Object.defineProperty(copy, k, {
      value: isSecretProperty(k, v) ? REDACTED : redactValue(v, seen),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return copy;
}

/** A secret found inside a JSON-like value, with the path of the string that holds it. @public */
export interface SecretLocation extends SecretFinding {
  /** Property path, e.g. `properties.customize[2].inline[0]`. */
  path: string;
}

function childPath(base: string, key: string): string {
  if (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key)) {
    return base ? `${base}.${key}` : key;
  }
  return `${base}[${JSON.stringify(key)}]`;
}

/**
 * Walks a value keeping the keys and indexes that lead to the current string, and writes them
 * into a path only for a secret: a template has hundreds of strings and rarely a secret.
 */
class SecretWalker {
  readonly out: SecretLocation[] = [];
  private readonly trail: Array<string | number> = [];
  private readonly seen = new Set<object>();

  constructor(
    private readonly basePath: string,
    private readonly find: (text: string) => readonly SecretFinding[],
  ) {}

  walk(value: unknown): void {
    if (typeof value === 'string') {
      const found = this.find(value);
      if (found.length > 0) {
        const path = this.path();
        for (const f of found) this.out.push({ ...f, path });
      }
      return;
    }
    if (value === null || typeof value !== 'object' || this.seen.has(value)) {
      return;
    }
    this.seen.add(value);
    const trail = this.trail;
    if (Array.isArray(value)) {
      // As forEach: the length read once, holes of a sparse array skipped.
      const length = value.length;
      for (let i = 0; i < length; i++) {
        if (!(i in value)) continue;
        trail.push(i);
        this.walk(value[i]);
        trail.pop();
      }
      return;
    }
    // Object.keys and a read per key: what Object.entries does, without an array per entry.
    const keys = Object.keys(value);
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i];
      const v = (value as Record<string, unknown>)[k];
      trail.push(k);
      if (isSecretProperty(k, v)) {
        this.out.push({
          kind: 'inline-secret',
          description: 'secret property',
          path: this.path(),
        });
      } else {
        this.walk(v);
      }
      trail.pop();
    }
  }

  /** `properties.customize[2].inline[0]`: the base path and the trail. */
  private path(): string {
    let path = this.basePath;
    for (const step of this.trail) {
      path =
        typeof step === 'number' ? `${path}[${step}]` : childPath(path, step);
    }
    return path;
  }
}

/**
 * Every secret in a JSON-like value (an image template, say), with the path of the string it is
 * in: what {@link redactSecrets} would hide. Values are never returned. `find` looks for the
 * secrets of one string ({@link findSecrets}, or a cached form of it that answers the same).
 * @public
 */
export function findSecretsInValue(
  value: unknown,
  basePath = '',
  find: (text: string) => readonly SecretFinding[] = findSecrets,
): SecretLocation[] {
  const walker = new SecretWalker(basePath, find);
  walker.walk(value);
  return walker.out;
}
