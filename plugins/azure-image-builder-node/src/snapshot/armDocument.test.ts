import { createMockDirectory } from '@backstage/backend-test-utils';
import fs from 'node:fs';
import path from 'node:path';
import {
  detectArmDocumentKind,
  parseArmDocument,
  parseScoringInput,
  readScoringInputFile,
  scoringInputToSnapshot,
  snapshotFromArmDocuments,
  SnapshotError,
  SYNTHETIC_SUBSCRIPTION_ID,
} from '.';
import {
  template,
  templateId,
  validSnapshot,
  SUB_A,
  SUB_B,
} from './__testUtils__/validSnapshot';

const TYPE = 'Microsoft.VirtualMachineImages/imageTemplates';

/** A resource body as a deployment template or `az resource create` holds it: no id. */
function body(name?: string): any {
  const t = template(SUB_A, name ?? 'x');
  delete t.id;
  if (name === undefined) delete t.name;
  return t;
}

function deploymentTemplate(resources: unknown): any {
  return {
    $schema:
      'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
    contentVersion: '1.0.0.0',
    parameters: { imageTemplateName: { type: 'string' } },
    resources,
  };
}

describe('detectArmDocumentKind', () => {
  it.each([
    [template(SUB_A, 'a'), 'arm-resource'],
    [body(), 'arm-resource'],
    [{ value: [] }, 'arm-list'],
    [[], 'arm-list'],
    [deploymentTemplate([]), 'arm-deployment-template'],
    [deploymentTemplate({ tpl: body('a') }), 'arm-deployment-template'],
    [
      { name: 'x', source: { type: 'PlatformImage' }, distribute: [] },
      'arm-resource',
    ],
    [validSnapshot(), undefined],
    [{ foo: 1 }, undefined],
    ['text', undefined],
    [null, undefined],
  ])('%j is %s', (doc, kind) => {
    expect(detectArmDocumentKind(doc)).toBe(kind);
  });
});

