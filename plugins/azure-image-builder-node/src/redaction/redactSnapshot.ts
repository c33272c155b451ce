import {
  ArmResource,
  Snapshot,
} from '@aib-scorecards/plugin-azure-image-builder-common';
import { detectSecretRanges, isReference, REDACTED } from './detectors';
import {
  findSecretsInValue,
  isSecretPropertyName,
  redactSecrets,
  SecretLocation,
} from './redact';

/** A snapshot with its secrets redacted, and where they were; see {@link redactSnapshot}. */
export interface RedactedSnapshot {
  /** The snapshot as {@link redactSecrets} would give it, sharing every part that had no secret. */
  snapshot: Snapshot;
  /**
   * The secrets of each image template ({@link findSecretsInValue}'s answer for it, plus secrets
   * in object keys), keyed by the template as given and by its redacted form. Every template of
   * the snapshot with a string id has an entry, an empty list when it holds no secret.
   */
  secrets: Map<ArmResource, readonly SecretLocation[]>;
}

/** A string's secrets, worked out once per scan: the string itself when it has none. */
type Redacted =
  | string
  | { redacted: string; found: ReadonlyArray<Omit<SecretLocation, 'path'>> };

/** Bounds the caches of one scan: when one is full it starts again. */
const MAX_CACHED = 200_000;

const NONE: readonly SecretLocation[] = Object.freeze([]);

/** Thrown inside a walk that meets a cycle: the template is redacted the slow, cycle-safe way. */
class CycleFound extends Error {}

function childPath(base: string, key: string): string {
  if (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key)) {
    return base ? `${base}.${key}` : key;
  }
  return `${base}[${JSON.stringify(key)}]`;
}

/** What a property name is: its redacted form, and whether its string value is a secret. */
interface KeyInfo {
  out: string;
  found: Redacted;
  secretName: boolean;
}

/** The walker: string and key caches for one snapshot, and the trail of the current template. */
class Door {
  private strings = new Map<string, Redacted>();
  private keys = new Map<string, KeyInfo>();
  /** Keys and indexes from the template to the current value; recorded only inside a template. */
  private readonly trail: Array<string | number> = [];
  private found: SecretLocation[] | undefined;
  private readonly stack: object[] = [];
  /** {@link Door.value}, bound once for the arrays it walks. */
  private readonly walk = (value: unknown) => this.value(value);

  /** A template, redacted, with its secrets; a template with a cycle is copied as a cycle. */
  template(template: unknown): { value: unknown; found: SecretLocation[] } {
    const found: SecretLocation[] = [];
    // Paths start at the template: the trail to it (subscriptions[i].imageTemplates[j]) is set aside.
    const outer = this.trail.splice(0);
    const depth = this.stack.length;
    this.found = found;
    try {
      return { value: this.value(template), found };
    } catch (error) {
      if (!(error instanceof CycleFound)) throw error;
      this.stack.length = depth;
      return {
        value: redactSecrets(template),
        found: findSecretsInValue(template),
      };
    } finally {
      this.found = undefined;
      this.trail.length = 0;
      this.trail.push(...outer);
    }
  }

  /** Any value: a string redacted, an array or object walked, anything else as it is. */
  value(value: unknown): unknown {
    if (typeof value === 'string') return this.text(value);
    if (value === null || typeof value !== 'object') return value;
    // A Date holds no text; only plain data is expected here.
    if (value instanceof Date) return value;
    return Array.isArray(value)
      ? this.array(value, this.walk)
      : this.record(value as Record<string, unknown>);
  }

  /** {@link Door.value} of an object, keys and values: the same object when nothing changed. */
  private record(record: Record<string, unknown>): unknown {
    this.enter(record);
    let copy: Record<string, unknown> | undefined;
    const names = Object.keys(record);
    const trail = this.trail;
    for (let i = 0; i < names.length; i++) {
      const key = names[i];
      const value = record[key];
      const info = this.keyInfo(key);
      let out: unknown = value;
      if (typeof value === 'string') {
        if (info.secretName && !isReference(value)) {
          trail.push(key);
          this.note({ kind: 'inline-secret', description: 'secret property' });
          trail.pop();
          out = REDACTED;
        } else if (this.strings.get(value) !== value) {
          trail.push(key);
          out = this.text(value);
          trail.pop();
        }
      } else if (value !== null && typeof value === 'object') {
        trail.push(key);
        out = this.value(value);
        trail.pop();
      }
      if (info.out !== key) {
        trail.push(key);
        this.noteAll(info.found);
        trail.pop();
      }
      copy = copyOnWrite(copy, record, names, i, info.out, out, key, value);
    }
    this.stack.pop();
    return copy ?? record;
  }

  /**
   * An array with each item redacted by `each` (the snapshot's own lists): the same array when no
   * item changed. The trail holds each item's index while `each` runs.
   */
  array(list: readonly unknown[], each: (item: any) => unknown): unknown[] {
    this.enter(list);
    let copy: unknown[] | undefined;
    const length = list.length;
    for (let i = 0; i < length; i++) {
      if (!(i in list)) continue;
      const item = list[i];
      this.trail.push(i);
      const out = each(item);
      this.trail.pop();
      if (out !== item && copy === undefined) copy = list.slice(0, length);
      if (copy !== undefined) copy[i] = out;
    }
    this.stack.pop();
    return copy ?? (list as unknown[]);
  }

