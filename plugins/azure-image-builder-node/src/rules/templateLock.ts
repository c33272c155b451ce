import { Evidence } from '@aib-scorecards/plugin-azure-image-builder-common';
import { CoveringLock, LockScopeKind } from '../engine/SnapshotIndex';
import { freezeOutcome } from './memo';
import { RuleOutcome } from './types';
import { defineRule, equalsIgnoreCase, unknownCollection } from './util';

const SCOPE_WORDS: Record<LockScopeKind, string> = {
  resource: 'the template',
  resourceGroup: 'its resource group',
  subscription: 'its subscription',
};

// The index hands out one CoveringLock per lock and scope kind, shared by every template the
// lock covers: its evidence and label are made once (the evidence frozen).
const evidenceOfLock = new WeakMap<CoveringLock, Evidence>();
const labelOfLock = new WeakMap<CoveringLock, string>();

function lockEvidence(lock: CoveringLock): Evidence {
  let evidence = evidenceOfLock.get(lock);
  if (!evidence) {
    evidence = Object.freeze({
      path: 'properties.level',
      observed: lock.level ?? null,
      note: `lock '${lock.lock.name ?? lock.lock.id}' on ${
        SCOPE_WORDS[lock.scopeKind]
      } (${lock.scope})`,
    });
    evidenceOfLock.set(lock, evidence);
  }
  return evidence;
}

function lockLabel(lock: CoveringLock): string {
  let label = labelOfLock.get(lock);
  if (label === undefined) {
    label = `'${lock.lock.name ?? lock.lock.id}' on ${
      SCOPE_WORDS[lock.scopeKind]
    }`;
    labelOfLock.set(lock, label);
  }
  return label;
}

const FAIL_MESSAGE =
  'No CanNotDelete lock on the template, its resource group or its subscription: the template can be deleted by mistake';
const EXPECTED =
  'a CanNotDelete lock on the template, its resource group or its subscription';

/** The outcome of every template without a lock: shared. */
const NO_LOCK = freezeOutcome({
  status: 'fail',
  message: FAIL_MESSAGE,
  evidence: [
    {
      expected: EXPECTED,
      observed: [],
      note: 'no lock at any of the three scopes',
    },
  ],
});

/**
 * RULES.md #1: a CanNotDelete lock on the template, its resource group or its subscription.
 * @public
 */
export const templateLockRule = defineRule('template-lock', context => {
  const { template, index } = context;
  const locks = index.getLocksCovering(template.id);
  if (locks === null) {
    return unknownCollection(
      context,
      'locks',
      'Whether a lock protects the template',
    );
  }

  // Narrowest scope first (the index orders them so), so the message names the closest lock.
  const canNotDelete = locks.filter(l =>
    equalsIgnoreCase(l.level, 'CanNotDelete'),
  );
  if (canNotDelete.length > 0) {
    return {
      status: 'pass',
      message: `A CanNotDelete lock protects the template: ${canNotDelete
        .map(lockLabel)
        .join(', ')}`,
      evidence: canNotDelete.map(lockEvidence),
    };
  }

  const readOnly = locks.filter(l => equalsIgnoreCase(l.level, 'ReadOnly'));
  if (readOnly.length > 0) {
    return {
      status: 'warn',
      message:
        `Only ReadOnly locks protect the template (${readOnly
          .map(lockLabel)
          .join(', ')}); ` +
        'they also block builds and trigger changes: use a CanNotDelete lock instead',
      evidence: readOnly.map(lockEvidence),
    };
  }

  return locks.length === 0 ? NO_LOCK : unrecognisedLocks(locks);
});

function unrecognisedLocks(locks: readonly CoveringLock[]): RuleOutcome {
  return {
    status: 'fail',
    message: FAIL_MESSAGE,
    evidence: [
      {
        expected: EXPECTED,
        observed: locks.map(l => ({
          id: l.lock.id,
          level: l.level ?? null,
        })),
        note: 'locks at these scopes have no recognised level',
      },
    ],
  };
}
