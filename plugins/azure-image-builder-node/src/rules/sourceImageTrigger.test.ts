import { ArmResource } from '@aib-scorecards/plugin-azure-image-builder-common';
import {
  evaluateRule,
  makeTemplate,
  makeTrigger,
  templateId,
} from '../engine/__testUtils__/snapshots';
import { sourceImageTriggerRule } from './sourceImageTrigger';

const IMAGE =
  '/subscriptions/s/resourceGroups/g/providers/Microsoft.Compute/galleries/g1/images/ubuntu';

const platform = (version: unknown) => ({
  source: {
    type: 'PlatformImage',
    publisher: 'Canonical',
    offer: 'ubuntu-24_04-lts',
    sku: 'server',
    version,
  },
});
const fromGallery = (imageVersionId: unknown) => ({
  source: { type: 'SharedImageVersion', imageVersionId },
});

const template = makeTemplate('tpl');
const T = template.id;

/** A trigger of `tpl` with the given properties over a healthy one. */
function trigger(
  name: string,
  props: Record<string, unknown> = {},
  status?: Record<string, unknown>,
): ArmResource {
  const healthy = makeTrigger(T, name);
  return {
    ...healthy,
    properties: {
      ...healthy.properties,
      ...props,
      ...(status ? { status } : {}),
    },
  };
}

