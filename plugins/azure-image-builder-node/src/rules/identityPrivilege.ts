import { Evidence } from '@aib-scorecards/plugin-azure-image-builder-common';
import { IndexedRoleAssignment, RoleClass } from '../engine/rbac';
import { Assumption, Doubt } from './doubts';
import {
  classWords,
  derivedOf,
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

const NO_DOUBTS: readonly Doubt[] = [];

/** An identity whose principal is known, with every assignment of that principal. @public */
export interface ReviewedIdentity {
  identity: NamedIdentity;
  principalId: string;
  assignments: readonly IndexedRoleAssignment[];
  /** What is kept about the list once templates share it (see `sighting`). */
  facts?: ListFacts;
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
  const { rbac } = context.index;
  const reviewed: ReviewedIdentity[] = [];
  const doubts: Doubt[] = [];
  let unresolved = 0;
  for (const identity of identities) {
    // As resolveIdentityPrincipal, without an answer object when the principal is known.
    let principalId =
      identity.principalId ?? rbac.identityPrincipalId(identity.id);
    if (!principalId) {
      const resolved = resolveIdentityPrincipal(context, identity);
      if (!('principalId' in resolved)) {
        unresolved++;
        doubts.push(resolved.doubt);
        continue;
      }
      principalId = resolved.principalId;
    }
    const assignments = rbac.assignmentsOfPrincipal(principalId);
    const facts = assignments.length > 0 ? sighting(assignments) : undefined;
    if (facts) {
      for (const doubt of facts.doubts) doubts.push(doubt);
    } else {
      for (const a of assignments) {
        if (hasUnknownRole(a)) doubts.push(unknownRoleDoubt(a));
      }
    }
    reviewed.push({ identity, principalId, assignments, facts });
  }
  return { reviewed, unresolved, doubts };
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
  private static count = 0;
  /** Its place among the kinds, where an assignment keeps its excess of this kind. */
  private readonly number = ExcessKind.count++;

  constructor(
    readonly level: Excess['level'],
    readonly roleClass: string,
    /** Words after the scope: `, not the staging resource group`. */
    readonly rest = '',
  ) {}

  of(assignment: IndexedRoleAssignment): Excess {
    const excesses = (derivedOf(assignment).excesses ??= []);
    let excess = excesses[this.number] as Excess | undefined;
    if (!excess) {
      excess = Object.freeze({
        level: this.level,
        reason: excessReason(this.roleClass, assignment, this.rest),
      });
      excesses[this.number] = excess;
    }
    return excess;
  }
}

const JUDGED_CLASSES: readonly RoleClass[] = ['access-admin', 'broad-write'];

/**
 * How a rule judges one assignment of an identity, by assumption and by whether the assignment is
 * on the template's staging resource group (rules that do not care ignore it). Pure, and one
 * function per rule: its verdicts are kept per assignment list and reused for every template.
 * @public
 */
export type ClassifyAssignment = (
  a: IndexedRoleAssignment,
  assume: Assumption,
  atStaging: boolean,
) => Excess | undefined;

/** Where a template's staging group is, for {@link ClassifyAssignment}'s `atStaging`. */
export type StagingPlace =
  /** Its key (a resource group's): an assignment is on it when at the group or below. */
  | { key: string }
  /** Unknown: best case any resource group (or resource in one) is it, worst case none. */
  | undefined;

/**
 * What the identity rules need of a principal's list of assignments, whatever the rule: made once
 * per list (shared by every template naming the identity) and kept on its first assignment (an
 * assignment is in one principal's list). Templates then read these arrays instead of visiting
 * the assignments, which lie all over memory.
 */
/** @public */
export interface ListFacts {
  assignments: readonly IndexedRoleAssignment[];
  /** The doubts of its assignments whose role is unknown, in order. */
  doubts: readonly Doubt[];
  /** Whether each is at a resource group or a resource in one (see isLocal). */
  local: readonly boolean[];
  hasLocal: boolean;
  /** Positions by the key of the resource group each is at or in, made when first asked. */
  byGroup?: Map<string, number[]>;
  /** How rules judged it, for which identity (usually one). */
  judged: JudgedList[];
}

/**
 * The facts of a principal's list when an earlier template named it too (made on that second
 * sight), `undefined` on its first: a list named by one template (most build VM identities) is
 * judged directly, with nothing kept.
 */
function sighting(
  assignments: readonly IndexedRoleAssignment[],
): ListFacts | undefined {
  const derived = derivedOf(assignments[0]);
  const kept = derived.listFacts as ListFacts | undefined;
  if (kept?.assignments === assignments) return kept;
  // Another list starts with the same assignment (not a principal's own list): never kept.
  if (kept) return undefined;
  if (derived.listSeen !== assignments) {
    derived.listSeen = assignments;
    return undefined;
  }
  const facts = listFacts(assignments);
  derived.listFacts = facts;
  return facts;
}

function listFacts(assignments: readonly IndexedRoleAssignment[]): ListFacts {
  const doubts: Doubt[] = [];
  const local: boolean[] = [];
  for (const a of assignments) {
    if (hasUnknownRole(a)) doubts.push(unknownRoleDoubt(a));
    local.push(isLocal(a));
  }
  return {
    assignments,
    doubts: doubts.length > 0 ? doubts : NO_DOUBTS,
    local,
    hasLocal: local.includes(true),
    judged: [],
  };
}

/** Whether an identity's assignments include one at a resource group or below. @public */
export function hasLocalAssignment(reviewed: ReviewedIdentity): boolean {
  return reviewed.facts
    ? reviewed.facts.hasLocal
    : reviewed.assignments.some(isLocal);
}

function positionsByGroup(
  assignments: readonly IndexedRoleAssignment[],
): Map<string, number[]> {
  const byGroup = new Map<string, number[]>();
  assignments.forEach((a, k) => {
    if (!a.resourceGroupKey) return;
    const at = byGroup.get(a.resourceGroupKey);
    if (at) at.push(k);
    else byGroup.set(a.resourceGroupKey, [k]);
  });
  return byGroup;
}

/**
 * A list of assignments as one rule judges them for `who` (the identity's words, which every note
 * starts with), by assumption: for assignment `k`, slot `2k` off the staging group and `2k + 1`
 * on it, each judged when first needed.
 */
interface JudgedList {
  classify: ClassifyAssignment;
  identityId: string;
  principalId: string;
  who: string;
  best?: Verdicts;
  worst?: Verdicts;
}

interface Verdicts {
  /** {@link WITHIN}, {@link WARN} or {@link FAIL}; a hole where not judged yet. */
  level: number[];
  reason: (string | undefined)[];
  evidence: Evidence[];
}

const WITHIN = 0;
const WARN = 1;
const FAIL = 2;

function judgedListOf(
  facts: ListFacts,
  classify: ClassifyAssignment,
  identityId: string,
  principalId: string,
): JudgedList {
  for (const list of facts.judged) {
    if (
      list.classify === classify &&
      list.identityId === identityId &&
      list.principalId === principalId
    ) {
      return list;
    }
  }
  const list: JudgedList = {
    classify,
    identityId,
    principalId,
    who: whoOf(identityId, principalId),
  };
  facts.judged.push(list);
  return list;
}

/** Judges slot `slot` (see JudgedList) of assignment `a`. */
function judgeSlot(
  list: JudgedList,
  verdicts: Verdicts,
  slot: number,
  a: IndexedRoleAssignment,
  assume: Assumption,
): void {
  const excess = list.classify(a, assume, slot % 2 === 1);
  let level = WITHIN;
  if (excess) level = excess.level === 'fail' ? FAIL : WARN;
  verdicts.level[slot] = level;
  verdicts.reason[slot] = excess?.reason;
  verdicts.evidence[slot] = frozenGrantEvidence(a, note(a, list.who, excess));
}

function note(
  a: IndexedRoleAssignment,
  who: string,
  excess: Excess | undefined,
): string {
  return `${who}: ${
    excess
      ? `${excess.level}: ${excess.reason}`
      : `${classWords(a, JUDGED_CLASSES)} at ${describeScope(a)}, within limits`
  }`;
}

const NO_POSITIONS: readonly number[] = [];

/** How notes name an identity: `identity 'x' (principal 1234…)`. */
function whoOf(identityId: string, principalId: string): string {
  return `identity '${identityName(identityId)}' (principal ${principalId})`;
}

const MAX_CLAUSES = 5;

/**
 * Clauses that contain commas and `and`, joined by semicolons: the first five, then a count.
 * Counted as they come, so that no list of them is kept.
 */
class Clauses {
  count = 0;
  private shown = '';

  add(clause: string): void {
    if (this.count < MAX_CLAUSES) {
      this.shown = this.count === 0 ? clause : `${this.shown}; ${clause}`;
    }
    this.count++;
  }

  text(): string {
    return this.count > MAX_CLAUSES
      ? `${this.shown}; and ${this.count - MAX_CLAUSES} more`
      : this.shown;
  }
}

/**
 * The verdict on identities once their assignments are classified: `fail` when an assignment
 * fails (or, assuming the worst, when a principal is unknown), `warn` for warnings and the
 * rule's `warnings`, `pass` otherwise. Evidence lists every assignment of every identity.
 * @public
 */
export function judgeIdentities(
  options: {
    /** `The template identity 'x'`. */
    subject: string;
    /** Whether the subject names several identities (for the verb). */
    plural: boolean;
    reviewed: readonly ReviewedIdentity[];
    unresolved: number;
    /** The rule's judgement of one assignment: the same function for every template. */
    classify: ClassifyAssignment;
    staging: StagingPlace;
    warnings: readonly string[];
    /** The message when all is well. */
    passMessage: string;
    evidence: readonly Evidence[];
  },
  assume: Assumption,
): RuleOutcome {
  const { subject, reviewed, classify, staging } = options;
  // Sized once: a template's evidence lists every assignment of its identities.
  let size = options.evidence.length;
  for (const r of reviewed) size += r.assignments.length;
  const evidence = new Array<Evidence>(size);
  let n = 0;
  for (const e of options.evidence) evidence[n++] = e;
  const fails = new Clauses();
  const warns = new Clauses();
  for (const { identity, principalId, assignments, facts } of reviewed) {
    if (assignments.length === 0) continue;
    if (!facts) {
      // Named by one template so far: judged here, nothing kept.
      const who = whoOf(identity.id, principalId);
      for (const a of assignments) {
        const on = staging
          ? a.resourceGroupKey === staging.key
          : assume === 'best' && isLocal(a);
        const excess = classify(a, assume, on);
        evidence[n++] = grantEvidence(a, note(a, who, excess));
        if (excess?.level === 'fail') fails.add(excess.reason);
        else if (excess?.level === 'warn') warns.add(excess.reason);
      }
      continue;
    }
    // The notes depend on the identity and the verdict only: templates sharing the identity
    // share the evidence. Only whether an assignment is on the staging group varies.
    const list = judgedListOf(facts, classify, identity.id, principalId);
    const verdicts = (list[assume] ??= { level: [], reason: [], evidence: [] });
    let onStaging = NO_POSITIONS;
    if (staging) {
      facts.byGroup ??= positionsByGroup(assignments);
      onStaging = facts.byGroup.get(staging.key) ?? NO_POSITIONS;
    }
    const { level, reason } = verdicts;
    for (let k = 0; k < assignments.length; k++) {
      // The staging key is a resource group's: at it or below is in that group.
      const on = staging
        ? onStaging.length > 0 && onStaging.includes(k)
        : assume === 'best' && facts.local[k];
      const slot = on ? 2 * k + 1 : 2 * k;
      if (level[slot] === undefined) {
        judgeSlot(list, verdicts, slot, assignments[k], assume);
      }
      evidence[n++] = verdicts.evidence[slot];
      if (level[slot] === FAIL) fails.add(reason[slot]!);
      else if (level[slot] === WARN) warns.add(reason[slot]!);
    }
  }
  if (assume === 'worst' && options.unresolved > 0) {
    fails.add('an identity whose principal is unknown may hold anything');
  }
  if (fails.count > 0) {
    return {
      status: 'fail',
      message: `${subject} ${
        options.plural ? 'hold' : 'holds'
      } too much: ${fails.text()}`,
      evidence,
    };
  }
  for (const warning of options.warnings) warns.add(warning);
  if (warns.count > 0) {
    return {
      status: 'warn',
      message: `${subject} ${
        options.plural ? 'hold more than they need' : 'holds more than it needs'
      }: ${warns.text()}`,
      evidence,
    };
  }
  return { status: 'pass', message: options.passMessage, evidence };
}

/** At a resource group or a resource in one: where a staging group could be. @public */
export function isLocal(a: IndexedRoleAssignment): boolean {
  return a.scopeKind === 'resourceGroup' || a.scopeKind === 'resource';
}
