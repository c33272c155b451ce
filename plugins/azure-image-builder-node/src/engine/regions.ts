/** Region names already normalized: a scan names the same few regions thousands of times. */
const normalized = new Map<string, string>();
/** Bounds the memory of {@link normalized}, whatever names it is given. */
const MAX_REMEMBERED = 1024;

/**
 * The key an Azure region name is compared by (RULES.md): lower-cased, without blanks, so the
 * display name `East US` and the programmatic name `eastus` are the same region.
 * @public
 */
export function normalizeRegion(region: string): string {
  let key = normalized.get(region);
  if (key === undefined) {
    key = region.replace(/\s+/g, '').toLowerCase();
    if (normalized.size >= MAX_REMEMBERED) normalized.clear();
    normalized.set(region, key);
  }
  return key;
}
