import { redactString } from '../redaction';

const MAX_TAG_LENGTH = 63;
const TAG = /^[a-z0-9:+#]+(?:-[a-z0-9:+#]+)*$/;

/**
 * Azure tags as catalog tags: `key-value` (or `key` when the value is empty), lower-cased, every
 * run of other characters made one `-`; tags that are still not valid (longer than 63 characters)
 * are dropped, duplicates removed. Values are redacted first, so a SAS URL in a tag cannot leak.
 * The portal's own `hidden-*` tags are not tags people set, and are left out.
 * @public
 */
export function toCatalogTags(tags: unknown): string[] {
  if (typeof tags !== 'object' || tags === null || Array.isArray(tags))
    return [];
  const out = new Set<string>();
  for (const [key, value] of Object.entries(tags)) {
    if (typeof value !== 'string' || /^hidden-/i.test(key)) continue;
    const raw = value.trim() ? `${key}-${redactString(value)}` : key;
    const tag = raw
      .toLowerCase()
      .replace(/[^a-z0-9:+#]+/g, '-')
      .replace(/^-+|-+$/g, '');
    if (tag.length > 0 && tag.length <= MAX_TAG_LENGTH && TAG.test(tag)) {
      out.add(tag);
    }
  }
  return [...out];
}
