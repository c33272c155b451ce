/**
 * The key an Azure region name is compared by (RULES.md): lower-cased, without blanks, so the
 * display name `East US` and the programmatic name `eastus` are the same region.
 * @public
 */
export function normalizeRegion(region: string): string {
  return region.replace(/\s+/g, '').toLowerCase();
}