describe('parseArmDocument', () => {
  it('keeps the id of a single wire-JSON template', () => {
    const t = template(SUB_B, 'tpl');
    const result = parseArmDocument(JSON.stringify(t), { file: 'one.json' });
    expect(result.kind).toBe('arm-resource');
    expect(result.file).toBe('one.json');
    expect(result.problems).toEqual([]);
    expect(result.templates).toEqual([
      { template: t, path: '', syntheticId: false },
    ]);
  });

  it('makes up an id from the file and the name when there is none', () => {
    const result = parseArmDocument(body('hello'), {
      file: 'templates/linux base.json',
    });
    expect(result.templates[0].syntheticId).toBe(true);
    expect(result.templates[0].template.id).toBe(
      `/subscriptions/${SYNTHETIC_SUBSCRIPTION_ID}/resourceGroups/templates_linux_base.json/providers/${TYPE}/hello`,
    );
  });

  it('reads a quick-start resource body typed with the provider namespace only', () => {
    const result = parseArmDocument({
      ...body('qs'),
      type: 'Microsoft.VirtualMachineImages',
    });
    expect(result.problems).toEqual([]);
    expect(result.templates[0].template.type).toBe(TYPE);
  });

  it('names a nameless resource body after its file', () => {
    const result = parseArmDocument(body(), { file: 'dir/helloImage.json' });
    const { template: t } = result.templates[0];
    expect(t.id).toBe(
      `/subscriptions/${SYNTHETIC_SUBSCRIPTION_ID}/resourceGroups/dir_helloImage.json/providers/${TYPE}/helloImage`,
    );
    expect(t.name).toBeUndefined();
    expect(t.type).toBe(TYPE);
  });

  it('moves the fields of a flattened template (az image builder show) under properties', () => {
    const t = template(SUB_A, 'flat');
    const flat = { ...t, ...t.properties, provisioningState: 'Succeeded' };
    delete flat.properties;
    const result = parseArmDocument(flat);
    expect(result.problems).toEqual([]);
    const read = result.templates[0].template;
    expect(read.id).toBe(t.id);
    expect(read.identity).toEqual(t.identity);
    expect(read.properties).toEqual({
      ...t.properties,
      provisioningState: 'Succeeded',
    });
  });

  it('reads the templates of a list response and of a bare array, skipping other types', () => {
    const a = template(SUB_A, 'a');
    const b = template(SUB_B, 'b');
    const other = {
      id: '/subscriptions/x/resourceGroups/y/providers/Microsoft.Compute/galleries/g',
      type: 'Microsoft.Compute/galleries',
      properties: {},
    };
    const list = parseArmDocument({ value: [a, other, b], nextLink: 'x' });
    expect(list.kind).toBe('arm-list');
    expect(list.templates.map(t => [t.template.id, t.path])).toEqual([
      [a.id, 'value[0]'],
      [b.id, 'value[2]'],
    ]);
    const bare = parseArmDocument([b]);
    expect(bare.kind).toBe('arm-list');
    expect(bare.templates.map(t => t.path)).toEqual(['[0]']);
  });

  it('reads deployment templates, nested deployments and symbolic-name resources, keeping expressions', () => {
    const expressive = {
      ...body(),
      name: "[parameters('imageTemplateName')]",
      location: "[parameters('location')]",
      tags: "[parameters('tags')]",
      identity: {
        type: 'UserAssigned',
        userAssignedIdentities: {
          "[resourceId('Microsoft.ManagedIdentity/userAssignedIdentities', 'id')]":
            {},
        },
      },
      apiVersion: '2022-07-01',
      dependsOn: ['x'],
    };
    const nested = {
      type: 'Microsoft.Resources/deployments',
      name: 'inner',
      properties: {
        mode: 'Incremental',
        template: deploymentTemplate([{ ...body('inner-tpl') }]),
      },
    };
    const doc = deploymentTemplate([
      { type: 'Microsoft.ManagedIdentity/userAssignedIdentities', name: 'id' },
      expressive,
      nested,
    ]);
    const result = parseArmDocument(doc, { file: 'main.json' });
    expect(result.kind).toBe('arm-deployment-template');
    expect(result.problems).toEqual([]);
    expect(result.templates.map(t => t.path)).toEqual([
      'resources[1]',
      'resources[2].properties.template.resources[0]',
    ]);
    const first = result.templates[0].template;
    expect(first.name).toBe("[parameters('imageTemplateName')]");
    expect(first.location).toBe("[parameters('location')]");
    expect(first.tags).toBeUndefined();
    expect(first.id).toBe(
      `/subscriptions/${SYNTHETIC_SUBSCRIPTION_ID}/resourceGroups/main.json/providers/${TYPE}/[parameters('imageTemplateName')]`,
    );
    expect(result.templates[1].template.id).toMatch(/\/inner-tpl$/);

    const symbolic = parseArmDocument(
      { ...deploymentTemplate({ tpl: body('s') }), languageVersion: '2.0' },
      { file: 'main.json' },
    );
    expect(symbolic.templates.map(t => t.path)).toEqual(['resources.tpl']);
  });

  it('keeps made-up ids unique within a document', () => {
    const result = parseArmDocument(
      deploymentTemplate([body('same'), body('same'), body('a/b')]),
      { file: 'f.json' },
    );
    expect(result.templates.map(t => t.template.id.split('/').pop())).toEqual([
      'same',
      'same-2',
      'a_b',
    ]);
  });

  it('reports a bad template naming the file, where it is and the field, and keeps the rest', () => {
    const bad = { ...body('broken'), properties: { source: 'ubuntu' } };
    const result = parseArmDocument(deploymentTemplate([bad, body('good')]), {
      file: 'd.json',
    });
    expect(result.templates.map(t => t.template.name)).toEqual(['good']);
    expect(result.problems).toEqual([
      expect.objectContaining({
        file: 'd.json',
        collection: 'resources',
        index: 0,
        field: 'properties.source',
        message:
          'd.json: resources[0] (broken): properties.source: expected an object, got a string; template left out',
      }),
    ]);
  });

  it('reports a real id that is not an image template id, and duplicates', () => {
    const a = template(SUB_A, 'a');
    const result = parseArmDocument(
      {
        value: [
          { ...a, id: '/subscriptions/s/resourceGroups/r' },
          a,
          { ...a, id: a.id.toUpperCase() },
          42,
        ],
      },
      { file: 'l.json' },
    );
    expect(result.templates).toHaveLength(1);
    expect(result.problems.map(p => p.message)).toEqual([
      expect.stringMatching(
        /^l\.json: value\[0\] \(\/subscriptions\/s\/resourceGroups\/r\): id: is not an image template id/,
      ),
      expect.stringMatching(
        /^l\.json: value\[2\] .*: id: duplicates another template/,
      ),
      'l.json: value[3]: expected an object, got a number; template left out',
    ]);
  });

  it('never quotes a secret in a problem', () => {
    const secretId =
      '/subscriptions/s/x?sv=2022&sig=SUPERSECRETsignature123%3D';
    const result = parseArmDocument({
      value: [{ ...template(SUB_A, 'a'), id: secretId }],
    });
    expect(result.problems).toHaveLength(1);
    expect(JSON.stringify(result.problems)).not.toContain('SUPERSECRET');
  });

  it('rejects what is not JSON or not an ARM document, naming the file', () => {
    expect(() => parseArmDocument('{ "value": [', { file: 'x.json' })).toThrow(
      /^x\.json: not JSON \(.* at line 1 column 13\)$/,
    );
    expect(() =>
      parseArmDocument(
        { type: 'Microsoft.Compute/galleries', properties: {} },
        { file: 'g.json' },
      ),
    ).toThrow(
      new SnapshotError(
        'g.json: not a snapshot or an ARM image template (it is a Microsoft.Compute/galleries resource, not an image template); ' +
          'expected "kind": "aib-scorecards/snapshot", an Microsoft.VirtualMachineImages/imageTemplates resource (with "properties"), ' +
          'an ARM list ({ "value": [...] }) or an ARM deployment template ({ "resources": [...] })',
      ),
    );
    expect(() => parseArmDocument(validSnapshot())).toThrow(/it is a snapshot/);
    expect(() => parseArmDocument('3')).toThrow(/the document is a number/);
  });
});

