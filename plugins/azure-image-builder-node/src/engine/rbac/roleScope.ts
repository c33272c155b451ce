import { ArmResource } from '@aib-scorecards/plugin-azure-image-builder-common';
import { armIdPrefixBefore } from '../armId';

/**
 * What a role assignment's scope is: the tenant root (`/`), a management group
 * (`/providers/Microsoft.Management/managementGroups/<name>`), a subscription, a resource group, a
 * resource (anything below a subscription that is not a resource group), or `other` (a scope
 * outside that tree, which covers no template).
 * @public
 */
export type ScopeKind =
  | 'root'
  | 'managementGroup'
  | 'subscription'
  | 'resourceGroup'
  | 'resource'
  | 'other';

/** What the role rules need to know of a scope, read in one pass. @public */
export interface ScopeInfo {
  /** Lower-cased, one `/` between segments, none at the end; `/` for the tenant root. */
  key: string;
  kind: ScopeKind;
  /** The key of the resource group the scope is, or lies in (`/subscriptions/<s>/resourcegroups/<rg>`). */
  resourceGroupKey?: string;
  /** The last segment as written (the name of the resource, group, subscription…); `/` for the root. */
  name: string;
}

const SLASH = 47;

function nonEmpty(segment: string): boolean {
  return segment.length > 0;
}

/** The last segment of a trimmed scope as written, ignoring trailing slashes; `/` for none. */
function lastSegmentAsWritten(written: string): string {
  let end = written.length;
  while (end > 0 && written[end - 1] === '/') end--;
  return end === 0
    ? '/'
    : written.slice(written.lastIndexOf('/', end - 1) + 1, end);
}

/** Reads a scope (or any ARM id) once: its key, kind, resource group and name. @public */
export function parseScope(scope: string): ScopeInfo {
  const written = typeof scope === 'string' ? scope.trim() : '';
  // Lower-cased whole, then cut: the same segments as cutting first (no letter lower-cases to
  // `/`), for one string made instead of one per segment.
  const lower = written.toLowerCase();
  return isCanonicalKey(lower)
    ? parseCanonical(written, lower)
    : parseSegments(written, lower);
}

/**
 * Whether a lower-cased scope is its own key already (`/a/b`: one `/` between segments, none at
 * the end): as ARM writes ids, and then it is read in place, without cutting it in segments.
 */
function isCanonicalKey(lower: string): boolean {
  return (
    lower.length > 1 &&
    lower.charCodeAt(0) === SLASH &&
    lower.charCodeAt(lower.length - 1) !== SLASH &&
    !lower.includes('//')
  );
}

const SUBSCRIPTIONS = '/subscriptions/';
const RESOURCE_GROUPS = '/resourcegroups/';
const MANAGEMENT_GROUPS = '/providers/microsoft.management/managementgroups/';

/** {@link parseScope} of a scope whose lower-cased form is a key (see isCanonicalKey). */
function parseCanonical(written: string, key: string): ScopeInfo {
  const name = lastSegmentAsWritten(written);
  if (key.startsWith(SUBSCRIPTIONS)) {
    // Segment 2 (the subscription) is not empty: no `//`, no `/` at the end.
    const subscriptionEnd = key.indexOf('/', SUBSCRIPTIONS.length);
    if (subscriptionEnd < 0) return { key, kind: 'subscription', name };
    if (!key.startsWith(RESOURCE_GROUPS, subscriptionEnd)) {
      return { key, kind: 'resource', name };
    }
    const groupEnd = key.indexOf('/', subscriptionEnd + RESOURCE_GROUPS.length);
    return groupEnd < 0
      ? { key, kind: 'resourceGroup', resourceGroupKey: key, name }
      : {
          key,
          kind: 'resource',
          resourceGroupKey: key.slice(0, groupEnd),
          name,
        };
  }
  const kind: ScopeKind =
    key.startsWith(MANAGEMENT_GROUPS) &&
    !key.includes('/', MANAGEMENT_GROUPS.length)
      ? 'managementGroup'
      : 'other';
  return { key, kind, name };
}

