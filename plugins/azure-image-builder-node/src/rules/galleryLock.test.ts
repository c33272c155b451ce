import {
  ArmResource,
  SnapshotSubscription,
} from '@aib-scorecards/plugin-azure-image-builder-common';
import {
  evaluateRule,
  makeLock,
  makeSnapshot,
  makeSubscription,
  makeTemplate,
  RG_ID,
  SUB,
  SUB_ID,
} from '../engine/__testUtils__/snapshots';
import { SnapshotIndex } from '../engine/SnapshotIndex';
import { galleryLockRule } from './galleryLock';

const SUB2 = '00000000-0000-0000-0000-000000000002';
const GALLERY_RG = `/subscriptions/${SUB}/resourceGroups/rg-gallery`;
const GALLERY = `${GALLERY_RG}/providers/Microsoft.Compute/galleries/g1`;
const OTHER_GALLERY = `/subscriptions/${SUB2}/resourceGroups/rg-shared/providers/Microsoft.Compute/galleries/g2`;

const toGallery = (...galleries: string[]) =>
  galleries.map((gallery, i) => ({
    type: 'SharedImage',
    galleryImageId: `${gallery}/images/img${i}`,
    runOutputName: `sig${i}`,
  }));

function withDistribute(distribute: unknown): ArmResource {
  return makeTemplate('t', { distribute });
}

/** Scores a template of the first subscription with the others in the scan too. */
function evaluateAcross(
  template: ArmResource,
  subscriptions: Array<Partial<SnapshotSubscription>>,
) {
  const subs = subscriptions.map((s, i) =>
    makeSubscription({
      ...s,
      ...(i === 0 ? { imageTemplates: [template] } : {}),
    }),
  );
  return galleryLockRule.evaluate({
    template,
    subscription: subs[0],
    index: SnapshotIndex.build(makeSnapshot(subs)),
    options: {},
  });
}

