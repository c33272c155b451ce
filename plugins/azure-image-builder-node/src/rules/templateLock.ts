import { Evidence } from '@aib-scorecards/plugin-azure-image-builder-common';
import { CoveringLock, LockScopeKind } from '../engine/SnapshotIndex';
import { defineRule, equalsIgnoreCase, unknownCollection } from './util';

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

  return {
    status: 'fail',
    message:
      'No CanNotDelete lock on the template, its resource group or its subscription: the template can be deleted by mistake',
    evidence: [
      {
        expected:
          'a CanNotDelete lock on the template, its resource group or its subscription',
        observed: locks.map(l => ({
          id: l.lock.id,
          level: l.level ?? null,
        })),
        note:
          locks.length > 0
            ? 'locks at these scopes have no recognised level'
            : 'no lock at any of the three scopes',
      },
    ],
  };
});
