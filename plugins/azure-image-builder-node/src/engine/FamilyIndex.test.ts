import { ArmResource } from '@aib-scorecards/plugin-azure-image-builder-common';
import {
  makeSnapshot,
  makeSubscription,
  makeTemplate,
  templateId,
} from './__testUtils__/snapshots';
import { deriveImageFamily, FamilyIndex, templateRegion } from './FamilyIndex';
import { SnapshotIndex } from './SnapshotIndex';

function tpl(name: string, location: string, family?: string): ArmResource {
  return makeTemplate(
    name,
    {},
    { location, tags: family ? { 'image-family': family } : {} },
  );
}

function names(list: ReadonlyArray<{ template: ArmResource }>): string[] {
  return list.map(e => e.template.name!);
}

describe('deriveImageFamily', () => {
  it('prefers the tag, then the gallery image definitions, then the name', () => {
    const gallery = {
      distribute: [
        {
          type: 'SharedImage',
          galleryImageId:
            '/subscriptions/s/resourceGroups/g/providers/Microsoft.Compute/galleries/g1/images/b/versions/1.0.0',
        },
        { type: 'ManagedImage', location: 'westeurope' },
        {
          type: 'SharedImage',
          galleryImageId:
            '/subscriptions/s/resourceGroups/g/providers/Microsoft.Compute/galleries/g1/images/a',
        },
      ],
    };
    expect(
      deriveImageFamily(
        makeTemplate('t', gallery, { tags: { 'Image-Family': 'F' } }),
      ),
    ).toMatchObject({ source: 'tag', key: 'tag:f', value: 'F' });
    expect(deriveImageFamily(makeTemplate('t', gallery))).toMatchObject({
      source: 'gallery-images',
      key: 'gallery:/subscriptions/s/resourcegroups/g/providers/microsoft.compute/galleries/g1/images/a|/subscriptions/s/resourcegroups/g/providers/microsoft.compute/galleries/g1/images/b',
      value: [
        '/subscriptions/s/resourceGroups/g/providers/Microsoft.Compute/galleries/g1/images/a',
        '/subscriptions/s/resourceGroups/g/providers/Microsoft.Compute/galleries/g1/images/b',
      ],
    });
    expect(deriveImageFamily(makeTemplate('T'))).toMatchObject({
      source: 'name',
      key: 'name:t',
      value: 'T',
    });
  });

  it('takes the name from the id when the template has none', () => {
    const t = { ...makeTemplate('from-id'), name: undefined };
    expect(deriveImageFamily(t)).toMatchObject({
      source: 'name',
      value: 'from-id',
    });
  });

  it('reads another tag when configured', () => {
    const t = makeTemplate('t', {}, { tags: { WORKLOAD: 'web' } });
    expect(deriveImageFamily(t, 'workload')).toMatchObject({
      source: 'tag',
      key: 'tag:web',
    });
    expect(deriveImageFamily(t)).toMatchObject({ source: 'name' });
  });

  it.each([
    ['the tags', { tags: "[parameters('tags')]" }, {}, 'tags'],
    [
      'the family tag',
      { tags: { 'image-family': "[parameters('f')]" } },
      {},
      'tags.image-family',
    ],
    [
      'a distributor',
      {},
      { distribute: ["[variables('d')]"] },
      'properties.distribute[0]',
    ],
    [
      'a distributor type',
      {},
      { distribute: [{ type: "[variables('t')]" }] },
      'properties.distribute[0].type',
    ],
    ['the name', { name: "[parameters('name')]" }, {}, 'name'],
  ])('is unresolved when %s is an expression', (_, extra, props, path) => {
    const family = deriveImageFamily(makeTemplate('t', props, extra as any));
    expect(family.source).toBe('unresolved');
    expect(family.evidence[0].path).toBe(path);
  });
});

describe('templateRegion', () => {
  it.each([
    ['West Europe', 'westeurope'],
    ['northeurope', 'northeurope'],
    ['', undefined],
    [undefined, undefined],
    ['[resourceGroup().location]', undefined],
  ])('%j -> %j', (location, expected) => {
    expect(templateRegion({ id: 'x', location } as ArmResource)).toBe(expected);
  });
});