describe('parseScoringInput', () => {
  it('reads a snapshot as a snapshot', () => {
    const input = parseScoringInput(JSON.stringify(validSnapshot()), {
      file: 's.json',
    });
    expect(input.kind).toBe('snapshot');
    if (input.kind !== 'snapshot') throw new Error('not a snapshot');
    expect(input.snapshot.subscriptions).toHaveLength(2);
    expect(input.file).toBe('s.json');
  });

  it('gives a snapshot with a wrong version the snapshot message', () => {
    expect(() =>
      parseScoringInput({ ...validSnapshot(), version: 2 }, { file: 's.json' }),
    ).toThrow(/^s\.json: not an aib-scorecards snapshot: "version" is 2/);
  });

  it('reads ARM documents, and rejects anything else naming the file', () => {
    expect(parseScoringInput(deploymentTemplate([body('a')])).kind).toBe(
      'arm-deployment-template',
    );
    expect(() =>
      parseScoringInput({ parameters: {}, responses: {} }, { file: 'r.json' }),
    ).toThrow(
      /^r\.json: not a snapshot or an ARM image template \(it has none of their fields\)/,
    );
  });
});

describe('snapshotFromArmDocuments', () => {
  it('puts templates in their subscriptions, with every other collection unknown', () => {
    const a = parseArmDocument(template(SUB_A, 'a'), { file: 'a.json' });
    const b = parseArmDocument(
      { value: [template(SUB_B, 'b'), template(SUB_A, 'c')] },
      { file: 'b.json' },
    );
    const { snapshot, problems } = snapshotFromArmDocuments([a, b], {
      capturedAt: '2026-01-01T00:00:00Z',
    });
    expect(problems).toEqual([]);
    expect(snapshot.kind).toBe('aib-scorecards/snapshot');
    expect(snapshot.capturedAt).toBe('2026-01-01T00:00:00Z');
    expect(snapshot.subscriptions.map(s => s.subscriptionId)).toEqual([
      SUB_A,
      SUB_B,
    ]);
    const [subA] = snapshot.subscriptions;
    expect(subA.imageTemplates!.map(t => t.name)).toEqual(['a', 'c']);
    for (const c of [
      'resourceGroups',
      'triggers',
      'locks',
      'roleAssignments',
      'roleDefinitions',
      'userAssignedIdentities',
    ] as const) {
      expect(subA[c]).toBeNull();
    }
    expect(subA.errors).toEqual(
      [
        'resourceGroups',
        'triggers',
        'locks',
        'roleAssignments',
        'roleDefinitions',
        'userAssignedIdentities',
      ].map(collection => ({
        collection,
        code: 'NotCollected',
        message: expect.stringContaining(
          `ARM documents carry no ${collection}`,
        ),
      })),
    );
  });

  it('leaves out a template another document already has, naming both', () => {
    const a = parseArmDocument(template(SUB_A, 'a'), { file: 'a.json' });
    const again = parseArmDocument(
      { value: [template(SUB_A, 'a')] },
      { file: 'list.json' },
    );
    const { snapshot, problems } = snapshotFromArmDocuments([a, again]);
    expect(snapshot.subscriptions[0].imageTemplates).toHaveLength(1);
    expect(problems).toEqual([
      expect.objectContaining({
        file: 'list.json',
        field: 'id',
        message: `list.json: value[0] (${templateId(
          SUB_A,
          'a',
        )}): id: duplicates a.json (ids compare case-insensitively); template left out`,
      }),
    ]);
  });

  it('keeps the problems of each document', () => {
    const doc = parseArmDocument({ value: [7] }, { file: 'x.json' });
    expect(scoringInputToSnapshot(doc).problems).toHaveLength(1);
  });
});

