import {
  ArmResource,
  SnapshotSubscription,
} from '@aib-scorecards/plugin-azure-image-builder-common';
import {
  Entity,
  entitySchemaValidator,
  FieldFormatEntityPolicy,
  KubernetesValidatorFunctions,
  resourceEntityV1alpha1Validator,
} from '@backstage/catalog-model';
import fs from 'node:fs';
import path from 'node:path';
import { DEFAULT_OWNERSHIP } from '../config/types';
import { findSecretsInValue } from '../redaction';
import {
  SUB_A,
  SUB_B,
  template,
  templateId,
} from '../snapshot/__testUtils__/validSnapshot';
import {
  inferTemplateOs,
  resolveTemplateOwner,
  templateEntityName,
  templateEntityRef,
  templateLabels,
  templateToEntity,
  toCatalogTags,
} from '.';

const TENANT = '11111111-1111-1111-1111-111111111111';
const validateSchema = entitySchemaValidator();
const fieldFormat = new FieldFormatEntityPolicy();

/** Everything the catalog checks of an entity from a provider. */
async function expectValidEntity(entity: Entity) {
  expect(validateSchema(entity)).toBe(entity);
  expect(await resourceEntityV1alpha1Validator.check(entity)).toBe(true);
  await expect(fieldFormat.enforce(entity)).resolves.toBe(entity);
}

function subscription(
  overrides: Partial<SnapshotSubscription> = {},
): SnapshotSubscription {
  return {
    subscriptionId: SUB_A,
    displayName: 'Platform Production',
    tenantId: TENANT,
    resourceGroups: [],
    imageTemplates: [],
    triggers: [],
    locks: [],
    roleAssignments: [],
    roleDefinitions: [],
    userAssignedIdentities: [],
    errors: [],
    ...overrides,
  };
}

const options = {
  providerName: 'azure-image-builder:demo',
  sourceId: 'demo',
  ownership: DEFAULT_OWNERSHIP,
};

describe('templateEntityName', () => {
  it('is the sanitised name plus a hash of the lower-cased id', () => {
    const id = templateId(SUB_A, 'Ubuntu_22.04 Golden');
    const name = templateEntityName(id);
    expect(name).toMatch(/^ubuntu-22-04-golden-[0-9a-f]{10}$/);
    expect(
      templateEntityName(
        id.toUpperCase().replace('IMAGETEMPLATES', 'imageTemplates'),
      ),
    ).toBe(name);
    expect(templateEntityRef(id)).toBe(`resource:default/${name}`);
  });

  it('differs for same-named templates in two subscriptions or resource groups', () => {
    const names = new Set([
      templateEntityName(templateId(SUB_A, 'ubuntu')),
      templateEntityName(templateId(SUB_B, 'ubuntu')),
      templateEntityName(templateId(SUB_A, 'ubuntu', 'rg-other')),
    ]);
    expect(names.size).toBe(3);
  });

  it.each([
    ['a long name', 'x'.repeat(64)],
    ['a long name ending in a separator', `${'a'.repeat(51)}_b`],
    ['only symbols', '___'],
    ['non-ASCII', 'образ'],
    ['dots', 'win.2022.v1'],
  ])('is a valid entity name of at most 63 characters for %s', (_, n) => {
    const name = templateEntityName(templateId(SUB_A, n));
    expect(name.length).toBeLessThanOrEqual(63);
    expect(KubernetesValidatorFunctions.isValidObjectName(name)).toBe(true);
  });

  it('keeps long names apart by their hash', () => {
    const a = templateEntityName(templateId(SUB_A, `${'x'.repeat(70)}-a`));
    const b = templateEntityName(templateId(SUB_A, `${'x'.repeat(70)}-b`));
    expect(a).not.toBe(b);
    expect(a.slice(0, 52)).toBe(b.slice(0, 52));
  });

  it('names an id that is not a template id too', () => {
    expect(
      KubernetesValidatorFunctions.isValidObjectName(
        templateEntityName('weird'),
      ),
    ).toBe(true);
    expect(templateEntityName('')).toMatch(/^aib-[0-9a-f]{10}$/);
  });
});

