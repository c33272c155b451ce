/**
 * Helpers for Azure Resource Manager resource ids. Azure compares ids case-insensitively, and ids
 * written by people (snapshots, deployment templates) may carry a trailing slash or odd casing, so
 * every lookup goes through {@link normalizeArmId}.
 */

/** The parts of an ARM resource id. @public */
export interface ArmIdParts {
  /** The subscription id, as written. */
  subscriptionId?: string;
  /** The resource group name, as written. */
  resourceGroup?: string;
  /** The namespace of the resource's (last) provider, e.g. `Microsoft.VirtualMachineImages`. */
  provider?: string;
  /** The full resource type, e.g. `Microsoft.VirtualMachineImages/imageTemplates/triggers`. */
  resourceType?: string;
  /** The resource's own name: the last segment of the id. */
  name?: string;
}

/**
 * The key an ARM id is compared by: lower-cased, without surrounding blanks or trailing slashes.
 * @public
 */
export function normalizeArmId(id: string): string {
  let end = id.length;
  // Trim whitespace and trailing slashes without a regex, so no input can make this slow.
  while (end > 0 && (id[end - 1] === '/' || id[end - 1] <= ' ')) end--;
  let start = 0;
  while (start < end && id[start] <= ' ') start++;
  return id.slice(start, end).toLowerCase();
}

/**
 * Splits an ARM resource id into its parts. Parts that the id does not have are left out, so a
 * subscription id, a resource group id and a nested resource id all parse. Returns an empty object
 * for anything that is not a string.
 * @public
 */
export function parseArmId(id: string): ArmIdParts {
  if (typeof id !== 'string') return {};
  // Scans the segments in place: no split, no per-segment lower-casing (ids are parsed per
  // template by several rules).
  const n = segmentBounds(id);
  const parts: ArmIdParts = {};
  let i = 0;
  if (n >= 2 && segmentIs(id, 0, 'subscriptions')) {
    parts.subscriptionId = segment(id, 1);
    i = 2;
    if (n >= 4 && segmentIs(id, 2, 'resourcegroups')) {
      parts.resourceGroup = segment(id, 3);
      i = 4;
    }
  }
  // Extension resources (locks on a template, triggers' parents…) repeat `providers/`: the
  // resource's own provider is the last one.
  let lastProviders = -1;
  for (let j = n - 1; j >= i; j--) {
    if (segmentIs(id, j, 'providers')) {
      lastProviders = j;
      break;
    }
  }
  if (lastProviders >= 0 && lastProviders + 1 < n) {
    const provider = segment(id, lastProviders + 1);
    parts.provider = provider;
    // After the namespace the segments alternate type/name: keep the types.
    if (lastProviders + 2 < n) {
      let resourceType = provider;
      for (let j = lastProviders + 2; j < n; j += 2) {
        resourceType += `/${segment(id, j)}`;
      }
      parts.resourceType = resourceType;
    }
  }
  if (n > 0) parts.name = segment(id, n - 1);
  return parts;
}

// Start and end of each non-empty segment of the id last passed to segmentBounds. Shared: the
// parsing functions run to completion before the next one starts.
const segmentStarts: number[] = [];
const segmentEnds: number[] = [];

/**
 * Records the non-empty `/`-separated segments of `id`, at most `max`; returns how many there are
 * (up to `max`).
 */
function segmentBounds(id: string, max = Infinity): number {
  let n = 0;
  let start = 0;
  const length = id.length;
  while (start <= length && n < max) {
    let end = id.indexOf('/', start);
    if (end < 0) end = length;
    if (end > start) {
      segmentStarts[n] = start;
      segmentEnds[n] = end;
      n++;
    }
    start = end + 1;
  }
  return n;
}

function segment(id: string, k: number): string {
  return id.slice(segmentStarts[k], segmentEnds[k]);
}

/**
 * Whether segment `k` is `word` (lower-case ASCII letters) in any casing. Only ASCII letters
 * lower-case to ASCII letters of the words compared here, so this equals comparing
 * `toLowerCase()`.
 */
