/*
 * Helpers shared by the readers of the `azureImageBuilder` block (sources, rules, exemptions):
 * every error names the config key, and never quotes a value that could be a secret unless the
 * caller chooses to.
 */
import { JsonObject, JsonValue } from '@backstage/types';

/** The error of a bad config value, naming its key. */
export function invalid(key: string, message: string): Error {
  return new Error(`Invalid config at ${key}: ${message}`);
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** "a string", "a list", "an object", "null": the kind of a value, for messages. */
export function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}

/** A value for "got …": strings quoted, numbers and booleans as written, anything else its kind. */
export function shown(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean') {
    return String(value);
  }
  return typeOf(value);
}

export function expected(what: string, value: unknown): string {
  return value === undefined
    ? `is missing, expected ${what}`
    : `expected ${what}, got ${typeOf(value)}`;
}

export function readString(obj: JsonObject, key: string, path: string): string {
  const value = obj[key];
  if (typeof value !== 'string' || value.trim() === '') {
    throw invalid(
      `${path}.${key}`,
      typeof value === 'string'
        ? 'must not be empty'
        : expected('a string', value),
    );
  }
  return value;
}

export function readOptionalString(
  obj: JsonObject,
  key: string,
  path: string,
): string | undefined {
  return obj[key] === undefined ? undefined : readString(obj, key, path);
}

export function readStringList(
  value: JsonValue | undefined,
  path: string,
): string[] {
  if (!Array.isArray(value))
    throw invalid(path, expected('a list of strings', value));
  return value.map((item, i) => {
    if (typeof item !== 'string' || item.trim() === '') {
      throw invalid(
        `${path}[${i}]`,
        typeof item === 'string'
          ? 'must not be empty'
          : expected('a string', item),
      );
    }
    return item;
  });
}

/** Throws for keys of `obj` that are not in `allowed`, naming the first such key. */
export function rejectUnknownKeys(
  obj: JsonObject,
  allowed: readonly string[],
  path: string,
  what: string,
): void {
  for (const key of Object.keys(obj)) {
    if (!allowed.includes(key)) {
      throw invalid(
        `${path}.${key}`,
        `unknown key of ${what}; expected ${allowed
          .map(k => `"${k}"`)
          .join(', ')}`,
      );
    }
  }
}