describe('resolveTemplateOwner', () => {
  const rg = {
    id: `/subscriptions/${SUB_A}/resourceGroups/RG-Images`,
    name: 'RG-Images',
    tags: { owner: 'rg-team' },
  };
  const tpl = (tags?: Record<string, string>): ArmResource => ({
    ...template(SUB_A, 'ubuntu'),
    tags,
  });
  const sub = subscription({
    resourceGroups: [rg],
    tags: { owner: 'sub-team' },
  });

  it('takes the template tag first', () => {
    expect(
      resolveTemplateOwner(tpl({ owner: 'team-a' }), sub, DEFAULT_OWNERSHIP),
    ).toBe('group:default/team-a');
  });

  it('then the resource group (matched by name, case-insensitively)', () => {
    expect(resolveTemplateOwner(tpl({}), sub, DEFAULT_OWNERSHIP)).toBe(
      'group:default/rg-team',
    );
  });

  it('then the subscription', () => {
    expect(
      resolveTemplateOwner(
        tpl(),
        subscription({ tags: { owner: 'sub-team' } }),
        DEFAULT_OWNERSHIP,
      ),
    ).toBe('group:default/sub-team');
    // Resource groups not collected: straight to the subscription.
    expect(
      resolveTemplateOwner(
        tpl(),
        subscription({ resourceGroups: null, tags: { owner: 'sub-team' } }),
        DEFAULT_OWNERSHIP,
      ),
    ).toBe('group:default/sub-team');
  });

  it('else the default owner', () => {
    expect(resolveTemplateOwner(tpl(), subscription(), DEFAULT_OWNERSHIP)).toBe(
      'group:default/platform',
    );
    expect(
      resolveTemplateOwner(tpl(), subscription(), {
        tags: [],
        defaultOwner: 'user:jane',
      }),
    ).toBe('user:default/jane');
  });

  it('tries the configured tags in order, at each level', () => {
    const ownership = {
      tags: ['owner', 'backstage.io/owner'],
      defaultOwner: 'group:default/x',
    };
    expect(
      resolveTemplateOwner(
        tpl({ 'backstage.io/owner': 'user:jane', owner: 'team-a' }),
        sub,
        ownership,
      ),
    ).toBe('group:default/team-a');
    expect(
      resolveTemplateOwner(
        tpl({ 'backstage.io/owner': 'user:jane' }),
        sub,
        ownership,
      ),
    ).toBe('user:default/jane');
  });

  it('reads tag names case-insensitively, like Azure', () => {
    expect(
      resolveTemplateOwner(tpl({ Owner: 'Team-A' }), sub, DEFAULT_OWNERSHIP),
    ).toBe('group:default/team-a');
  });

  it.each([
    ['an e-mail address', 'jane@contoso.com'],
    ['a name with spaces', 'Team A'],
    ['an empty value', ' '],
    ['another kind', 'component:default/x'],
    ['a malformed ref', 'group:'],
  ])('falls through %s to the next tag', (_, value) => {
    expect(
      resolveTemplateOwner(
        tpl({ owner: value, 'backstage.io/owner': 'group:infra/ops' }),
        sub,
        DEFAULT_OWNERSHIP,
      ),
    ).toBe('group:infra/ops');
    expect(
      resolveTemplateOwner(tpl({ owner: value }), sub, DEFAULT_OWNERSHIP),
    ).toBe('group:default/rg-team');
  });
});

