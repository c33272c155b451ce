import { makeSnapshot, makeTemplate } from '../engine/__testUtils__/snapshots';
import { SnapshotIndex } from '../engine/SnapshotIndex';
import {
  galleryRegions,
  readDistribution,
  sharedImageDistributors,
  withoutGalleryOutcome,
} from './distributors';

const IMAGE =
  '/subscriptions/s/resourceGroups/g/providers/Microsoft.Compute/galleries/g1/images/a';

describe('readDistribution', () => {
  const template = makeTemplate('t', {
    distribute: [
      {
        type: 'SharedImage',
        galleryImageId: IMAGE,
        targetRegions: [{ name: 'West Europe' }, "[parameters('r')]"],
        replicationRegions: ['westeurope', 'northeurope'],
      },
      "[parameters('more')]",
      { type: 'VHD' },
    ],
  });

  it('reads a template once, and shares what it read, frozen', () => {
    const distribution = readDistribution(template);
    expect(readDistribution(template)).toBe(distribution);
    expect(Object.isFrozen(distribution.entries)).toBe(true);
    expect(Object.isFrozen(distribution.unresolved[0])).toBe(true);
    expect(distribution.entries.map(e => e.path)).toEqual([
      'properties.distribute[0]',
      'properties.distribute[2]',
    ]);
    expect(sharedImageDistributors(distribution)).toBe(
      sharedImageDistributors(distribution),
    );
  });

  it('reads the regions of a distributor once', () => {
    const [shared] = sharedImageDistributors(readDistribution(template));
    const regions = galleryRegions(template, shared);
    expect(galleryRegions(template, shared)).toBe(regions);
    expect(regions.regions.map(r => [r.path, r.name])).toEqual([
      ['properties.distribute[0].targetRegions[0].name', 'West Europe'],
      ['properties.distribute[0].replicationRegions[1]', 'northeurope'],
    ]);
    expect(regions.unresolved.map(e => e.path)).toEqual([
      'properties.distribute[0].targetRegions[1]',
    ]);
    // Another template's location is not this one's.
    const elsewhere = { ...template, location: 'eastus' };
    expect(galleryRegions(elsewhere, shared)).not.toBe(regions);
  });

  it('skips holes in lists, as forEach does', () => {
    const sparse = makeTemplate('s', {
      distribute: [
        {
          type: 'SharedImage',
          galleryImageId: IMAGE,
          // eslint-disable-next-line no-sparse-arrays
          targetRegions: [, { name: 'eastus' }],
          // eslint-disable-next-line no-sparse-arrays
          replicationRegions: [, 'westus'],
        },
      ],
    });
    const [shared] = sharedImageDistributors(readDistribution(sparse));
    expect(
      galleryRegions(sparse, shared).regions.map(r => [r.path, r.name]),
    ).toEqual([
      ['properties.distribute[0].targetRegions[1].name', 'eastus'],
      ['properties.distribute[0].replicationRegions[1]', 'westus'],
    ]);
  });

  it('makes the outcome of a template without a gallery once', () => {
    const managed = makeTemplate('m');
    const outcome = withoutGalleryOutcome(readDistribution(managed));
    expect(outcome?.status).toBe('not-applicable');
    expect(withoutGalleryOutcome(readDistribution(managed))).toBe(outcome);
    expect(Object.isFrozen(outcome)).toBe(true);
    expect(withoutGalleryOutcome(readDistribution(template))).toBeUndefined();
  });

  it('shares the regions of equal distributors in one scan', () => {
    const scan = SnapshotIndex.build(makeSnapshot([]));
    const other = makeTemplate('other', {
      distribute: [
        {
          type: 'SharedImage',
          galleryImageId: IMAGE,
          targetRegions: [{ name: 'eastus' }],
        },
      ],
    });
    const twin = makeTemplate('twin', {
      distribute: [
        {
          type: 'SharedImage',
          galleryImageId: IMAGE,
          targetRegions: [{ name: 'eastus' }],
        },
      ],
    });
    const [ofOther] = sharedImageDistributors(readDistribution(other));
    const [ofTwin] = sharedImageDistributors(readDistribution(twin));
    const shared = galleryRegions(other, ofOther, scan);
    expect(galleryRegions(twin, ofTwin, scan)).toBe(shared);
    expect(Object.isFrozen(shared.regions[0])).toBe(true);
    // Another scan shares its own; without a scan, nothing is shared.
    expect(
      galleryRegions(twin, ofTwin, SnapshotIndex.build(makeSnapshot([]))),
    ).not.toBe(shared);
    expect(galleryRegions(twin, ofTwin)).toEqual(shared);
  });
});
