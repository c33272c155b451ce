/**
 * ARM ids and scopes compared the way ARM compares them: case-insensitively, with empty segments
 * (`//`, which `@azure/arm-locks` sends for an empty parent resource path) ignored.
 */

/** An ARM path in canonical form: lower case, one leading `/`, no empty segments, no trailing `/`. */
export function canonicalArmPath(path: string): string {
  const segments = path.split('/').filter(segment => segment.length > 0);
  return `/${segments.join('/')}`.toLowerCase();
}

/** The canonical path of a list of (decoded) path segments. */
export function canonicalSegments(segments: readonly string[]): string {
  return canonicalArmPath(segments.join('/'));
}

const MANAGEMENT_GROUP_PREFIX =
  '/providers/microsoft.management/managementgroups/';

/**
 * Whether `ancestor` is `scope` or one of its parents. The snapshot does not say which management
 * group holds which subscription; management-group scopes are inherited by every scope of the
 * subscription they are listed in, and the root scope `/` by every scope.
 */
export function isAtOrAbove(ancestor: string, scope: string): boolean {
  if (ancestor === '/' || ancestor === scope) return true;
  if (ancestor.startsWith(MANAGEMENT_GROUP_PREFIX)) {
    return !scope.startsWith(MANAGEMENT_GROUP_PREFIX) || scope === ancestor;
  }
  return scope.startsWith(`${ancestor}/`);
}

/**
 * The scope of an extension resource (a lock, a role assignment): its canonical id up to the last
 * `/providers/microsoft.authorization/`, or `/` for a tenant-level id.
 */
export function extensionResourceScope(id: string): string {
  const canonical = canonicalArmPath(id);
  const at = canonical.lastIndexOf('/providers/microsoft.authorization/');
  if (at <= 0) return '/';
  return canonical.slice(0, at);
}

/** The subscription id (as written) of an ARM id, if it has one. */
export function subscriptionOf(id: string): string | undefined {
  return /^\/*subscriptions\/+([^/]+)/i.exec(id)?.[1];
}

/** The resource group name (as written) of an ARM id, if it has one. */
export function resourceGroupOf(id: string): string | undefined {
  return /^\/*subscriptions\/+[^/]+\/+resourcegroups\/+([^/]+)/i.exec(id)?.[1];
}

/** The last segment of an ARM id (a role definition's GUID, a resource's name). */
export function lastSegment(id: string): string {
  const segments = id.split('/').filter(segment => segment.length > 0);
  return segments[segments.length - 1] ?? '';
}
