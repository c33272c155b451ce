import { Evidence } from '@aib-scorecards/plugin-azure-image-builder-common';
import { IndexedRoleAssignment } from '../engine/rbac';
import { Assumption, Doubt } from './doubts';
import {
  classWords,
  describeScope,
  grantEvidence,
  hasUnknownRole,
  roleLabel,
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
    doubts.push(...assignments.filter(hasUnknownRole).map(unknownRoleDoubt));
    reviewed.push({ identity, principalId: resolved.principalId, assignments });
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
    for (const assignment of assignments) {
      const excess = classify(assignment);
      evidence.push(
        grantEvidence(
          assignment,
          `${who}: ${
            excess
              ? `${excess.level}: ${excess.reason}`
              : `${classWords(assignment, [
                  'access-admin',
                  'broad-write',
                ])} at ${describeScope(assignment)}, within limits`
          }`,
        ),
      );
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
