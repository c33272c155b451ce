import { Evidence } from '@aib-scorecards/plugin-azure-image-builder-common';
import { CoveringLock, LockScopeKind } from '../engine/SnapshotIndex';
import { freezeOutcome } from './memo';
import { RuleOutcome } from './types';
import {
  defineRule,
  equalsIgnoreCase,
  ScanMemo,
  unknownCollection,
} from './util';

const SCOPE_WORDS: Record<LockScopeKind, string> = {
  resource: 'the template',
  resourceGroup: 'its resource group',
  subscription: 'its subscription',
};

function lockEvidence(lock: CoveringLock): Evidence {
  return {
    path: 'properties.level',
    observed: lock.level ?? null,
    note: `lock '${lock.lock.name ?? lock.lock.id}' on ${
      SCOPE_WORDS[lock.scopeKind]
    } (${lock.scope})`,
  };
}

function lockLabel(lock: CoveringLock): string {
  return `'${lock.lock.name ?? lock.lock.id}' on ${
    SCOPE_WORDS[lock.scopeKind]
  }`;
}

const FAIL_MESSAGE =
  'No CanNotDelete lock on the template, its resource group or its subscription: the template can be deleted by mistake';
const EXPECTED =
  'a CanNotDelete lock on the template, its resource group or its subscription';

// Outcomes by covering locks (the index shares those between the resources they cover).
const sharedOutcomes = new ScanMemo<RuleOutcome>();

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

  if (locks.length === 0) return NO_LOCK;
  // Without a lock of its own, a template has the locks (and outcome) of its group's templates.
  if (locks[0].scopeKind !== 'resource') {
    return (
      sharedOutcomes.find(index, locks) ??
      sharedOutcomes.keep(index, locks, freezeOutcome(judge(locks)))
    );
  }
  return judge(locks);
});

function judge(locks: readonly CoveringLock[]): RuleOutcome {
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

  return unrecognisedLocks(locks);
}

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
