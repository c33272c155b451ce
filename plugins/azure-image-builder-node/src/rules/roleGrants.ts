import { Evidence } from '@aib-scorecards/plugin-azure-image-builder-common';
import {
  IndexedRoleAssignment,
  lastIdSegment,
  RoleClass,
  ScopeKind,
} from '../engine/rbac';
import { Assumption, Doubt } from './doubts';

/**
 * Whether an assignment's role is in a class. A role whose definition is missing or unreadable is
 * in every class under the worst assumption and in none under the best.
 * @public
 */
export function hasRoleClass(
  assignment: IndexedRoleAssignment,
  roleClass: RoleClass,
  assume: Assumption,
): boolean {
  const classes = assignment.role?.classes;
  return classes ? classes[roleClass] : assume === 'worst';
}

/** Whether the classes of an assignment's role are unknown. @public */
export function hasUnknownRole(assignment: IndexedRoleAssignment): boolean {
  return !assignment.role?.classes;
}

/** Scopes above a resource group: a grant there reaches far more than the template. @public */
export function isWideScope(kind: ScopeKind): boolean {
  return (
    kind === 'subscription' || kind === 'managementGroup' || kind === 'root'
  );
}

function lastSegment(id: string): string {
  return lastIdSegment(id) || id;
}

/**
 * What the rules make of an assignment, made once and kept on it (`derived`): the same grant is
 * described, and is evidence, for every template it covers (and one string, hashed once, is then
 * cheap to look up and to redact). An indexed assignment belongs to its scan's RbacIndex and does
 * not change, so neither does what is made of it.
 * @public
 */
export interface Derived {
  scope?: string;
  principal?: string;
  grant?: string;
  /** By the classes asked for, joined with `,`. */
  classes?: Map<string, string>;
  unknownRoleDoubt?: Doubt;
  observed?: Evidence['observed'];
  /** template-access: its evidence as a holder, allowed or not. */
  holderEvidence?: Evidence;
  holderEvidenceNotAllowed?: Evidence;
  /** staging-resource-group-access: its evidence as a writer. */
  writerEvidence?: Evidence;
  /** The identity rules: its excess of each kind (by the kind's number). */
  excesses?: unknown[];
  /** The identity rules: what they know of the principal's list it starts, once shared. */
  listFacts?: unknown;
  /** The identity rules: the principal's list it starts, once a template named it. */
  listSeen?: unknown;
}

/** What the rules made of an assignment so far (see {@link Derived}). @public */
export function derivedOf(assignment: IndexedRoleAssignment): Derived {
  return (assignment.derived ??= {}) as Derived;
}

const wordsOf = derivedOf;

/** The scope of an assignment in words: `resource group 'rg-images'`. @public */
export function describeScope(assignment: IndexedRoleAssignment): string {
  const words = wordsOf(assignment);
  return (words.scope ??= scopeText(assignment));
}

function scopeText(assignment: IndexedRoleAssignment): string {
  const name = assignment.scopeName;
  switch (assignment.scopeKind) {
    case 'root':
      return 'the root scope (/)';
    case 'managementGroup':
      return `management group '${name}'`;
    case 'subscription':
      return `subscription '${name}'`;
    case 'resourceGroup':
      return `resource group '${name}'`;
    case 'resource':
      return `resource '${name}'`;
    default:
      return `scope '${assignment.scope}'`;
  }
}

/** The name of an assignment's role, or its definition id when the definition is missing. */
export function roleLabel(assignment: IndexedRoleAssignment): string {
  return (
    assignment.role?.name ??
    `role ${lastSegment(assignment.roleDefinitionId) || '(none)'}`
  );
}

/** `User 1234…`: the principal of an assignment (groups are not expanded). @public */
export function describePrincipal(assignment: IndexedRoleAssignment): string {
  const words = wordsOf(assignment);
  return (words.principal ??= `${assignment.principalType ?? 'principal'} ${
    assignment.principalId || '(no principalId)'
  }`);
}