function segmentIs(id: string, k: number, word: string): boolean {
  const start = segmentStarts[k];
  if (segmentEnds[k] - start !== word.length) return false;
  for (let c = 0; c < word.length; c++) {
    // `| 0x20` lower-cases an ASCII letter; a word holds letters only, so nothing else matches.
    if ((id.charCodeAt(start + c) | 0x20) !== word.charCodeAt(c)) return false;
  }
  return true;
}

/**
 * The length of the start of an id that names its subscription and resource group
 * (`/subscriptions/<id>` or `/subscriptions/<id>/resourceGroups/<name>`, as written), 0 when it
 * names no subscription. {@link parseArmId} of that start has the id's `subscriptionId` and
 * `resourceGroup`: a key for what depends on them only, found without making any string.
 * @public
 */
export function armIdScopeLength(id: string): number {
  if (typeof id !== 'string') return 0;
  const n = segmentBounds(id, 4);
  if (n < 2 || !segmentIs(id, 0, 'subscriptions')) return 0;
  return n >= 4 && segmentIs(id, 2, 'resourcegroups')
    ? segmentEnds[3]
    : segmentEnds[1];
}

/** `/subscriptions/<id>`. @public */
export function subscriptionScopeId(subscriptionId: string): string {
  return `/subscriptions/${subscriptionId}`;
}

/** `/subscriptions/<id>/resourceGroups/<name>`. @public */
export function resourceGroupScopeId(
  subscriptionId: string,
  resourceGroup: string,
): string {
  return `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}`;
}

/**
 * The part of an id before the last occurrence of `marker` (compared case-insensitively), as
 * written; `undefined` when the marker is absent or nothing precedes it.
 * @public
 */
export function armIdPrefixBefore(
  id: string,
  marker: string,
): string | undefined {
  if (typeof id !== 'string') return undefined;
  return prefixBeforeLowerCase(id, marker.toLowerCase());
}

/** {@link armIdPrefixBefore} with the marker lower-cased already (the helpers' constants). */
function prefixBeforeLowerCase(
  id: string,
  lowerCaseMarker: string,
): string | undefined {
  if (typeof id !== 'string') return undefined;
  const at = id.toLowerCase().lastIndexOf(lowerCaseMarker);
  return at > 0 ? id.slice(0, at) : undefined;
}

const LOCK_MARKER = '/providers/microsoft.authorization/locks/';

/**
 * The scope a management lock applies to: its id up to `/providers/Microsoft.Authorization/locks/`.
 * `undefined` when the id is not a lock id.
 * @public
 */
export function lockScopeId(lockId: string): string | undefined {
  return prefixBeforeLowerCase(lockId, LOCK_MARKER);
}

/**
 * The image template a trigger belongs to: its id up to `/triggers/`. `undefined` when the id is
 * not a trigger id.
 * @public
 */
export function triggerParentId(triggerId: string): string | undefined {
  return prefixBeforeLowerCase(triggerId, '/triggers/');
}

/**
 * The virtual network of a subnet: its id up to `/subnets/`. `undefined` when the id is not a
 * subnet id.
 * @public
 */
export function subnetNetworkId(subnetId: string): string | undefined {
  return prefixBeforeLowerCase(subnetId, '/subnets/');
}

/**
 * The gallery image definition a `galleryImageId` names: the id without a trailing
 * `/versions/<version>` (compared case-insensitively), as written.
 * @public
 */
export function galleryImageDefinitionId(galleryImageId: string): string {
  return prefixBeforeLowerCase(galleryImageId, '/versions/') ?? galleryImageId;
}

const GALLERY_MARKER = '/providers/microsoft.compute/galleries/';

/**
 * The Azure Compute Gallery of a gallery, image definition or image version id: the id up to
 * `/galleries/<name>`, as written. `undefined` when the id names no gallery.
 * @public
 */
export function galleryIdOf(id: string): string | undefined {
  if (typeof id !== 'string') return undefined;
  const at = id.toLowerCase().indexOf(GALLERY_MARKER);
  if (at < 0) return undefined;
  const nameStart = at + GALLERY_MARKER.length;
  const slash = id.indexOf('/', nameStart);
  const end = slash < 0 ? id.length : slash;
  return end > nameStart ? id.slice(0, end) : undefined;
}