describe('readScoringInputFile', () => {
  const dir = createMockDirectory();

  it('reads a file of any shape and names it', async () => {
    dir.setContent({ 'tpl.json': JSON.stringify(body('t')) });
    const file = path.join(dir.path, 'tpl.json');
    const input = await readScoringInputFile(file);
    expect(input.kind).toBe('arm-resource');
    expect(input.file).toBe(file);
  });

  it('rejects a missing file naming it', async () => {
    const file = path.join(dir.path, 'missing.json');
    const error = await readScoringInputFile(file).catch(e => e);
    expect(error).toBeInstanceOf(SnapshotError);
    expect(error.message).toBe(`${file}: file not found`);
  });
});

// The real image templates others collected (ARM wire JSON, resource bodies and deployment
// templates from Microsoft's repositories); absent outside the project's workspace.
const fixtures = path.resolve(__dirname, '../../../../../shared/fixtures');
const withFixtures = fs.existsSync(fixtures) ? describe : describe.skip;

withFixtures('the shared fixtures', () => {
  const index: Array<{ file: string; kind: string }> = fs.existsSync(
    path.join(fixtures, 'INDEX.json'),
  )
    ? JSON.parse(fs.readFileSync(path.join(fixtures, 'INDEX.json'), 'utf8'))
    : [];
  const templateFiles = index.filter(
    e => e.kind === 'arm-template' || e.kind === 'resource-body',
  );

  it('has template files to read', () => {
    expect(templateFiles.length).toBeGreaterThan(5);
  });

  it.each(templateFiles.map(e => [e.file, e.kind]))(
    '%s (%s) yields image templates without problems',
    (file, kind) => {
      const input = parseScoringInput(
        fs.readFileSync(path.join(fixtures, file)),
        { file },
      );
      expect(input.kind).toBe(
        kind === 'arm-template' ? 'arm-deployment-template' : 'arm-resource',
      );
      if (input.kind === 'snapshot') throw new Error('unexpected snapshot');
      expect(input.problems).toEqual([]);
      expect(input.templates.length).toBeGreaterThan(0);
      for (const t of input.templates) {
        expect(t.template.properties).toBeDefined();
      }
    },
  );
});