/** `User 1234 (Owner at resource group 'rg')`. @public */
export function describeGrant(assignment: IndexedRoleAssignment): string {
  const words = wordsOf(assignment);
  return (words.grant ??= `${describePrincipal(assignment)} (${roleLabel(
    assignment,
  )} at ${describeScope(assignment)})`);
}

/**
 * Evidence of one assignment: the principal (id, type), the role (name, definition id) and the
 * scope that grant it, and a note saying what it grants.
 * @public
 */
export function grantEvidence(
  assignment: IndexedRoleAssignment,
  note: string,
): Evidence {
  return { observed: grantObserved(assignment), note };
}

/**
 * The `observed` value of an assignment, made once per assignment (of one scan's index) and
 * frozen: the same grant is evidence for every template it covers, and the engine redacts and
 * stores a frozen value once, however many findings show it.
 */
function grantObserved(
  assignment: IndexedRoleAssignment,
): Evidence['observed'] {
  const words = wordsOf(assignment);
  return (words.observed ??= Object.freeze({
    principalId: assignment.principalId,
    principalType: assignment.principalType ?? null,
    role: assignment.role?.name ?? null,
    roleDefinitionId: assignment.role?.id ?? assignment.roleDefinitionId,
    scope: assignment.scope,
  }));
}

/**
 * {@link grantEvidence}, frozen: evidence a rule hands out for every template the grant covers
 * (made once and kept by the rule), which nobody may change and the engine redacts once.
 * @public
 */
export function frozenGrantEvidence(
  assignment: IndexedRoleAssignment,
  note: string,
): Evidence {
  return Object.freeze(grantEvidence(assignment, note));
}

/** The doubt an assignment with an unknown role raises. @public */
export function unknownRoleDoubt(assignment: IndexedRoleAssignment): Doubt {
  // Shared by every template the assignment covers: frozen, evidence and all.
  const words = wordsOf(assignment);
  if (!words.unknownRoleDoubt) {
    const doubt = makeUnknownRoleDoubt(assignment);
    Object.freeze(doubt.evidence);
    words.unknownRoleDoubt = Object.freeze(doubt);
  }
  return words.unknownRoleDoubt;
}

function makeUnknownRoleDoubt(assignment: IndexedRoleAssignment): Doubt {
  const missing = !assignment.role;
  const guid = lastSegment(assignment.roleDefinitionId) || '(none)';
  const summary = missing
    ? `role definition ${guid} is not in roleDefinitions`
    : `the permissions of role '${assignment.role!.name}' cannot be read`;
  return {
    summary,
    evidence: {
      ...grantEvidence(
        assignment,
        `${summary}: what ${describePrincipal(
          assignment,
        )} may do at ${describeScope(assignment)} is unknown`,
      ),
      collection: 'roleDefinitions',
      code: missing ? 'RoleDefinitionNotFound' : 'InvalidRoleDefinition',
    },
  };
}

/** The first assignment of each principal, in order, so a message names each principal once. @public */
export function firstPerPrincipal(
  assignments: readonly IndexedRoleAssignment[],
): IndexedRoleAssignment[] {
  const seen = new Set<string>();
  return assignments.filter(a => {
    const key = a.principalKey;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The classes of an assignment's role that matter to a rule, in words: `broad-write, access-admin`. @public */
export function classWords(
  assignment: IndexedRoleAssignment,
  classes: readonly RoleClass[],
): string {
  const words = wordsOf(assignment);
  const byClasses = (words.classes ??= new Map());
  const key = classes.join(',');
  let text = byClasses.get(key);
  if (text === undefined) {
    text = classText(assignment, classes);
    byClasses.set(key, text);
  }
  return text;
}

function classText(
  assignment: IndexedRoleAssignment,
  classes: readonly RoleClass[],
): string {
  if (hasUnknownRole(assignment)) return 'unknown role';
  const held = classes.filter(c => assignment.role!.classes![c]);
  return held.length > 0 ? held.join(', ') : `none of ${classes.join(', ')}`;
}
