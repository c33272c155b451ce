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

function segmentsOf(scope: string): string[] {
  return typeof scope === 'string'
    ? scope
        .trim()
        .toLowerCase()
        .split('/')
        .filter(s => s.length > 0)
    : [];
}

/**
 * The key a scope is compared by: lower-cased, one `/` between segments, none at the end; `/` for
 * the tenant root. Scopes written by people (`//x/`, `/X`) compare equal to the canonical form.
 * @public
 */
export function scopeKey(scope: string): string {
  return `/${segmentsOf(scope).join('/')}`;
}

/** The kind of a scope. @public */
export function scopeKindOf(scope: string): ScopeKind {
  const s = segmentsOf(scope);
  if (s.length === 0) return 'root';
  if (s[0] === 'subscriptions' && s.length >= 2) {
    if (s.length === 2) return 'subscription';
    if (s.length === 4 && s[2] === 'resourcegroups') return 'resourceGroup';
    return 'resource';
  }
  if (
    s.length === 4 &&
    s[0] === 'providers' &&
    s[1] === 'microsoft.management' &&
    s[2] === 'managementgroups'
  ) {
    return 'managementGroup';
  }
  return 'other';
}

/**
 * Whether `scope` is `ancestor` or lies below it, at a path-segment boundary: a resource group
 * `rg-a` does not contain `rg-ab`. Compared case-insensitively.
 * @public
 */
export function isScopeAtOrBelow(scope: string, ancestor: string): boolean {
  const key = scopeKey(scope);
  const top = scopeKey(ancestor);
  if (top === '/') return true;
  return key === top || key.startsWith(`${top}/`);
}

/**
 * The keys of every scope at or above a resource within its subscription, narrowest first: the
 * resource itself and each prefix of its id at a segment boundary, down to `/subscriptions/<id>`.
 * Management groups and the root are not in an id: they come from the assignment list.
 * @public
 */
export function enclosingScopeKeys(resourceId: string): string[] {
  const s = segmentsOf(resourceId);
  if (s[0] !== 'subscriptions' || s.length < 2) return [];
  const keys: string[] = [];
  for (let n = s.length; n >= 2; n--) keys.push(`/${s.slice(0, n).join('/')}`);
  return keys;
}

/**
 * The key of the resource group a scope lies in (`/subscriptions/<s>/resourcegroups/<rg>`), for a
 * resource group or a resource in one; `undefined` otherwise.
 * @public
 */
export function resourceGroupKeyOf(scope: string): string | undefined {
  const s = segmentsOf(scope);
  if (s.length >= 4 && s[0] === 'subscriptions' && s[2] === 'resourcegroups') {
    return `/${s.slice(0, 4).join('/')}`;
  }
  return undefined;
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
