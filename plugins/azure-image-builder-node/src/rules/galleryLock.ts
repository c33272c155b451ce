import { Evidence } from '@aib-scorecards/plugin-azure-image-builder-common';
import { galleryIdOf, normalizeArmId, parseArmId } from '../engine/armId';
import {
  CoveringLock,
  LockScopeKind,
  NOT_COLLECTED,
  SnapshotIndex,
} from '../engine/SnapshotIndex';
import {
  expressionEvidence,
  readDistribution,
  sharedImageDistributors,
  withoutGalleryOutcome,
} from './distributors';
import {
  defineRule,
  equalsIgnoreCase,
  isArmExpression,
  isNonEmptyString,
  observed,
} from './util';

const SCOPE_WORDS: Record<LockScopeKind, string> = {
  resource: 'the gallery',
  resourceGroup: 'its resource group',
  subscription: 'its subscription',
};

const EVIDENCE_SCOPE_WORDS: Record<LockScopeKind, string> = {
  resource: 'gallery',
  resourceGroup: 'the resource group of gallery',
  subscription: 'the subscription of gallery',
};

/** A gallery the template distributes to, with the distributor fields that name it. */
interface Gallery {
  id: string;
  paths: string[];
}

function galleryName(gallery: Gallery): string {
  return `'${parseArmId(gallery.id).name ?? gallery.id}'`;
}

function lockLabel(lock: CoveringLock): string {
  return `'${lock.lock.name ?? lock.lock.id}' (${lock.level}) on ${
    SCOPE_WORDS[lock.scopeKind]
  }`;
}

function protects(lock: CoveringLock): boolean {
  return (
    equalsIgnoreCase(lock.level, 'CanNotDelete') ||
    equalsIgnoreCase(lock.level, 'ReadOnly')
  );
}

/**
 * Why the locks of a gallery are unknown: its subscription is not in the scan, or its locks were
 * not read there (with that subscription's error code).
 */
function unreadLocks(
  index: SnapshotIndex,
  gallery: Gallery,
): { why: string; evidence: Evidence } {
  const subscriptionId = parseArmId(gallery.id).subscriptionId;
  const subscription = subscriptionId
    ? index.getSubscription(subscriptionId)
    : undefined;
  const error = subscription
    ? index.getCollectionError(subscription, 'locks')
    : undefined;
  let why = `the locks of subscription ${subscriptionId} could not be read`;
  if (!subscriptionId) why = 'its id names no subscription';
  else if (!subscription) {
    why = `subscription ${subscriptionId} is not in the scan`;
  }
  return {
    why,
    evidence: {
      collection: 'locks',
      code: error?.code ?? NOT_COLLECTED,
      note: `gallery ${gallery.id}: ${why}${
        error?.message ? `: ${error.message}` : ''
      }`,
    },
  };
}

/**
 * RULES.md #13: a `CanNotDelete` or `ReadOnly` lock on each Azure Compute Gallery the template
 * distributes to (the `galleryImageId` up to `/galleries/<name>`), its resource group or its
 * subscription. The gallery may be in another subscription than the template: its locks are read
 * from that subscription, and are unknown when it was not scanned.
 * @public
 */
export const galleryLockRule = defineRule(
  'gallery-lock',
  ({ template, index }) => {
    const distribution = readDistribution(template);
    const withoutGallery = withoutGalleryOutcome(distribution);
    if (withoutGallery) return withoutGallery;

    const galleries = new Map<string, Gallery>();
    const undecided: Evidence[] = [...distribution.unresolved];
    for (const d of sharedImageDistributors(distribution)) {
      const path = `${d.path}.galleryImageId`;
      const imageId = d.value.galleryImageId;
      if (isArmExpression(imageId)) {
        undecided.push(expressionEvidence(path, imageId));
        continue;
      }
      const galleryId = isNonEmptyString(imageId)
        ? galleryIdOf(imageId.trim())
        : undefined;
      if (!galleryId) {
        undecided.push({
          path,
          observed: observed(imageId),
          expected:
            'a gallery image id (…/providers/Microsoft.Compute/galleries/<name>/images/<image>)',
          note: 'names no gallery',
        });
        continue;
      }
      const key = normalizeArmId(galleryId);
      const known = galleries.get(key);
      if (known) known.paths.push(path);
      else galleries.set(key, { id: galleryId, paths: [path] });
    }

    const locked: string[] = [];
    const lockEvidence: Evidence[] = [];
    const unlocked: Gallery[] = [];
    const unlockedEvidence: Evidence[] = [];
    const unread: string[] = [];
    const unreadEvidence: Evidence[] = [];
    for (const gallery of galleries.values()) {
      const locks = index.getLocksCovering(gallery.id);
      if (locks === null) {
        const { why, evidence } = unreadLocks(index, gallery);
        unread.push(`${galleryName(gallery)} (${why})`);
        unreadEvidence.push(evidence);
        continue;
      }
      const protecting = locks.filter(protects);
      if (protecting.length > 0) {
        locked.push(
          `${galleryName(gallery)} by ${protecting.map(lockLabel).join(', ')}`,
        );
        lockEvidence.push(
          ...protecting.map(lock => ({
            path: 'properties.level',
            observed: lock.level ?? null,
            note: `lock '${lock.lock.name ?? lock.lock.id}' on ${
              EVIDENCE_SCOPE_WORDS[lock.scopeKind]
            } ${galleryName(gallery)} (${lock.scope})`,
          })),
        );
      } else {
        unlocked.push(gallery);
        unlockedEvidence.push({
          path: gallery.paths[0],
          observed: gallery.id,
          expected:
            'a CanNotDelete or ReadOnly lock on the gallery, its resource group or its subscription',
          note: `gallery ${gallery.id}: ${
            locks.length > 0
              ? `locks at these scopes have no recognised level (${locks
                  .map(l => l.lock.name ?? l.lock.id)
                  .join(', ')})`
              : 'no lock at any of the three scopes'
          }`,
        });
      }
    }

    if (unlocked.length > 0) {
      return {
        status: 'fail',
        message: `No lock protects gallery ${unlocked
          .map(galleryName)
          .join(
            ', ',
          )} (on the gallery, its resource group or its subscription): its images can be deleted by mistake`,
        evidence: [...unlockedEvidence, ...lockEvidence, ...unreadEvidence],
      };
    }
    if (unread.length > 0 || undecided.length > 0) {
      const reasons = [
        ...(unread.length > 0
          ? [`the locks of gallery ${unread.join(', ')} are unknown`]
          : []),
        ...(undecided.length > 0
          ? [
              `the gallery of ${undecided
                .map(e => e.path)
                .join(', ')} is not known`,
            ]
          : []),
      ];
      return {
        status: 'unknown',
        message: `Whether a lock protects every gallery the template distributes to is unknown: ${reasons.join(
          '; ',
        )}`,
        evidence: [...unreadEvidence, ...undecided, ...lockEvidence],
      };
    }
    return {
      status: 'pass',
      message: `A lock protects ${
        galleries.size > 1 ? 'every gallery' : 'the gallery'
      }: ${locked.join('; ')}`,
      evidence: lockEvidence,
    };
  },
);
