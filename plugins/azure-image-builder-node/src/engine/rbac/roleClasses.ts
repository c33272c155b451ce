import { ArmResource } from '@aib-scorecards/plugin-azure-image-builder-common';
import { matchesActionPattern } from './actionPattern';

/**
 * The classes of RULES.md ("Role classes"), computed from a role definition's permissions, never
 * from its name.
 * @public
 */
export type RoleClass = 'access-admin' | 'broad-write' | 'template-write';

/** Which classes a role definition is in. @public */
export type RoleClasses = Readonly<Record<RoleClass, boolean>>;

/** One entry of a role definition's `properties.permissions` (control plane only). @public */
export interface RolePermission {
  actions: readonly string[];
  notActions: readonly string[];
}

/** The action that makes a role access-admin. @public */
export const ROLE_ASSIGNMENT_WRITE =
  'Microsoft.Authorization/roleAssignments/write';

/** The actions that make a role template-write: change, delete or build an image template. @public */
export const TEMPLATE_WRITE_ACTIONS: readonly string[] = [
  'Microsoft.VirtualMachineImages/imageTemplates/write',
  'Microsoft.VirtualMachineImages/imageTemplates/delete',
  'Microsoft.VirtualMachineImages/imageTemplates/run/action',
];

/**
 * `properties.permissions` of a role definition (ARM wire JSON). `undefined` when it cannot be read
 * (absent, not a list, an entry that is not an object or whose `actions`/`notActions` is not a
 * list): such a role's classes are unknown, not empty. Data actions are left out: no class
 * depends on them.
 * @public
 */
export function rolePermissions(
  definition: ArmResource,
): RolePermission[] | undefined {
  const permissions = definition?.properties?.permissions;
  if (!Array.isArray(permissions)) return undefined;
  const result: RolePermission[] = [];
  for (const entry of permissions) {
    if (typeof entry !== 'object' || entry === null) return undefined;
    const actions = stringList(entry.actions);
    const notActions = stringList(entry.notActions);
    if (!actions || !notActions) return undefined;
    result.push({ actions, notActions });
  }
  return result;
}

function stringList(value: unknown): string[] | undefined {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) return undefined;
  return value.filter((v): v is string => typeof v === 'string');
}

/**
 * Whether one permission entry grants an action: one of its `actions` matches it and none of its
 * `notActions` does (Azure subtracts `notActions` from the `actions` of the same entry).
 */
function entryGrants(entry: RolePermission, action: string): boolean {
  return (
    entry.actions.some(p => matchesActionPattern(p, action)) &&
    !entry.notActions.some(p => matchesActionPattern(p, action))
  );
}

/** Whether a role's permissions grant an action (any entry does). @public */
export function grantsAction(
  permissions: readonly RolePermission[],
  action: string,
): boolean {
  return permissions.some(entry => entryGrants(entry, action));
}

/**
 * Whether a role is broad-write: it grants writes on resource types it does not spell out.
 * Precisely: one permission entry grants an action `<namespace>/<type>/write` in which the
 * provider namespace and every segment of the type are, at least in part, matched by a `*`
 * rather than by text of the role's patterns. So `*`, `*` + `/write`, `*` + `/*` and `Microsoft.*`
 * are broad-write (Owner; Contributor, whose `notActions` take away only some named writes);
 * `*` + `/read` (Reader), `Microsoft.Compute/*` and `Microsoft.Compute/virtualMachines/*` (a
 * named provider), a `*` before `/virtualMachines/write` (a named type) are not, and neither is
 * `*` with the `notActions` `*` + `/write`.
 *
 * The check replaces the wildcards of each action pattern with a name made of a character that
 * occurs in none of the entry's patterns, so only wildcards can match it, and asks whether the
 * entry grants the resulting write.
 * @public
 */
export function grantsBroadWrite(
  permissions: readonly RolePermission[],
): boolean {
  return permissions.some(entry => {
    const token = unspelledName(entry);
    return writeProbes(entry, token).some(probe => entryGrants(entry, probe));
  });
}

/** A one-character name (from Unicode's private use area) that no pattern of the entry contains. */
function unspelledName(entry: RolePermission): string {
  const text = [...entry.actions, ...entry.notActions].join('\n').toLowerCase();
  let code = 0xe000;
  while (text.includes(String.fromCharCode(code))) code++;
  return String.fromCharCode(code);
}

/** How many wildcards of one pattern are tried with every filler (3 in practice: 4^3 probes). */
const EXPANDED_WILDCARDS = 3;

/**
 * Writes of unspelled resource types that the entry's patterns could match: `t/t/write`, and each
 * action pattern with its wildcards replaced by fillers (so `Microsoft.*` yields
 * `microsoft.t/t/write`). Only probes whose namespace and type segments all contain the token are
 * kept: those are writes of types the role does not spell out.
 */
function writeProbes(entry: RolePermission, token: string): string[] {
  const fillers = [
    token,
    `${token}/${token}`,
    `${token}/${token}/write`,
    `${token}/${token}/`,
  ];
  const probes = new Set<string>([`${token}/${token}/write`]);
  for (const pattern of entry.actions) {
    const parts = pattern.trim().toLowerCase().split('*');
    const wildcards = parts.length - 1;
    if (wildcards === 0) continue;
    const expanded = Math.min(wildcards, EXPANDED_WILDCARDS);
    const combinations = fillers.length ** expanded;
    for (let c = 0; c < combinations; c++) {
      let probe = parts[0];
      let rest = c;
      for (let w = 1; w <= wildcards; w++) {
        let filler = token;
        if (w <= expanded) {
          filler = fillers[rest % fillers.length];
          rest = Math.floor(rest / fillers.length);
        }
        probe += filler + parts[w];
      }
      if (isUnspelledWrite(probe, token)) probes.add(probe);
    }
  }
  return [...probes];
}

function isUnspelledWrite(probe: string, token: string): boolean {
  const segments = probe.split('/');
  return (
    segments.length >= 3 &&
    segments[segments.length - 1] === 'write' &&
    segments.slice(0, -1).every(s => s.includes(token))
  );
}

/**
 * The classes of a role definition, or `undefined` when its permissions cannot be read.
 * - access-admin: grants `Microsoft.Authorization/roleAssignments/write`;
 * - broad-write: see {@link grantsBroadWrite};
 * - template-write: grants `Microsoft.VirtualMachineImages/imageTemplates/write`, `/delete` or
 *   `/run/action`.
 * @public
 */
export function roleClassesOf(
  definition: ArmResource,
): RoleClasses | undefined {
  const permissions = rolePermissions(definition);
  if (!permissions) return undefined;
  return {
    'access-admin': grantsAction(permissions, ROLE_ASSIGNMENT_WRITE),
    'broad-write': grantsBroadWrite(permissions),
    'template-write': TEMPLATE_WRITE_ACTIONS.some(a =>
      grantsAction(permissions, a),
    ),
  };
}