describe('templateToEntity', () => {
  it('maps a template to a valid Resource entity', async () => {
    const t = template(SUB_A, 'ubuntu');
    t.tags = {
      owner: 'team-images',
      Environment: 'Production',
      'cost center': '42',
    };
    const entity = templateToEntity(t, subscription(), options);
    await expectValidEntity(entity);
    const id = templateId(SUB_A, 'ubuntu');
    const portal = `https://portal.azure.com/#@${TENANT}/resource${id}`;
    expect(entity).toEqual({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Resource',
      metadata: {
        name: templateEntityName(id),
        title: 'ubuntu',
        description:
          'Azure VM Image Builder template in rg-images (Platform Production)',
        annotations: {
          'management.azure.com/resourceId': id,
          'management.azure.com/subscriptionId': SUB_A,
          'management.azure.com/location': 'westeurope',
          'management.azure.com/resourceGroup': 'rg-images',
          'azure-image-builder/source': 'demo',
          'backstage.io/view-url': portal,
          'backstage.io/managed-by-location': `azure-image-builder:demo:${SUB_A}`,
          'backstage.io/managed-by-origin-location': `azure-image-builder:demo:${SUB_A}`,
        },
        labels: {
          'azure-image-builder/os': 'linux',
          'azure-image-builder/source-type': 'platform-image',
          'azure-image-builder/distribution': 'managedimage',
        },
        tags: ['owner-team-images', 'environment-production', 'cost-center-42'],
        links: [{ url: portal, title: 'Azure portal', type: 'azure-portal' }],
      },
      spec: {
        type: 'azure-image-template',
        owner: 'group:default/team-images',
      },
    });
  });

  it('omits the tenant from the portal link when it is not known, and what is unknown', async () => {
    const t = template(SUB_A, 'ubuntu');
    delete t.location;
    delete t.tags;
    const entity = templateToEntity(
      t,
      subscription({ tenantId: undefined, displayName: undefined }),
      { ...options, portalUrl: 'https://portal.azure.us/' },
    );
    await expectValidEntity(entity);
    expect(entity.metadata.annotations!['backstage.io/view-url']).toBe(
      `https://portal.azure.us/#/resource${templateId(SUB_A, 'ubuntu')}`,
    );
    expect(entity.metadata.annotations).not.toHaveProperty(
      'management.azure.com/location',
    );
    expect(entity.metadata.description).toBe(
      `Azure VM Image Builder template in rg-images (${SUB_A})`,
    );
    expect(entity.metadata.tags).toEqual([]);
  });

  it('puts no secret anywhere', async () => {
    const t = template(SUB_A, 'ubuntu');
    t.tags = {
      script: 'https://a.blob.core.windows.net/c/s.sh?sv=1&sig=TAGSECRET',
    };
    t.name = 'token=NAMESECRET';
    const entity = templateToEntity(t, subscription(), options);
    await expectValidEntity(entity);
    const text = JSON.stringify(entity);
    expect(text).not.toMatch(/TAGSECRET|NAMESECRET/);
    expect(findSecretsInValue(entity)).toEqual([]);
  });
});

