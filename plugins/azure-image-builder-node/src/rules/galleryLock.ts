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
import { freezeOutcome } from './memo';
import { RuleOutcome } from './types';
import {
  defineRule,
  equalsIgnoreCase,
  isArmExpression,
  isNonEmptyString,
  observed,
  ScanCache,
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
  /** The comparison key of `id`. */
  key: string;
  paths: string[];
}

/** What the locks of one gallery say: the same for every template that distributes to it. */
interface GalleryLocks {
  /** `'<name>'`, for messages. */
  name: string;
  /** When its locks are unknown: `'<name>' (<why>)`, and the evidence. */
  unread?: { label: string; evidence: Evidence };
  /** When a lock protects it: `'<name>' by <locks>`. */
  locked?: string;
  /** The protecting locks, frozen. */
  lockEvidence: readonly Evidence[];
  /** When no lock protects it: the note of its evidence. */
  unlockedNote?: string;
  /** Outcomes of templates that distribute to this gallery alone, by the field that names it. */
  alone: Map<string, RuleOutcome>;
}

// Per scan: the gallery an image id names, and what each gallery's locks say (by the ids as
// written, which messages quote).
const galleriesOfImages = new ScanCache<string, GalleryOfImage | null>();
const galleryLocksCache = new ScanCache<string, GalleryLocks>();

/** The gallery a `galleryImageId` names: its id as written, and comparison key. */
interface GalleryOfImage {
  id: string;
  key: string;
}

const NAMES_NO_GALLERY =
  'a gallery image id (…/providers/Microsoft.Compute/galleries/<name>/images/<image>)';
const EXPECTED_LOCK =
  'a CanNotDelete or ReadOnly lock on the gallery, its resource group or its subscription';

function galleryName(galleryId: string): string {
  return `'${parseArmId(galleryId).name ?? galleryId}'`;
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

/** The gallery of a `galleryImageId` (not an expression), `null` when it names none. */
function galleryOfImage(
  index: SnapshotIndex,
  imageId: string,
): GalleryOfImage | null {
  const cache = galleriesOfImages.of(index);
  let gallery = cache.get(imageId);
  if (gallery === undefined) {
    const id = galleryIdOf(imageId.trim());
    gallery = id ? { id, key: normalizeArmId(id) } : null;
    cache.set(imageId, gallery);
  }
  return gallery;
}

/**
 * Why the locks of a gallery are unknown: its subscription is not in the scan, or its locks were
 * not read there (with that subscription's error code).
 */
function unreadLocks(
  index: SnapshotIndex,
  galleryId: string,
): { why: string; evidence: Evidence } {
  const subscriptionId = parseArmId(galleryId).subscriptionId;
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
      note: `gallery ${galleryId}: ${why}${
        error?.message ? `: ${error.message}` : ''
      }`,
    },
  };
}

/** What the locks of a gallery say, made once per scan and gallery id. */
function galleryLocks(index: SnapshotIndex, galleryId: string): GalleryLocks {
  const cache = galleryLocksCache.of(index);
  let locks = cache.get(galleryId);
  if (!locks) {
    locks = readGalleryLocks(index, galleryId);
    cache.set(galleryId, locks);
  }
  return locks;
}

function readGalleryLocks(
  index: SnapshotIndex,
  galleryId: string,
): GalleryLocks {
  const name = galleryName(galleryId);
  const alone = new Map<string, RuleOutcome>();
  const locks = index.getLocksCovering(galleryId);
  if (locks === null) {
    const { why, evidence } = unreadLocks(index, galleryId);
    return {
      name,
      unread: {
        label: `${name} (${why})`,
        evidence: Object.freeze(evidence),
      },
      lockEvidence: Object.freeze([]),
      alone,
    };
  }
  const protecting = locks.filter(protects);
  if (protecting.length > 0) {
    return {
      name,
      locked: `${name} by ${protecting.map(lockLabel).join(', ')}`,
      lockEvidence: Object.freeze(
        protecting.map(lock =>
          Object.freeze({
            path: 'properties.level',
            observed: lock.level ?? null,
            note: `lock '${lock.lock.name ?? lock.lock.id}' on ${
              EVIDENCE_SCOPE_WORDS[lock.scopeKind]
            } ${name} (${lock.scope})`,
          }),
        ),
      ),
      alone,
    };
  }
  return {
    name,
    lockEvidence: Object.freeze([]),
    unlockedNote: `gallery ${galleryId}: ${
      locks.length > 0
        ? `locks at these scopes have no recognised level (${locks
            .map(l => l.lock.name ?? l.lock.id)
            .join(', ')})`
        : 'no lock at any of the three scopes'
    }`,
    alone,
  };
}

