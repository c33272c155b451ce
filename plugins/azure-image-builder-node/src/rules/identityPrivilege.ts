import { Evidence } from '@aib-scorecards/plugin-azure-image-builder-common';
import { IndexedRoleAssignment, RoleClass } from '../engine/rbac';
import { Assumption, Doubt } from './doubts';
import {
  classWords,
  describeScope,
  hasUnknownRole,
  roleLabel,
  frozenGrantEvidence,
  grantEvidence,
  unknownRoleDoubt,
} from './roleGrants';
import {
  identityName,
  NamedIdentity,
  resolveIdentityPrincipal,
} from './templateIdentities';
import { RuleContext, RuleOutcome } from './types';

/** An identity whose principal is known, with every assignment of that principal. @public */
export interface ReviewedIdentity {
  identity: NamedIdentity;
  principalId: string;
  assignments: readonly IndexedRoleAssignment[];
}

/** What is wrong with one assignment of an identity, and how badly. @public */
export interface Excess {
  level: 'fail' | 'warn';
  /** A clause: `access-admin (Owner) at subscription '…'`. */
  reason: string;
}

/**
 * Looks up the principal of each identity and its assignments in the snapshot. Identities whose
 * principal is unknown, and assignments whose role is unknown, become doubts.
 * @public
 */
export function reviewIdentities(
  context: RuleContext,
  identities: readonly NamedIdentity[],
): { reviewed: ReviewedIdentity[]; unresolved: number; doubts: Doubt[] } {
  const reviewed: ReviewedIdentity[] = [];
  const doubts: Doubt[] = [];
  let unresolved = 0;
  for (const identity of identities) {
    const resolved = resolveIdentityPrincipal(context, identity);
    if (!('principalId' in resolved)) {
      unresolved++;
      doubts.push(resolved.doubt);
      continue;
    }
    const assignments = context.index.rbac.assignmentsOfPrincipal(
      resolved.principalId,
    );
    doubts.push(...unknownRoleDoubtsOf(assignments));
    reviewed.push({ identity, principalId: resolved.principalId, assignments });
  }
  return { reviewed, unresolved, doubts };
}

/** The doubts of the assignments of an identity, once per list (a principal's list is shared). */
const unknownRoleDoubtLists = new WeakMap<
  readonly IndexedRoleAssignment[],
  readonly Doubt[]
>();

function unknownRoleDoubtsOf(
  assignments: readonly IndexedRoleAssignment[],
): readonly Doubt[] {
  if (assignments.length === 0) return [];
  let doubts = unknownRoleDoubtLists.get(assignments);
  if (!doubts) {
    doubts = Object.freeze(
      assignments.filter(hasUnknownRole).map(unknownRoleDoubt),
    );
    unknownRoleDoubtLists.set(assignments, doubts);
  }
  return doubts;
}

/** `access-admin (Owner) at subscription '…'`. @public */
export function excessReason(
  roleClass: string,
  assignment: IndexedRoleAssignment,
  rest = '',
): string {
  return `${roleClass} (${roleLabel(assignment)}) at ${describeScope(
    assignment,
  )}${rest}`;
}

/**
 * One kind of excess a rule finds in assignments (`access-admin` failing, say). Its
 * {@link Excess} for an assignment is made once and frozen, so that {@link judgeIdentities} can
 * share the evidence it writes about it between the templates of an identity.
 * @public
 */
export class ExcessKind {
  private readonly byAssignment = new WeakMap<IndexedRoleAssignment, Excess>();

  constructor(
    readonly level: Excess['level'],
    readonly roleClass: string,
    /** Words after the scope: `, not the staging resource group`. */
    readonly rest = '',
  ) {}

  of(assignment: IndexedRoleAssignment): Excess {
    let excess = this.byAssignment.get(assignment);
    if (!excess) {
      excess = Object.freeze({
        level: this.level,
        reason: excessReason(this.roleClass, assignment, this.rest),
      });
      this.byAssignment.set(assignment, excess);
    }
    return excess;
  }
}

const JUDGED_CLASSES: readonly RoleClass[] = ['access-admin', 'broad-write'];

/** The evidence about one assignment of an identity, by verdict. */
interface EvidenceSlot {
  withinLimits?: Evidence;
  /** By frozen {@link Excess} (an {@link ExcessKind}'s). */
  byExcess?: Map<Excess, Evidence>;
}