describe('toCatalogTags', () => {
  it.each<[Record<string, unknown>, string[]]>([
    [{ Env: 'Prod' }, ['env-prod']],
    [{ flag: '' }, ['flag']],
    [{ 'Cost Center': 'R&D / 42' }, ['cost-center-r-d-42']],
    [{ 'c++': '#1' }, ['c++-#1']],
    [{ a: 'x', A: 'X' }, ['a-x']],
    [{ ns: 'a:b' }, ['ns-a:b']],
    [{ long: 'x'.repeat(70) }, []],
    [{ '***': '!!!' }, []],
    [{ 'hidden-link:/subscriptions/x': 'Resource' }, []],
    [{ n: 5 }, []],
  ])('turns %j into %j', (tags, expected) => {
    expect(toCatalogTags(tags)).toEqual(expected);
    for (const tag of expected) {
      expect(tag).toMatch(/^[a-z0-9:+#]+(-[a-z0-9:+#]+)*$/);
    }
  });

  it('ignores tags that are not an object', () => {
    expect(toCatalogTags(undefined)).toEqual([]);
    expect(toCatalogTags('a')).toEqual([]);
  });
});

describe('templateLabels', () => {
  const withProps = (props: Record<string, unknown>): ArmResource => ({
    ...template(SUB_A, 't'),
    properties: props,
  });

  it.each<[string, Record<string, unknown>, 'linux' | 'windows' | undefined]>([
    [
      'a Windows platform image',
      {
        source: {
          type: 'PlatformImage',
          publisher: 'MicrosoftWindowsServer',
          offer: 'WindowsServer',
        },
      },
      'windows',
    ],
    [
      'a Windows desktop offer',
      {
        source: {
          type: 'PlatformImage',
          publisher: 'MicrosoftWindowsDesktop',
          offer: 'office-365',
        },
      },
      'windows',
    ],
    [
      'a Linux platform image',
      {
        source: {
          type: 'PlatformImage',
          publisher: 'Canonical',
          offer: 'ubuntu',
        },
      },
      'linux',
    ],
    [
      'a platform image with PowerShell steps',
      {
        source: {
          type: 'PlatformImage',
          publisher: 'microsoftvisualstudio',
          offer: 'visualstudio2022',
        },
        customize: [{ type: 'PowerShell' }],
      },
      'windows',
    ],
    [
      'a gallery image with Shell steps',
      {
        source: { type: 'SharedImageVersion', imageVersionId: 'x' },
        customize: [{ type: 'Shell' }, { type: 'File' }],
      },
      'linux',
    ],
    [
      'a managed image with WindowsRestart',
      {
        source: { type: 'ManagedImage', imageId: 'x' },
        customize: [{ type: 'WindowsRestart' }],
      },
      'windows',
    ],
    [
      'a managed image with File steps only',
      {
        source: { type: 'ManagedImage', imageId: 'x' },
        customize: [{ type: 'File' }],
      },
      undefined,
    ],
    [
      'a managed image with mixed steps',
      {
        source: { type: 'ManagedImage' },
        customize: [{ type: 'Shell' }, { type: 'PowerShell' }],
      },
      undefined,
    ],
    [
      'an unresolved publisher',
      { source: { type: 'PlatformImage', publisher: "[parameters('p')]" } },
      undefined,
    ],
    ['no source', {}, undefined],
  ])('infers the OS of %s', (_, props, os) => {
    expect(inferTemplateOs(withProps(props))).toBe(os);
  });

  it('labels the source type and the distribution kinds', () => {
    expect(
      templateLabels(
        withProps({
          source: { type: 'SharedImageVersion' },
          distribute: [
            { type: 'SharedImage' },
            { type: 'ManagedImage' },
            { type: 'VHD' },
            { type: 'SharedImage' },
            'x',
          ],
        }),
      ),
    ).toEqual({
      'azure-image-builder/source-type': 'shared-image-version',
      'azure-image-builder/distribution': 'managedimage.sharedimage.vhd',
    });
    expect(
      templateLabels(withProps({ source: { type: "[parameters('t')]" } })),
    ).toEqual({});
  });

  it('keeps label values valid whatever the types say', () => {
    const labels = templateLabels(
      withProps({
        source: { type: '__Odd Type__' },
        distribute: Array.from({ length: 20 }, (_, i) => ({
          type: `Target_${i}_Kind`,
        })),
      }),
    );
    for (const value of Object.values(labels)) {
      expect(KubernetesValidatorFunctions.isValidLabelValue(value)).toBe(true);
    }
    expect(labels['azure-image-builder/source-type']).toBe('odd-type');
  });
});

// Real templates (shared fixtures, outside the repository): every one makes a valid entity.
const fixtures = path.resolve(__dirname, '../../../../../shared/fixtures');
const d = fs.existsSync(fixtures) ? describe : describe.skip;

d('templateToEntity on real templates', () => {
  const files = fs.existsSync(fixtures)
    ? [
        'rest-api-specs/2025-10-01_ListImageTemplates.json',
        'rest-api-specs/2025-10-01_ListImageTemplatesByRg.json',
      ]
    : [];
  const templates: ArmResource[] = files.flatMap(
    f =>
      JSON.parse(fs.readFileSync(path.join(fixtures, f), 'utf8')).responses[
        '200'
      ].body.value,
  );

  it('maps the REST API examples to valid entities', async () => {
    expect(templates.length).toBeGreaterThanOrEqual(4);
    for (const t of templates) {
      const entity = templateToEntity(
        t,
        subscription({ subscriptionId: '{subscription-id}' }),
        options,
      );
      await expectValidEntity(entity);
      expect(entity.metadata.title).toBe(t.name);
    }
  });

  it('labels the Windows and Linux quickstarts', () => {
    const read = (f: string) =>
      JSON.parse(
        fs.readFileSync(path.join(fixtures, 'azvmimagebuilder', f), 'utf8'),
      );
    expect(
      inferTemplateOs(
        read('qs0_windows_managedimage.helloImageTemplateWin.json'),
      ),
    ).toBe('windows');
    expect(
      inferTemplateOs(
        read('qs0_linux_managedimage.helloImageTemplateLinux.json'),
      ),
    ).toBe('linux');
  });
});