/** The outcome for the galleries of a template, and the fields whose gallery is not known. */
function judge(
  galleries: readonly Gallery[],
  locksOf: readonly GalleryLocks[],
  undecided: readonly Evidence[],
): RuleOutcome {
  const locked: string[] = [];
  const lockEvidence: Evidence[] = [];
  const unlocked: string[] = [];
  const unlockedEvidence: Evidence[] = [];
  const unread: string[] = [];
  const unreadEvidence: Evidence[] = [];
  for (let g = 0; g < galleries.length; g++) {
    const gallery = galleries[g];
    const info = locksOf[g];
    if (info.unread) {
      unread.push(info.unread.label);
      unreadEvidence.push(info.unread.evidence);
    } else if (info.locked !== undefined) {
      locked.push(info.locked);
      lockEvidence.push(...info.lockEvidence);
    } else {
      unlocked.push(info.name);
      unlockedEvidence.push({
        path: gallery.paths[0],
        observed: gallery.id,
        expected: EXPECTED_LOCK,
        note: info.unlockedNote,
      });
    }
  }

  if (unlocked.length > 0) {
    return {
      status: 'fail',
      message: `No lock protects gallery ${unlocked.join(
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
      galleries.length > 1 ? 'every gallery' : 'the gallery'
    }: ${locked.join('; ')}`,
    evidence: lockEvidence,
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

    const shared = sharedImageDistributors(distribution);
    if (shared.length === 1 && distribution.unresolved.length === 0) {
      // One distributor naming a gallery: the outcome is that of the gallery and the field.
      const imageId = shared[0].value.galleryImageId;
      const gallery =
        isNonEmptyString(imageId) && !isArmExpression(imageId)
          ? galleryOfImage(index, imageId)
          : null;
      if (gallery) {
        return aloneOutcome(
          gallery,
          galleryLocks(index, gallery.id),
          galleryImageIdPath(shared[0].path),
        );
      }
    }

    // Usually one gallery: a list is quicker to search than a map is to build.
    const galleries: Gallery[] = [];
    const undecided: Evidence[] = [...distribution.unresolved];
    for (const d of shared) {
      const path = galleryImageIdPath(d.path);
      const imageId = d.value.galleryImageId;
      if (isArmExpression(imageId)) {
        undecided.push(expressionEvidence(path, imageId));
        continue;
      }
      const gallery = isNonEmptyString(imageId)
        ? galleryOfImage(index, imageId)
        : null;
      if (!gallery) {
        undecided.push({
          path,
          observed: observed(imageId),
          expected: NAMES_NO_GALLERY,
          note: 'names no gallery',
        });
        continue;
      }
      const known = galleries.find(g => g.key === gallery.key);
      if (known) known.paths.push(path);
      else galleries.push({ id: gallery.id, key: gallery.key, paths: [path] });
    }

    const locksOf = galleries.map(g => galleryLocks(index, g.id));
    if (galleries.length === 1 && undecided.length === 0) {
      return aloneOutcome(galleries[0], locksOf[0], galleries[0].paths[0]);
    }
    return judge(galleries, locksOf, undecided);
  },
);

/**
 * The outcome of a template whose distributors name one gallery, in field `path` first, and no
 * other: it depends on these only, so it is shared.
 */
function aloneOutcome(
  gallery: GalleryOfImage,
  info: GalleryLocks,
  path: string,
): RuleOutcome {
  let outcome = info.alone.get(path);
  if (!outcome) {
    outcome = freezeOutcome(
      judge([{ id: gallery.id, key: gallery.key, paths: [path] }], [info], []),
    );
    info.alone.set(path, outcome);
  }
  return outcome;
}

const galleryImageIdPaths = new Map<string, string>();

/** `<distributor path>.galleryImageId`, made once per distributor position. */
function galleryImageIdPath(distributorPath: string): string {
  let path = galleryImageIdPaths.get(distributorPath);
  if (path === undefined) {
    path = `${distributorPath}.galleryImageId`;
    // Distributor paths are few (one per position); bound the map all the same.
    if (galleryImageIdPaths.size < 256) {
      galleryImageIdPaths.set(distributorPath, path);
    }
  }
  return path;
}
