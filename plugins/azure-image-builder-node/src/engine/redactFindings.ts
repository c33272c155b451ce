import {
  Evidence,
  Finding,
} from '@aib-scorecards/plugin-azure-image-builder-common';
import { redactSecrets, redactString } from '../redaction';

/** The keys of `Evidence`: none of them names a secret, so only their values need redacting. */
const EVIDENCE_KEYS: ReadonlySet<string> = new Set([
  'path',
  'observed',
  'expected',
  'collection',
  'code',
  'note',
]);

/** Bounds the memory of one scan's cache; past it, strings are still redacted, just not kept. */
const MAX_CACHED = 100_000;

/**
 * Redacts findings the way `redactSecrets` would, for one scan. A scan repeats the same messages,
 * paths and notes across thousands of templates, so each distinct string is redacted once.
 */
export function createFindingRedactor(): (finding: Finding) => Finding {
  const cache = new Map<string, string>();
  const text = (value: string): string => {
    let redacted = cache.get(value);
    if (redacted === undefined) {
      redacted = redactString(value);
      if (cache.size < MAX_CACHED) cache.set(value, redacted);
    }
    return redacted;
  };

  const evidence = (item: Evidence): Evidence => {
    if (typeof item !== 'object' || item === null) return redactSecrets(item);
    const copy: Record<string, unknown> = {};
    for (const key of Object.keys(item)) {
      // Anything outside the Evidence shape takes the general path (secret-named keys and all).
      if (!EVIDENCE_KEYS.has(key)) return redactSecrets(item);
      const value = (item as Record<string, unknown>)[key];
      if (typeof value === 'string') copy[key] = text(value);
      else if (typeof value === 'object' && value !== null) {
        copy[key] = redactSecrets(value);
      } else copy[key] = value;
    }
    return copy as Evidence;
  };

  return finding => ({
    ...finding,
    message: text(finding.message),
    evidence: finding.evidence.map(evidence),
  });
}
