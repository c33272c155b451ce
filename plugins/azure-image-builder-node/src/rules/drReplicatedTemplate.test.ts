import {
  ArmResource,
  SnapshotSubscription,
} from '@aib-scorecards/plugin-azure-image-builder-common';
import {
  makeSnapshot,
  makeSubscription,
  makeTemplate,
  SUB,
  templateId,
} from '../engine/__testUtils__/snapshots';
import { SnapshotIndex } from '../engine/SnapshotIndex';
import { drReplicatedTemplateRule } from './drReplicatedTemplate';

const SUB2 = '00000000-0000-0000-0000-000000000002';
const GALLERY =
  '/subscriptions/00000000-0000-0000-0000-000000000009/resourceGroups/rg-gallery/providers/Microsoft.Compute/galleries/g1';

/** A template in a location with tags and properties; `rg`/`sub` place it. */
function tpl(
  name: string,
  location: unknown,
  tags: unknown = {},
  properties: Record<string, unknown> = {},
  { rg = `rg-${name}`, sub = SUB }: { rg?: string; sub?: string } = {},
): ArmResource {
  return {
    ...makeTemplate(name, properties, { location, tags } as any),
    id: templateId(name, rg, sub),
  };
}

const family = (value: unknown) => ({ 'image-family': value });
const toGallery = (...images: string[]) => ({
  distribute: images.map((image, i) => ({
    type: 'SharedImage',
    galleryImageId: `${GALLERY}/images/${image}`,
    runOutputName: `out-${i}`,
  })),
});

/** Scores `template` in a snapshot of `others` plus it (in the first subscription). */
function evaluate(
  template: ArmResource,
  others: ArmResource[] = [],
  extraSubscriptions: SnapshotSubscription[] = [],
  options: { [key: string]: unknown } = {},
) {
  const subscription = makeSubscription({
    imageTemplates: [template, ...others.filter(t => !t.id.includes(SUB2))],
  });
  const second = makeSubscription({
    subscriptionId: SUB2,
    imageTemplates: others.filter(t => t.id.includes(SUB2)),
  });
  const index = SnapshotIndex.build(
    makeSnapshot([subscription, second, ...extraSubscriptions]),
  );
  return drReplicatedTemplateRule.evaluate({
    template,
    subscription,
    index,
    options,
  });
}

const WE = 'westeurope';
const NE = 'northeurope';