describe('FamilyIndex', () => {
  const a = tpl('a', 'westeurope', 'u');
  const b = tpl('b', 'West Europe', 'u');
  const c = tpl('c', 'northeurope', 'U');
  const d = { ...tpl('d', 'eastus', 'u'), location: undefined };
  const e = tpl('e', 'eastus', "[parameters('f')]");
  const f = tpl('f', 'westeurope', "[parameters('f')]");
  const other = tpl('other', 'eastus', 'v');
  const index = SnapshotIndex.build(
    makeSnapshot([
      makeSubscription({ imageTemplates: [a, b, c, d, e, f, other] }),
    ]),
  );

  it('is built once per snapshot index and family tag, whatever its casing', () => {
    const families = FamilyIndex.of(index);
    expect(FamilyIndex.of(index, 'IMAGE-FAMILY')).toBe(families);
    expect(FamilyIndex.of(index, 'workload')).not.toBe(families);
    expect(FamilyIndex.of(SnapshotIndex.build(makeSnapshot([])))).not.toBe(
      families,
    );
  });

  it('sorts the siblings of a template by location relative to its own', () => {
    const families = FamilyIndex.of(index);
    const siblings = families.siblings(a, families.familyOf(a));
    expect(names(siblings.sameLocation)).toEqual(['b']);
    expect(names(siblings.elsewhere)).toEqual(['c']);
    expect(names(siblings.unknownLocation)).toEqual(['d']);
    // `f` has an unresolved family but is in a's own location: it cannot replicate a.
    expect(names(siblings.unresolvedFamily)).toEqual(['e']);
    expect(siblings).toMatchObject({
      sameLocationCount: 1,
      elsewhereCount: 1,
      unknownLocationCount: 1,
      unresolvedFamilyCount: 1,
      locationCount: 2,
    });
  });

  it('reuses the family computed for a template of the snapshot', () => {
    const families = FamilyIndex.of(index);
    expect(families.familyOf(a)).toBe(families.familyOf(a));
    const copy = { ...a };
    expect(families.familyOf(copy)).not.toBe(families.familyOf(a));
    expect(families.familyOf(copy)).toEqual(families.familyOf(a));
  });

  it('never lists a template as its own sibling, and counts past the limit', () => {
    const many = Array.from({ length: 30 }, (_, i) =>
      tpl(`m${i}`, i < 20 ? 'westeurope' : 'northeurope', 'big'),
    );
    const idx = SnapshotIndex.build(
      makeSnapshot([makeSubscription({ imageTemplates: many })]),
    );
    const families = FamilyIndex.of(idx);
    for (const t of [many[0], many[5], many[19], many[25]]) {
      const siblings = families.siblings(t, families.familyOf(t), 3);
      const listed = [...siblings.sameLocation, ...siblings.elsewhere];
      expect(listed.map(s => s.template)).not.toContain(t);
      expect(siblings.sameLocation).toHaveLength(3);
      expect(siblings.elsewhere).toHaveLength(3);
      expect(siblings.sameLocationCount + siblings.elsewhereCount).toBe(29);
    }
    expect(
      families.siblings(many[0], families.familyOf(many[0])).elsewhereCount,
    ).toBe(10);
  });

  it('shares the siblings elsewhere between the templates of a family in one location', () => {
    const families = FamilyIndex.of(index);
    const ofA = families.siblings(a, families.familyOf(a));
    const ofB = families.siblings(b, families.familyOf(b));
    expect(ofB.elsewhere).toBe(ofA.elsewhere);
    expect(ofB.unresolvedFamily).toBe(ofA.unresolvedFamily);
    expect(Object.isFrozen(ofA.elsewhere)).toBe(true);
    // Each is the other's sibling in the same location, never its own.
    expect(names(ofA.sameLocation)).toEqual(['b']);
    expect(names(ofB.sameLocation)).toEqual(['a']);
    expect(families.regionOf(a)).toBe('westeurope');
    // One frozen family per tag value as written.
    expect(families.familyOf(b)).toBe(families.familyOf(a));
    expect(Object.isFrozen(families.familyOf(a))).toBe(true);
    expect(families.familyOf(c)).not.toBe(families.familyOf(a));
  });

  it('finds siblings of a template that is not in the snapshot', () => {
    const outsider = {
      ...tpl('x', 'westeurope', 'u'),
      id: templateId('x', 'rg-out'),
    };
    const families = FamilyIndex.of(index);
    const siblings = families.siblings(outsider, families.familyOf(outsider));
    expect(names(siblings.sameLocation)).toEqual(['a', 'b']);
  });

  it('keeps the parts of the scan that may hide a template', () => {
    const idx = SnapshotIndex.build(
      makeSnapshot([
        makeSubscription({
          subscriptionId: 's1',
          locks: null,
          errors: [{ collection: 'locks', code: 'AuthorizationFailed' }],
        }),
        makeSubscription({ subscriptionId: 's2', imageTemplates: null }),
        makeSubscription({
          subscriptionId: 's3',
          imageTemplates: null,
          errors: [{ collection: 'subscription', code: 'Disabled' }],
        }),
      ]),
    );
    expect(FamilyIndex.of(idx).templateListFailures).toEqual([
      {
        subscriptionId: 's2',
        collection: 'imageTemplates',
        code: 'NotCollected',
      },
      { subscriptionId: 's3', collection: 'subscription', code: 'Disabled' },
    ]);
  });
});
