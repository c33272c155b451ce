import { safeHttpUrl } from './format';

/** The public Azure portal, used when the entity's view URL names no other. */
export const DEFAULT_PORTAL_ORIGIN = 'https://portal.azure.com';

/**
 * Which portal to link to: its origin and, when known, the tenant (`#@<tenant>`). Taken from the
 * entity's `backstage.io/view-url` (which the catalog module builds with the tenant and the
 * configured portal of sovereign clouds), else the public portal without a tenant.
 */
export interface PortalBase {
  origin: string;
  tenant?: string;
}

// https://portal.azure.com/#@contoso.onmicrosoft.com/resource/subscriptions/…
const VIEW_URL = /^(https:\/\/[^/?#]+)\/?#(?:@([^/]+))?\/resource\//i;

/** The portal base from a view URL of the form `<origin>/#[@<tenant>]/resource<id>`. */
export function portalBaseFromViewUrl(viewUrl: string | undefined): PortalBase {
  const match = safeHttpUrl(viewUrl) ? VIEW_URL.exec(viewUrl!) : null;
  if (!match) return { origin: DEFAULT_PORTAL_ORIGIN };
  return match[2]
    ? { origin: match[1], tenant: match[2] }
    : { origin: match[1] };
}

// An ARM id: /subscriptions/<id>[/…], segments without characters that would end the fragment.
const ARM_ID = /^\/subscriptions\/[^/\s?#]+(\/[^/\s?#]+)*$/i;

/**
 * The portal page of a resource, `https://portal.azure.com/#@<tenant>/resource<id>` (without
 * `#@<tenant>` when it is not known), or `undefined` when `resourceId` is not an ARM id.
 */
export function azurePortalUrl(
  resourceId: string | undefined,
  base: PortalBase = { origin: DEFAULT_PORTAL_ORIGIN },
): string | undefined {
  if (!resourceId || !ARM_ID.test(resourceId)) return undefined;
  if (resourceId.split('/').some(s => s === '.' || s === '..'))
    return undefined;
  const tenant = base.tenant ? `@${base.tenant}` : '';
  return `${base.origin}/#${tenant}/resource${encodeURI(resourceId)}`;
}

/** The last segment of an ARM id: the resource's name (`id-aib-windows-prod`). */
export function armResourceName(resourceId: string): string {
  const segments = resourceId.split('/').filter(Boolean);
  return segments[segments.length - 1] ?? resourceId;
}