/** {@link parseScope} of any scope: cut in its non-empty segments. */
function parseSegments(written: string, lower: string): ScopeInfo {
  const s = lower.split('/').filter(nonEmpty);
  const key = `/${s.join('/')}`;
  const name = lastSegmentAsWritten(written);
  let kind: ScopeKind = 'other';
  let resourceGroupKey: string | undefined;
  if (s.length === 0) {
    kind = 'root';
  } else if (s[0] === 'subscriptions' && s.length >= 2) {
    if (s.length >= 4 && s[2] === 'resourcegroups') {
      resourceGroupKey = `/${s.slice(0, 4).join('/')}`;
    }
    if (s.length === 2) kind = 'subscription';
    else if (s.length === 4 && resourceGroupKey) kind = 'resourceGroup';
    else kind = 'resource';
  } else if (
    s.length === 4 &&
    s[0] === 'providers' &&
    s[1] === 'microsoft.management' &&
    s[2] === 'managementgroups'
  ) {
    kind = 'managementGroup';
  }
  return resourceGroupKey
    ? { key, kind, resourceGroupKey, name }
    : { key, kind, name };
}

/**
 * The key a scope is compared by: lower-cased, one `/` between segments, none at the end; `/` for
 * the tenant root. Scopes written by people (`//x/`, `/X`) compare equal to the canonical form.
 * @public
 */
export function scopeKey(scope: string): string {
  const lower = typeof scope === 'string' ? scope.trim().toLowerCase() : '';
  return isCanonicalKey(lower) ? lower : parseSegments('', lower).key;
}

/** The kind of a scope. @public */
export function scopeKindOf(scope: string): ScopeKind {
  return parseScope(scope).kind;
}

/**
 * Whether `scope` is `ancestor` or lies below it, at a path-segment boundary: a resource group
 * `rg-a` does not contain `rg-ab`. Compared case-insensitively.
 * @public
 */
export function isScopeAtOrBelow(scope: string, ancestor: string): boolean {
  return isKeyAtOrBelow(scopeKey(scope), scopeKey(ancestor));
}

/** {@link isScopeAtOrBelow} on keys (see {@link scopeKey}). @public */
export function isKeyAtOrBelow(key: string, ancestorKey: string): boolean {
  if (ancestorKey === '/') return true;
  // No `${ancestorKey}/` made per call: the rules compare thousands of keys per scan.
  return (
    key.startsWith(ancestorKey) &&
    (key.length === ancestorKey.length ||
      key.charCodeAt(ancestorKey.length) === SLASH)
  );
}

/**
 * The keys of every scope at or above a resource within its subscription, narrowest first: the
 * resource itself and each prefix of its id at a segment boundary, down to `/subscriptions/<id>`.
 * Management groups and the root are not in an id: they come from the assignment list.
 * @public
 */
export function enclosingScopeKeys(resourceId: string): string[] {
  const key = scopeKey(resourceId);
  if (!key.startsWith('/subscriptions/') || key.length <= 15) return [];
  // The subscription scope is `/subscriptions/<id>`: stop at the slash after it.
  const subscriptionEnd = key.indexOf('/', 15);
  const keys: string[] = [];
  let end = key.length;
  while (subscriptionEnd >= 0 && end > subscriptionEnd) {
    keys.push(key.slice(0, end));
    end = key.lastIndexOf('/', end - 1);
  }
  if (subscriptionEnd < 0) keys.push(key);
  else keys.push(key.slice(0, subscriptionEnd));
  return keys;
}

/**
 * The key of the resource group a scope lies in (`/subscriptions/<s>/resourcegroups/<rg>`), for a
 * resource group or a resource in one; `undefined` otherwise.
 * @public
 */
export function resourceGroupKeyOf(scope: string): string | undefined {
  return parseScope(scope).resourceGroupKey;
}

/**
 * The last segment of an ARM id or scope (a resource's name, a role definition's GUID), as
 * written, ignoring trailing slashes; `''` for none.
 * @public
 */
export function lastIdSegment(id: string): string {
  if (typeof id !== 'string') return '';
  let end = id.length;
  while (end > 0 && (id[end - 1] === '/' || id[end - 1] <= ' ')) end--;
  return id.slice(id.lastIndexOf('/', end - 1) + 1, end).trim();
}

const ASSIGNMENT_MARKER = '/providers/Microsoft.Authorization/roleAssignments/';

/**
 * The scope of a role assignment: `properties.scope`, else its id up to
 * `/providers/Microsoft.Authorization/roleAssignments/` (`/` for an assignment at the root).
 * `undefined` when neither says.
 * @public
 */
export function assignmentScope(assignment: ArmResource): string | undefined {
  const scope = assignment?.properties?.scope;
  if (typeof scope === 'string' && scope.trim().length > 0) return scope.trim();
  if (typeof assignment?.id !== 'string') return undefined;
  if (assignment.id.toLowerCase().startsWith(ASSIGNMENT_MARKER.toLowerCase())) {
    return '/';
  }
  return armIdPrefixBefore(assignment.id, ASSIGNMENT_MARKER);
}
