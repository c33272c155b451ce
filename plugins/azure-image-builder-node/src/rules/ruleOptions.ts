/*
 * Readers of rule options for rules evaluated directly (tests, custom engines): the config reader
 * checks options at start-up, but a rule must still refuse a bad value with a message naming the
 * config key rather than misjudge templates.
 */

function optionKey(ruleId: string, name: string): string {
  return `azureImageBuilder.rules.${ruleId}.${name}`;
}

/** The sets read from lists of principal ids, with the ids they were read from. */
const principalSets = new WeakMap<
  readonly unknown[],
  { ids: readonly unknown[]; set: ReadonlySet<string> }
>();

/**
 * A list of principal ids (`allowedPrincipals`) as lower-cased ids; `undefined` when the option is
 * not configured (which differs from an empty list). Throws naming the key when it is not a list
 * of strings. The same list gives the same set (while it holds the same ids): rules read the
 * option per template, and key what they share between templates on it.
 * @public
 */
export function readPrincipalIdsOption(
  options: { [key: string]: unknown },
  name: string,
  ruleId: string,
): ReadonlySet<string> | undefined {
  const value = options[name];
  if (value === undefined || value === null) return undefined;
  if (Array.isArray(value)) {
    const seen = principalSets.get(value);
    if (seen && sameItems(seen.ids, value)) return seen.set;
  }
  if (!Array.isArray(value) || value.some(v => typeof v !== 'string')) {
    throw new Error(
      `${optionKey(
        ruleId,
        name,
      )} must be a list of principal ids, got ${JSON.stringify(value)}`,
    );
  }
  const set: ReadonlySet<string> = new Set(
    value.map(v => v.trim().toLowerCase()),
  );
  principalSets.set(value, { ids: [...value], set });
  return set;
}

function sameItems(a: readonly unknown[], b: readonly unknown[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * A non-negative integer option, `fallback` when not configured. Accepts the text of an integer
 * (config from environment variables is text). Throws naming the key otherwise.
 * @public
 */
export function readIntegerOption(
  options: { [key: string]: unknown },
  name: string,
  ruleId: string,
  fallback: number,
): number {
  const value = options[name];
  if (value === undefined || value === null) return fallback;
  const n =
    typeof value === 'string' && /^\s*\d+\s*$/.test(value)
      ? Number(value)
      : value;
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0) {
    throw new Error(
      `${optionKey(
        ruleId,
        name,
      )} must be a non-negative integer, got ${JSON.stringify(value)}`,
    );
  }
  return n;
}