describe('gallery-lock', () => {
  it('has the metadata of RULES.md #13', () => {
    expect(galleryLockRule.metadata).toMatchObject({
      id: 'gallery-lock',
      number: 13,
      severity: 'medium',
    });
  });

  it.each(
    [
      [
        'CanNotDelete on the gallery',
        toGallery(GALLERY),
        [makeLock(GALLERY, 'CanNotDelete', 'keep')],
        'pass',
        /^A lock protects the gallery: 'g1' by 'keep' \(CanNotDelete\) on the gallery$/,
      ],
      [
        'ReadOnly on the resource group of the gallery',
        toGallery(GALLERY),
        [makeLock(GALLERY_RG, 'ReadOnly', 'ro')],
        'pass',
        /'ro' \(ReadOnly\) on its resource group/,
      ],
      [
        'CanNotDelete on the subscription',
        toGallery(GALLERY),
        [makeLock(SUB_ID, 'CanNotDelete', 'sub')],
        'pass',
        /'sub' \(CanNotDelete\) on its subscription/,
      ],
      [
        'a lock level and scope in other casings',
        toGallery(GALLERY),
        [makeLock(GALLERY.toUpperCase(), 'cannotdelete')],
        'pass',
        /on the gallery/,
      ],
      [
        'a gallery named by an image version id',
        [
          {
            type: 'SharedImage',
            galleryImageId: `${GALLERY}/images/img/versions/1.0.0`,
          },
        ],
        [makeLock(GALLERY, 'CanNotDelete')],
        'pass',
        /'g1'/,
      ],
      [
        'two distributors to one locked gallery',
        [...toGallery(GALLERY), ...toGallery(GALLERY.toLowerCase())],
        [makeLock(GALLERY, 'CanNotDelete')],
        'pass',
        /^A lock protects the gallery:/,
      ],
      [
        'no lock',
        toGallery(GALLERY),
        [],
        'fail',
        /^No lock protects gallery 'g1' \(on the gallery, its resource group or its subscription\): its images can be deleted by mistake$/,
      ],
      [
        'a lock on the template only',
        toGallery(GALLERY),
        [makeLock(RG_ID, 'CanNotDelete')],
        'fail',
        /No lock protects gallery 'g1'/,
      ],
      [
        'a lock on an image of the gallery only',
        toGallery(GALLERY),
        [makeLock(`${GALLERY}/images/img0`, 'CanNotDelete')],
        'fail',
        /No lock/,
      ],
      [
        'a lock without a level',
        toGallery(GALLERY),
        [{ ...makeLock(GALLERY, 'x'), properties: {} }],
        'fail',
        /No lock/,
      ],
      [
        'the gallery image id is an expression',
        [{ type: 'SharedImage', galleryImageId: "[parameters('image')]" }],
        [],
        'unknown',
        /^Whether a lock protects every gallery the template distributes to is unknown: the gallery of properties\.distribute\[0\]\.galleryImageId is not known$/,
      ],
      [
        'the gallery image id names no gallery',
        [{ type: 'SharedImage', galleryImageId: '<imageDefinitionId>' }],
        [],
        'unknown',
        /the gallery of properties\.distribute\[0\]\.galleryImageId is not known/,
      ],
      [
        'a locked gallery beside an expression',
        [
          ...toGallery(GALLERY),
          { type: 'SharedImage', galleryImageId: "[parameters('image')]" },
        ],
        [makeLock(GALLERY, 'CanNotDelete')],
        'unknown',
        /galleryImageId is not known/,
      ],
      [
        'an unlocked gallery beside an expression',
        [
          ...toGallery(GALLERY),
          { type: 'SharedImage', galleryImageId: "[parameters('image')]" },
        ],
        [],
        'fail',
        /No lock protects gallery 'g1'/,
      ],
      [
        'no SharedImage distributor',
        [{ type: 'VHD', runOutputName: 'v' }],
        [],
        'not-applicable',
        /no SharedImage distributor/,
      ],
      [
        'locks not read',
        toGallery(GALLERY),
        null,
        'unknown',
        /the locks of gallery 'g1' \(the locks of subscription .* could not be read\) are unknown/,
      ],
      [
        'no SharedImage distributor, locks not read',
        [],
        null,
        'not-applicable',
        /no SharedImage/,
      ],
    ].map(([name, distribute, locks, status, message]) => ({
      name,
      distribute,
      locks,
      status,
      message,
    })),
  )('$name -> $status', ({ distribute, locks, status, message }: any) => {
    const outcome = evaluateRule(galleryLockRule, withDistribute(distribute), {
      locks,
    });
    expect(outcome.status).toBe(status);
    expect(outcome.message).toMatch(message);
  });

  describe('a gallery in another subscription', () => {
    const template = withDistribute(toGallery(OTHER_GALLERY));

    it('passes with a lock read from that subscription', () => {
      const outcome = evaluateAcross(template, [
        { locks: [] },
        {
          subscriptionId: SUB2,
          locks: [makeLock(`/subscriptions/${SUB2}`, 'CanNotDelete', 'all')],
        },
      ]);
      expect(outcome.status).toBe('pass');
      expect(outcome.message).toBe(
        "A lock protects the gallery: 'g2' by 'all' (CanNotDelete) on its subscription",
      );
    });

    it('fails when that subscription has no lock for it', () => {
      const outcome = evaluateAcross(template, [
        { locks: [makeLock(SUB_ID, 'CanNotDelete')] },
        { subscriptionId: SUB2, locks: [] },
      ]);
      expect(outcome.status).toBe('fail');
    });

    it('is unknown when that subscription was not scanned', () => {
      const outcome = evaluateAcross(template, [
        { locks: [makeLock(SUB_ID, 'CanNotDelete')] },
      ]);
      expect(outcome).toEqual({
        status: 'unknown',
        message: `Whether a lock protects every gallery the template distributes to is unknown: the locks of gallery 'g2' (subscription ${SUB2} is not in the scan) are unknown`,
        evidence: [
          {
            collection: 'locks',
            code: 'NotCollected',
            note: `gallery ${OTHER_GALLERY}: subscription ${SUB2} is not in the scan`,
          },
        ],
      });
    });

    it("is unknown with that subscription's error when its locks were not read", () => {
      const outcome = evaluateAcross(template, [
        { locks: [] },
        {
          subscriptionId: SUB2,
          locks: null,
          errors: [
            { collection: 'locks', code: 'AuthorizationFailed', message: 'no' },
          ],
        },
      ]);
      expect(outcome.status).toBe('unknown');
      expect(outcome.evidence).toEqual([
        {
          collection: 'locks',
          code: 'AuthorizationFailed',
          note: `gallery ${OTHER_GALLERY}: the locks of subscription ${SUB2} could not be read: no`,
        },
      ]);
    });

    it('fails for the unlocked one of two galleries, whatever is unknown', () => {
      const outcome = evaluateAcross(
        withDistribute(toGallery(GALLERY, OTHER_GALLERY)),
        [{ locks: [] }],
      );
      expect(outcome.status).toBe('fail');
      expect(outcome.message).toMatch(/No lock protects gallery 'g1'/);
      expect(outcome.evidence.map(e => e.code ?? e.path)).toEqual([
        'properties.distribute[0].galleryImageId',
        'NotCollected',
      ]);
    });
  });

  it('names each protecting lock, its scope and level in the evidence', () => {
    const outcome = evaluateRule(
      galleryLockRule,
      withDistribute(toGallery(GALLERY)),
      {
        locks: [
          makeLock(GALLERY, 'ReadOnly', 'ro'),
          makeLock(SUB_ID, 'CanNotDelete', 'keep'),
        ],
      },
    );
    expect(outcome.evidence).toEqual([
      {
        path: 'properties.level',
        observed: 'ReadOnly',
        note: `lock 'ro' on gallery 'g1' (${GALLERY})`,
      },
      {
        path: 'properties.level',
        observed: 'CanNotDelete',
        note: `lock 'keep' on the subscription of gallery 'g1' (${SUB_ID})`,
      },
    ]);
  });
});