  /**
   * An object of the snapshot's own (the snapshot, a subscription), each value redacted unless
   * `special` takes it over (returns anything but `undefined`).
   */
  object(
    record: Record<string, unknown>,
    special: (key: string, value: unknown) => unknown,
  ): Record<string, unknown> {
    this.enter(record);
    let copy: Record<string, unknown> | undefined;
    const names = Object.keys(record);
    for (let i = 0; i < names.length; i++) {
      const key = names[i];
      const value = record[key];
      const info = this.keyInfo(key);
      this.trail.push(key);
      let out = special(key, value);
      if (out === undefined) {
        out =
          typeof value === 'string' && info.secretName && !isReference(value)
            ? REDACTED
            : this.value(value);
      }
      this.trail.pop();
      copy = copyOnWrite(copy, record, names, i, info.out, out, key, value);
    }
    this.stack.pop();
    return copy ?? record;
  }

  private enter(value: object): void {
    if (this.stack.includes(value)) {
      if (this.found) throw new CycleFound();
      // Outside a template (a cycle through a subscription): no copy can be made safely.
      throw new Error('The snapshot has a cycle: it must be plain JSON data');
    }
    this.stack.push(value);
  }

  /** A string redacted, its secrets noted at the trail; each distinct string examined once. */
  private text(value: string): string {
    const known = this.examine(value);
    if (typeof known === 'string') return known;
    this.noteAll(known);
    return known.redacted;
  }

  private examine(value: string): Redacted {
    let known = this.strings.get(value);
    if (known === undefined) {
      const ranges = detectSecretRanges(value);
      if (ranges.length === 0) {
        known = value;
      } else {
        let redacted = '';
        let at = 0;
        for (const r of ranges) {
          redacted += value.slice(at, r.start) + REDACTED;
          at = r.end;
        }
        known = {
          redacted: redacted + value.slice(at),
          found: ranges.map(({ kind, description }) => ({ kind, description })),
        };
      }
      if (this.strings.size >= MAX_CACHED) this.strings = new Map();
      this.strings.set(value, known);
    }
    return known;
  }

  private keyInfo(key: string): KeyInfo {
    let info = this.keys.get(key);
    if (info === undefined) {
      const found = this.examine(key);
      info = {
        out: typeof found === 'string' ? found : found.redacted,
        found,
        secretName: isSecretPropertyName(key),
      };
      if (this.keys.size >= MAX_CACHED) this.keys = new Map();
      this.keys.set(key, info);
    }
    return info;
  }

  private noteAll(known: Redacted): void {
    if (typeof known === 'string') return;
    for (const f of known.found) this.note(f);
  }

  /** Notes a secret at the trail's path, when inside a template. */
  private note(found: Omit<SecretLocation, 'path'>): void {
    if (!this.found) return;
    let path = '';
    for (const step of this.trail) {
      path =
        typeof step === 'number' ? `${path}[${step}]` : childPath(path, step);
    }
    this.found.push({ kind: found.kind, description: found.description, path });
  }
}

/**
 * Redacts a whole snapshot once, before any rule reads it, so that nothing a rule derives from it
 * (messages, evidence, facts) can hold a secret, and records where each template's secrets were
 * for the `no-embedded-secrets` rule. Copy on write: an object or array is copied only when
 * something inside it changes, so a snapshot without secrets costs a walk and no copies, and the
 * given snapshot is never changed. Each distinct string is examined once per call.
 *
 * Object keys are redacted as well (a secret in a key is reported at the key's path), which
 * {@link redactSecrets} does not do; everything else is the same as its copy.
 * @public
 */
export function redactSnapshot(snapshot: Snapshot): RedactedSnapshot {
  const door = new Door();
  const secrets = new Map<ArmResource, readonly SecretLocation[]>();
  const redacted = door.object(plain(snapshot), (key, value) => {
    if (key !== 'subscriptions' || !Array.isArray(value)) return undefined;
    return door.array(value, sub =>
      door.object(sub, (subKey, subValue) => {
        if (subKey !== 'imageTemplates' || !Array.isArray(subValue)) {
          return undefined;
        }
        return door.array(subValue, template => {
          const { value: out, found } = door.template(template);
          if (typeof template?.id === 'string') {
            const list = found.length ? Object.freeze(found) : NONE;
            secrets.set(template, list);
            secrets.set(out as ArmResource, list);
          }
          return out;
        });
      }),
    );
  }) as unknown as Snapshot;
  return { snapshot: redacted, secrets };
}

/**
 * The copy of `record` being made, with its `i`-th entry (`key`: `value`) redacted to `outKey`:
 * `out`. The copy is begun (with the entries before `i`, unchanged) when an entry first changes;
 * until then there is none.
 */
function copyOnWrite(
  copy: Record<string, unknown> | undefined,
  record: Record<string, unknown>,
  names: readonly string[],
  i: number,
  outKey: string,
  out: unknown,
  key: string,
  value: unknown,
): Record<string, unknown> | undefined {
  let result = copy;
  if (result === undefined && (out !== value || outKey !== key)) {
    result = {};
    for (let j = 0; j < i; j++) set(result, names[j], record[names[j]]);
  }
  if (result !== undefined) set(result, outKey, out);
  return result;
}

/** A snapshot as the plain JSON object it is. */
function plain(snapshot: Snapshot): Record<string, unknown> {
  return snapshot as unknown as Record<string, unknown>;
}

function set(record: Record<string, unknown>, key: string, value: unknown) {
  if (key === '__proto__') {
    // defineProperty keeps a `__proto__` key an own property instead of changing the prototype.
    Object.defineProperty(record, key, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  } else {
    record[key] = value;
  }
}