describe('dr-replicated-template', () => {
  it('has the metadata of RULES.md #2', () => {
    expect(drReplicatedTemplateRule.metadata).toMatchObject({
      id: 'dr-replicated-template',
      number: 2,
      severity: 'medium',
    });
  });

  it.each(
    [
      [
        'a sibling of the tag family in another location',
        tpl('a', WE, family('ubuntu')),
        [tpl('b', NE, family('ubuntu'))],
        'pass',
        /^Another template of image family 'ubuntu' \(tag image-family\) is in a different location: 'b' \(northeurope\)$/,
      ],
      [
        'tag name and value in other casings',
        tpl('a', WE, family('Ubuntu')),
        [tpl('b', NE, { 'IMAGE-FAMILY': ' ubuntu ' })],
        'pass',
        /'b' \(northeurope\)/,
      ],
      [
        'a region display name against a programmatic one',
        tpl('a', 'West Europe', family('u')),
        [tpl('b', 'North Europe', family('u'))],
        'pass',
        /'b' \(North Europe\)/,
      ],
      [
        'a sibling in another subscription',
        tpl('a', WE, family('u')),
        [tpl('b', NE, family('u'), {}, { sub: SUB2 })],
        'pass',
        /'b' \(northeurope\)/,
      ],
      [
        'one gallery image definition, one with a version and in another casing',
        tpl('a', WE, {}, toGallery('ubuntu')),
        [
          tpl(
            'b',
            NE,
            {},
            {
              distribute: [
                {
                  type: 'sharedimage',
                  galleryImageId: `${GALLERY.toUpperCase()}/images/UBUNTU/versions/1.0.0`,
                  runOutputName: 'o',
                },
              ],
            },
          ),
        ],
        'pass',
        /^Another template of the image family of gallery image 'g1\/ubuntu' is in a different location/,
      ],
      [
        'the same set of image definitions in another order',
        tpl('a', WE, {}, toGallery('ubuntu', 'windows')),
        [tpl('b', NE, {}, toGallery('windows', 'ubuntu'))],
        'pass',
        /'g1\/ubuntu', 'g1\/windows'/,
      ],
      [
        'the template name, in another resource group and casing',
        tpl('build-ubuntu', WE),
        [tpl('BUILD-UBUNTU', NE, {}, {}, { rg: 'rg-dr' })],
        'pass',
        /^Another template of image family 'build-ubuntu' \(the template name\)/,
      ],
      [
        'an empty tag falls back to the name',
        tpl('a', WE, family('')),
        [tpl('a', NE, {}, {}, { rg: 'rg-dr' })],
        'pass',
        /\(the template name\)/,
      ],
      [
        'siblings only in the same location',
        tpl('a', WE, family('u')),
        [tpl('b', 'West Europe', family('u'))],
        'fail',
        /^No other template of image family 'u' \(tag image-family\) is in a location other than westeurope \(its sibling\(s\) 'b' \(West Europe\) are in the same location\): replicate the template to a secondary region$/,
      ],
      [
        'no sibling at all',
        tpl('a', WE, family('u')),
        [tpl('b', NE, family('other'))],
        'fail',
        /\(it has no sibling in the scan\)/,
      ],
      [
        'a subset of the image definitions is another family',
        tpl('a', WE, {}, toGallery('ubuntu', 'windows')),
        [tpl('b', NE, {}, toGallery('ubuntu'))],
        'fail',
        /no sibling/,
      ],
      [
        'a tag family does not match a template of that name',
        tpl('a', WE, family('b')),
        [tpl('b', NE)],
        'fail',
        /no sibling/,
      ],
      [
        'a tagged template is not in the family of its gallery image',
        tpl('a', WE, {}, toGallery('ubuntu')),
        [tpl('b', NE, family('x'), toGallery('ubuntu'))],
        'fail',
        /no sibling/,
      ],
      [
        'the family tag is an expression',
        tpl('a', WE, family("[parameters('family')]")),
        [tpl('b', NE, family('u'))],
        'unknown',
        /^The image family of the template is unknown: tags\.image-family is an unresolved template expression$/,
      ],
      [
        'the gallery image id is an expression',
        tpl(
          'a',
          WE,
          {},
          {
            distribute: [
              { type: 'SharedImage', galleryImageId: "[variables('img')]" },
            ],
          },
        ),
        [],
        'unknown',
        /properties\.distribute\[0\]\.galleryImageId is an unresolved/,
      ],
      [
        'the distribute list is an expression',
        tpl('a', WE, {}, { distribute: "[variables('targets')]" }),
        [],
        'unknown',
        /properties\.distribute is an unresolved/,
      ],
      [
        'a sibling whose location is an expression',
        tpl('a', WE, family('u')),
        [tpl('b', "[parameters('location')]", family('u'))],
        'unknown',
        /the location of sibling\(s\) 'b' \(\[parameters\('location'\)\]\) is not known/,
      ],
      [
        'another template of unresolved family elsewhere',
        tpl('a', WE, family('u')),
        [tpl('b', NE, family("[parameters('f')]"))],
        'unknown',
        /the image family of template\(s\) 'b' \(northeurope\) is an unresolved template expression/,
      ],
      [
        'a template of unresolved family in the same location',
        tpl('a', WE, family('u')),
        [tpl('b', WE, family("[parameters('f')]"))],
        'fail',
        /no sibling/,
      ],
      [
        'an unknown own location, siblings in two locations',
        tpl('a', undefined, family('u')),
        [tpl('b', NE, family('u')), tpl('c', WE, family('u'))],
        'pass',
        /'b' \(northeurope\), 'c' \(westeurope\)/,
      ],
      [
        'an unknown own location, siblings in one location',
        tpl('a', undefined, family('u')),
        [tpl('b', NE, family('u'))],
        'unknown',
        /the location of this template is not known, and its siblings are in one location/,
      ],
      [
        'an unknown own location and no sibling',
        tpl('a', undefined, family('u')),
        [],
        'fail',
        /other than this template's \(it has no sibling/,
      ],
    ].map(([name, template, others, status, message]) => ({
      name,
      template,
      others,
      status,
      message,
    })),
  )('$name -> $status', ({ template, others, status, message }: any) => {
    const outcome = evaluate(template, others);
    expect(outcome.status).toBe(status);
    expect(outcome.message).toMatch(message);
  });

  describe('when part of the scan failed', () => {
    const a = tpl('a', WE, family('u'));
    it.each([
      [
        'a subscription whose templates could not be read',
        makeSubscription({
          subscriptionId: 'sub-3',
          imageTemplates: null,
          errors: [
            {
              collection: 'imageTemplates',
              code: 'AuthorizationFailed',
              message: 'denied',
            },
          ],
        }),
        'AuthorizationFailed',
      ],
      [
        'a subscription that failed as a whole',
        makeSubscription({
          subscriptionId: 'sub-3',
          imageTemplates: null,
          errors: [
            { collection: 'subscription', code: 'SubscriptionNotFound' },
          ],
        }),
        'SubscriptionNotFound',
      ],
      [
        'a template list that is null without an error',
        makeSubscription({ subscriptionId: 'sub-3', imageTemplates: null }),
        'NotCollected',
      ],
    ])('%s -> unknown', (_name, failed, code) => {
      const outcome = evaluate(a, [tpl('b', WE, family('u'))], [failed]);
      expect(outcome.status).toBe('unknown');
      expect(outcome.message).toMatch(
        /^Whether another template of image family 'u' \(tag image-family\) is in a different location is unknown: the image templates of subscription\(s\) sub-3 could not be read, so a sibling may be missing from view$/,
      );
      expect(outcome.evidence).toContainEqual(
        expect.objectContaining({
          collection: failed.errors[0]?.collection ?? 'imageTemplates',
          code,
        }),
      );
    });

    it('still passes when a sibling elsewhere is in view', () => {
      const failed = makeSubscription({
        subscriptionId: 'sub-3',
        imageTemplates: null,
      });
      expect(evaluate(a, [tpl('b', NE, family('u'))], [failed]).status).toBe(
        'pass',
      );
    });

    it('is not affected by other collections that failed', () => {
      const locksFailed = makeSubscription({
        subscriptionId: 'sub-3',
        locks: null,
        triggers: null,
        errors: [{ collection: 'locks', code: 'AuthorizationFailed' }],
      });
      expect(evaluate(a, [], [locksFailed]).status).toBe('fail');
    });
  });

  it('reads the family from the configured tag', () => {
    const a = tpl('a', WE, { Workload: 'web', 'image-family': 'x' });
    const b = tpl('b', NE, { workload: 'web', 'image-family': 'y' });
    const outcome = evaluate(a, [b], [], { familyTag: 'workload' });
    expect(outcome.status).toBe('pass');
    expect(outcome.message).toMatch(/image family 'web' \(tag workload\)/);
    expect(outcome.evidence[0]).toEqual({
      path: 'tags.Workload',
      observed: 'web',
      note: 'image family: the value of tag workload',
    });
    expect(evaluate(a, [b]).status).toBe('fail');
  });

  it('refuses a family tag option that is not a tag name', () => {
    const a = tpl('a', WE);
    expect(() => evaluate(a, [], [], { familyTag: 42 })).toThrow(
      'Invalid option familyTag of rule dr-replicated-template: expected a tag name, got 42',
    );
    expect(() => evaluate(a, [], [], { familyTag: ' ' })).toThrow(
      /expected a tag name/,
    );
  });

  it('shows the family, how it was derived, the location and the siblings', () => {
    const a = tpl('a', WE, {}, toGallery('ubuntu'));
    const b = tpl('b', NE, {}, toGallery('ubuntu'));
    const outcome = evaluate(a, [b]);
    expect(outcome.evidence).toEqual([
      {
        path: 'properties.distribute[0].galleryImageId',
        observed: `${GALLERY}/images/ubuntu`,
        note: 'image family: the gallery image definitions the template distributes to (no image-family tag)',
      },
      {
        path: 'location',
        observed: WE,
        note: 'the location of this template',
      },
      {
        path: 'location',
        observed: NE,
        note: `sibling in another location: 'b' (${b.id})`,
      },
    ]);
  });

  it('says there is no sibling in the evidence of a fail', () => {
    const outcome = evaluate(tpl('solo', WE));
    expect(outcome.status).toBe('fail');
    expect(outcome.evidence).toEqual([
      {
        path: 'name',
        observed: 'solo',
        note: 'image family: the template name (no image-family tag, no gallery image definition)',
      },
      { path: 'location', observed: WE, note: 'the location of this template' },
      {
        observed: [],
        expected: 'another template of the family in another location',
        note: 'no other template of the family in the scan',
      },
    ]);
  });

  it('lists five siblings and counts the rest', () => {
    const a = tpl('a', WE, family('u'));
    const others = Array.from({ length: 15 }, (_, i) =>
      tpl(`s${i}`, i % 2 ? NE : 'eastus', family('u')),
    );
    const outcome = evaluate(a, others);
    expect(outcome.status).toBe('pass');
    expect(outcome.message).toMatch(/ and 10 more$/);
    expect(
      outcome.evidence.filter(e => e.note?.startsWith('sibling')),
    ).toHaveLength(5);
  });

  it('does not count the template as its own sibling', () => {
    const a = tpl('a', WE, family('u'));
    const outcome = evaluate(a, []);
    expect(outcome.status).toBe('fail');
    expect(outcome.message).toMatch(/no sibling/);
  });
});