/**
 * Evidence about the assignments of an identity, by the principal's list of assignments (shared by
 * every template naming the identity), then by how the identity is named, then by position.
 */
const evidenceSlots = new WeakMap<
  readonly IndexedRoleAssignment[],
  Map<string, EvidenceSlot[]>
>();

function slotsOf(
  assignments: readonly IndexedRoleAssignment[],
  who: string,
): EvidenceSlot[] | undefined {
  // No list to hang them on (an empty list is one object for all scans).
  if (assignments.length === 0) return undefined;
  let byWho = evidenceSlots.get(assignments);
  if (!byWho) {
    byWho = new Map();
    evidenceSlots.set(assignments, byWho);
  }
  let slots = byWho.get(who);
  if (!slots) {
    slots = [];
    byWho.set(who, slots);
  }
  return slots;
}

/** The evidence about one assignment: shared between templates when its verdict is cacheable. */
function assignmentEvidence(
  slots: EvidenceSlot[] | undefined,
  k: number,
  assignment: IndexedRoleAssignment,
  who: string,
  excess: Excess | undefined,
): Evidence {
  const note = () =>
    `${who}: ${
      excess
        ? `${excess.level}: ${excess.reason}`
        : `${classWords(assignment, JUDGED_CLASSES)} at ${describeScope(
            assignment,
          )}, within limits`
    }`;
  // An Excess made on the fly (not frozen) would grow the cache at every call.
  if (!slots || (excess && !Object.isFrozen(excess))) {
    return grantEvidence(assignment, note());
  }
  const slot = (slots[k] ??= {});
  if (!excess) {
    return (slot.withinLimits ??= frozenGrantEvidence(assignment, note()));
  }
  const byExcess = (slot.byExcess ??= new Map());
  let evidence = byExcess.get(excess);
  if (!evidence) {
    evidence = frozenGrantEvidence(assignment, note());
    byExcess.set(excess, evidence);
  }
  return evidence;
}

/**
 * The verdict on identities once their assignments are classified: `fail` when an assignment
 * fails (or, assuming the worst, when a principal is unknown), `warn` for warnings and the
 * rule's `warnings`, `pass` otherwise. Evidence lists every assignment of every identity.
 * @public
 */
export function judgeIdentities(options: {
  /** `The template identity 'x'`. */
  subject: string;
  /** Whether the subject names several identities (for the verb). */
  plural: boolean;
  reviewed: readonly ReviewedIdentity[];
  unresolved: number;
  classify: (a: IndexedRoleAssignment) => Excess | undefined;
  warnings: readonly string[];
  passMessage: string;
  evidence: readonly Evidence[];
  assume: Assumption;
}): RuleOutcome {
  const { subject, reviewed, classify, assume } = options;
  const evidence: Evidence[] = [...options.evidence];
  const fails: string[] = [];
  const warns: string[] = [];
  for (const { identity, principalId, assignments } of reviewed) {
    const who = `identity '${identityName(
      identity.id,
    )}' (principal ${principalId})`;
    // The note depends on the identity and the verdict only: templates sharing the identity
    // share the evidence.
    const slots = slotsOf(assignments, who);
    for (let k = 0; k < assignments.length; k++) {
      const assignment = assignments[k];
      const excess = classify(assignment);
      evidence.push(assignmentEvidence(slots, k, assignment, who, excess));
      if (excess?.level === 'fail') fails.push(excess.reason);
      if (excess?.level === 'warn') warns.push(excess.reason);
    }
  }
  if (assume === 'worst' && options.unresolved > 0) {
    fails.push('an identity whose principal is unknown may hold anything');
  }
  if (fails.length > 0) {
    return {
      status: 'fail',
      message: `${subject} ${
        options.plural ? 'hold' : 'holds'
      } too much: ${clauses(fails)}`,
      evidence,
    };
  }
  const warnings = [...warns, ...options.warnings];
  if (warnings.length > 0) {
    return {
      status: 'warn',
      message: `${subject} ${
        options.plural ? 'hold more than they need' : 'holds more than it needs'
      }: ${clauses(warnings)}`,
      evidence,
    };
  }
  return { status: 'pass', message: options.passMessage, evidence };
}

/** Clauses that contain commas and `and`, joined by semicolons: the first five, then a count. */
function clauses(items: readonly string[]): string {
  const max = 5;
  const shown = items.slice(0, max).join('; ');
  return items.length > max
    ? `${shown}; and ${items.length - max} more`
    : shown;
}