describe('source-image-trigger', () => {
  it('has the metadata of RULES.md #4', () => {
    expect(sourceImageTriggerRule.metadata).toMatchObject({
      id: 'source-image-trigger',
      number: 4,
      severity: 'medium',
    });
  });

  it.each(
    [
      [
        'a healthy source image trigger',
        {},
        [trigger('source')],
        'pass',
        /^A healthy source image trigger rebuilds the template: 'source' \(kind SourceImage, Succeeded, status Healthy\)$/,
      ],
      [
        'values in other casings',
        {},
        [
          trigger(
            'source',
            { kind: 'sourceimage', provisioningState: 'SUCCEEDED' },
            { code: 'healthy' },
          ),
        ],
        'pass',
        /healthy source image trigger/,
      ],
      [
        'a healthy trigger beside a broken one',
        {},
        [
          trigger('old', {}, { code: 'Unhealthy', message: 'build failed' }),
          trigger('source'),
        ],
        'pass',
        /: 'source'/,
      ],
      [
        'a trigger listed under an upper-cased template id',
        {},
        [{ ...makeTrigger(T.toUpperCase(), 'source') }],
        'pass',
        /healthy/,
      ],
      [
        'a source image version ending /versions/latest',
        fromGallery(`${IMAGE}/versions/latest`),
        [trigger('source')],
        'pass',
        /healthy/,
      ],
      [
        'an unhealthy trigger',
        {},
        [
          trigger(
            'source',
            {},
            {
              code: 'Unhealthy',
              message: 'Trigger was disabled after 2 failed builds',
            },
          ),
        ],
        'warn',
        /^No trigger of the template is a healthy source image trigger: 'source' \(kind SourceImage, Succeeded, status Unhealthy: Trigger was disabled after 2 failed builds\) \(failing builds deactivate triggers/,
      ],
      [
        'a trigger still provisioning',
        {},
        [trigger('source', { provisioningState: 'Creating' })],
        'warn',
        /'source' \(kind SourceImage, Creating, status Healthy\)/,
      ],
      [
        'a trigger that failed to provision',
        {},
        [trigger('source', { provisioningState: 'Failed' }, {})],
        'warn',
        /Failed, status absent/,
      ],
      [
        'a trigger of another kind',
        {},
        [trigger('other', { kind: 'Schedule' })],
        'warn',
        /kind Schedule/,
      ],
      [
        'no trigger, platform image latest',
        platform('latest'),
        [],
        'fail',
        /^No trigger rebuilds the template when its source image is updated: create a source image trigger$/,
      ],
      [
        'no trigger, platform image version pinned',
        platform('1.0.20240101'),
        [],
        'fail',
        /^No trigger rebuilds the template when its source image is updated, and the template must change before a source image trigger can be created: properties\.source\.version is "1\.0\.20240101" \(use the latest version\)$/,
      ],
      [
        'no trigger, gallery source version pinned',
        fromGallery(`${IMAGE}/versions/1.2.3`),
        [],
        'fail',
        /properties\.source\.imageVersionId is ".*\/versions\/1\.2\.3"/,
      ],
      [
        'no trigger, gallery source latest in another casing',
        fromGallery(`${IMAGE}/VERSIONS/Latest`),
        [],
        'fail',
        /: create a source image trigger$/,
      ],
      [
        'no trigger, a distributor that names a version',
        {
          distribute: [
            {
              type: 'SharedImage',
              galleryImageId: `${IMAGE}/versions/2.0.0`,
              runOutputName: 'o',
            },
          ],
        },
        [],
        'fail',
        /properties\.distribute\[0\]\.galleryImageId is ".*\/versions\/2\.0\.0"/,
      ],
      [
        'no trigger, a version given by an expression',
        platform("[parameters('version')]"),
        [],
        'fail',
        /: create a source image trigger$/,
      ],
      [
        'a trigger of another template only',
        {},
        [makeTrigger(templateId('other'), 'source')],
        'fail',
        /No trigger/,
      ],
      [
        'a managed image source',
        {
          source: {
            type: 'ManagedImage',
            imageId:
              '/subscriptions/s/resourceGroups/g/providers/Microsoft.Compute/images/i',
          },
        },
        [],
        'not-applicable',
        /^The source is a managed image, which source image triggers do not support$/,
      ],
      [
        'a managed image source in another casing, triggers unknown',
        { source: { type: 'managedimage' } },
        null,
        'not-applicable',
        /managed image/,
      ],
      [
        'a source type given by an expression, no trigger',
        { source: { type: "[parameters('sourceType')]" } },
        [],
        'unknown',
        /^The template has no trigger, and whether it may have one is unknown: properties\.source\.type is an unresolved template expression$/,
      ],
      [
        'a source type given by an expression, a healthy trigger',
        { source: { type: "[parameters('sourceType')]" } },
        [trigger('source')],
        'pass',
        /healthy/,
      ],
      ['triggers not read', {}, null, 'unknown', /^Whether a trigger rebuilds/],
    ].map(([name, properties, triggers, status, message]) => ({
      name,
      properties,
      triggers,
      status,
      message,
    })),
  )('$name -> $status', ({ properties, triggers, status, message }: any) => {
    const outcome = evaluateRule(
      sourceImageTriggerRule,
      { ...template, properties: { ...template.properties, ...properties } },
      { triggers },
    );
    expect(outcome.status).toBe(status);
    expect(outcome.message).toMatch(message);
  });

  it('is unknown with the error code when triggers could not be read', () => {
    const outcome = evaluateRule(sourceImageTriggerRule, template, {
      triggers: null,
      errors: [{ collection: 'triggers', code: 'AuthorizationFailed' }],
    });
    expect(outcome).toEqual({
      status: 'unknown',
      message: expect.stringMatching(
        /^Whether a trigger rebuilds the template is unknown: the triggers of subscription .* could not be read \(AuthorizationFailed\)$/,
      ),
      evidence: [{ collection: 'triggers', code: 'AuthorizationFailed' }],
    });
  });

  it('shows each trigger with its status and message', () => {
    const t = trigger('source', {}, { code: 'Unhealthy', message: 'disabled' });
    const outcome = evaluateRule(sourceImageTriggerRule, template, {
      triggers: [t],
    });
    expect(outcome.evidence).toEqual([
      {
        path: 'properties.status',
        observed: {
          kind: 'SourceImage',
          provisioningState: 'Succeeded',
          code: 'Unhealthy',
          message: 'disabled',
        },
        expected:
          'kind SourceImage, provisioningState Succeeded, status Healthy',
        note: `trigger 'source' (${t.id})`,
      },
    ]);
  });

  it('shows the pinned fields and the missing trigger when it fails', () => {
    const outcome = evaluateRule(
      sourceImageTriggerRule,
      {
        ...template,
        properties: { ...template.properties, ...platform('1.0.0') },
      },
      { triggers: [] },
    );
    expect(outcome.evidence).toEqual([
      {
        observed: [],
        expected:
          'a SourceImage trigger, provisioningState Succeeded, status Healthy',
        note: 'the template has no trigger',
      },
      {
        path: 'properties.source.version',
        observed: '1.0.0',
        expected: 'latest',
        note: 'the platform image version is pinned',
      },
    ]);
  });
});
