import { SNAPSHOT_COLLECTIONS } from '@aib-scorecards/plugin-azure-image-builder-common';
import { parseSnapshot, SnapshotError } from '.';
import {
  SUB_A,
  SUB_B,
  template,
  templateId,
  validSnapshot,
} from './__testUtils__/validSnapshot';

function parse(doc: unknown, file = 'x.json') {
  return parseSnapshot(JSON.stringify(doc), { file });
}

function thrown(fn: () => unknown): SnapshotError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(SnapshotError);
    return e as SnapshotError;
  }
  throw new Error('expected a SnapshotError');
}

describe('parseSnapshot', () => {
  it('loads a valid snapshot without problems, from text or from a value', () => {
    const doc = validSnapshot();
    const fromText = parse(doc);
    expect(fromText.problems).toEqual([]);
    expect(fromText.snapshot.capturedAt).toBe('2026-11-20T10:00:00Z');
    expect(fromText.snapshot.subscriptions).toHaveLength(2);
    expect(fromText.snapshot.subscriptions[0].imageTemplates).toEqual(
      doc.subscriptions[0].imageTemplates,
    );
    expect(parseSnapshot(doc)).toEqual(fromText);
  });

  it('keeps null (unknown) apart from [] (none), and fills absent collections with null', () => {
    const { snapshot } = parse(validSnapshot());
    const [a, b] = snapshot.subscriptions;
    expect(a.locks).toBeNull();
    expect(a.triggers).toEqual([]);
    expect(a.errors).toEqual([
      { collection: 'locks', code: 'AuthorizationFailed', message: 'no' },
    ]);
    expect(b.imageTemplates).toHaveLength(1);
    const others = SNAPSHOT_COLLECTIONS.filter(c => c !== 'imageTemplates');
    expect(others.map(c => b[c])).toEqual(others.map(() => null));
    expect(b.errors).toEqual([]);
  });

  it('keeps unknown fields and ids as written', () => {
    const doc = validSnapshot();
    doc.generator = { name: 'collector', version: '2' };
    doc.subscriptions[0].state = 'Enabled';
    doc.subscriptions[0].imageTemplates[0].systemData = { createdBy: 'me' };
    doc.subscriptions[0].imageTemplates[0].properties.futureField = [1];
    doc.subscriptions[0].imageTemplates[0].id = templateId(
      SUB_A,
      'ubuntu',
    ).replace('resourceGroups', 'RESOURCEGROUPS');
    const { snapshot, problems } = parse(doc);
    expect(problems).toEqual([]);
    expect((snapshot as any).generator).toEqual({
      name: 'collector',
      version: '2',
    });
    const sub = snapshot.subscriptions[0] as any;
    expect(sub.state).toBe('Enabled');
    expect(sub.imageTemplates[0].systemData).toEqual({ createdBy: 'me' });
    expect(sub.imageTemplates[0].properties.futureField).toEqual([1]);
    expect(sub.imageTemplates[0].id).toContain('/RESOURCEGROUPS/');
  });

  it('does not change a value passed in', () => {
    const doc = validSnapshot();
    doc.subscriptions[0].imageTemplates[0].tags = null;
    const before = JSON.stringify(doc);
    const { snapshot } = parseSnapshot(doc);
    expect(JSON.stringify(doc)).toBe(before);
    expect(snapshot.subscriptions[0].imageTemplates![0]).not.toHaveProperty(
      'tags',
    );
  });

  describe('whole-file errors', () => {
    it('rejects text that is not JSON, with line and column and without quoting it', () => {
      const text =
        '{\n  "kind": "aib-scorecards/snapshot",\n    x: "https://a/b?sig=SECRET"\n}';
      const e = thrown(() => parseSnapshot(text, { file: 'examples/x.json' }));
      expect(e.message).toBe(
        'examples/x.json: not JSON (Expected double-quoted property name at line 3 column 5)',
      );
      expect(e.file).toBe('examples/x.json');
      // V8's own message quotes the input: it must not travel along as the cause.
      expect(e.cause).toBeUndefined();
      const e2 = thrown(() => parseSnapshot('"https://a/b?sig=SECRET" x'));
      expect(JSON.stringify(e2)).not.toContain('SECRET');
    });

    it.each([
      ['hello', "not JSON (Unexpected token 'h' at line 1 column 1)"],
      ['{"a": tru}', "not JSON (Unexpected token '}' at line 1 column 7)"],
      [
        '{"a": 1',
        "not JSON (Expected ',' or '}' after property value at line 1 column 8)",
      ],
      ['{"a": [1,]}', "not JSON (Unexpected token ']' at line 1 column 10)"],
      ['', 'not JSON (the file is empty)'],
      [
        '{"kind":"aib-scorecards/snapshot"}\n{}',
        'not JSON (Unexpected non-whitespace character after JSON at line 2 column 1)',
      ],
    ])('names what is wrong in %j', (text, expected) => {
      expect(
        thrown(() => parseSnapshot(text, { file: 'f.json' })).message,
      ).toBe(`f.json: ${expected}`);
    });

    it.each([
      [
        { ...validSnapshot(), kind: 'foo' },
        '"kind" is "foo", expected "aib-scorecards/snapshot"',
      ],
      [
        { subscriptions: [] },
        '"kind" is missing, expected "aib-scorecards/snapshot"',
      ],
      [
        { value: [] },
        '"kind" is missing, expected "aib-scorecards/snapshot" (this looks like an ARM list response)',
      ],
      [
        { resources: [] },
        '"kind" is missing, expected "aib-scorecards/snapshot" (this looks like an ARM deployment template)',
      ],
      [
        { ...validSnapshot(), version: 2 },
        '"version" is 2, expected 1 (the version this plugin reads)',
      ],
      [
        { ...validSnapshot(), version: '1' },
        '"version" is "1", expected 1 (the version this plugin reads)',
      ],
      [
        { ...validSnapshot(), subscriptions: undefined },
        '"subscriptions" is missing',
      ],
      [
        { ...validSnapshot(), subscriptions: {} },
        '"subscriptions" is an object, expected an array',
      ],
      [[validSnapshot()], 'the document is an array, expected an object'],
      [null, 'the document is null, expected an object'],
    ])('rejects a document that is not a snapshot (%#)', (doc, what) => {
      expect(thrown(() => parse(doc)).message).toBe(
        `x.json: not an aib-scorecards snapshot: ${what}`,
      );
    });

    it('never shows a secret from the kind', () => {
      const e = thrown(() => parse({ kind: 'https://a/b?sig=TOPSECRET' }));
      expect(e.message).not.toContain('TOPSECRET');
    });

    it('rejects values that are not JSON data', () => {
      const cyclic: any = { kind: 'aib-scorecards/snapshot' };
      cyclic.self = cyclic;
      expect(thrown(() => parseSnapshot(cyclic)).message).toMatch(
        /^snapshot: not JSON data \(/,
      );
      expect(thrown(() => parseSnapshot(BigInt(1))).message).toMatch(
        /^snapshot: not JSON data/,
      );
    });
  });

  it('reads UTF-8 with a BOM and UTF-16 bytes (PowerShell Out-File)', () => {
    const text = JSON.stringify(validSnapshot());
    const utf8 = parseSnapshot(Buffer.from(`\ufeff${text}`, 'utf8'));
    const utf16 = parseSnapshot(
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]),
    );
    expect(utf8.problems).toEqual([]);
    expect(utf16).toEqual(utf8);
    expect(parseSnapshot(`\ufeff${text}`)).toEqual(utf8);
  });

  describe('problems inside the snapshot', () => {
    it('leaves out a broken template, names it, and loads the good ones beside it', () => {
      const doc = validSnapshot();
      doc.subscriptions[0].imageTemplates.splice(1, 0, {
        ...template(SUB_A, 'broken'),
        properties: {
          ...template(SUB_A, 'broken').properties,
          source: 'PlatformImage',
        },
      });
      const { snapshot, problems } = parse(doc);
      expect(
        snapshot.subscriptions[0].imageTemplates!.map(t => t.name),
      ).toEqual(['ubuntu', 'windows']);
      expect(snapshot.subscriptions[1].imageTemplates).toHaveLength(1);
      expect(problems).toEqual([
        {
          file: 'x.json',
          subscriptionId: SUB_A,
          subscriptionIndex: 0,
          collection: 'imageTemplates',
          index: 1,
          id: templateId(SUB_A, 'broken'),
          field: 'properties.source',
          message: `x.json: subscriptions[0] (${SUB_A}): imageTemplates[1] (${templateId(
            SUB_A,
            'broken',
          )}): properties.source: expected an object, got a string; template left out`,
        },
      ]);
    });

    const broken: Array<[string, (t: any) => void, string, string]> = [
      ['no id', t => delete t.id, 'id', 'is missing'],
      ['a number id', t => (t.id = 5), 'id', 'expected a string, got a number'],
      [
        'an id that is not a template id',
        t => (t.id = '/subscriptions/x/resourceGroups/rg'),
        'id',
        'is not an image template id',
      ],
      [
        'an id of another subscription',
        t => (t.id = templateId(SUB_B, 'x')),
        'id',
        `is in subscription ${SUB_B}`,
      ],
      ['no properties', t => delete t.properties, 'properties', 'is missing'],
      [
        'array properties',
        t => (t.properties = []),
        'properties',
        'expected an object, got an array',
      ],
      [
        'tags not an object',
        t => (t.tags = ['a']),
        'tags',
        'expected an object of strings, got an array',
      ],
      [
        'a tag that is not a string',
        t => (t.tags = { owner: 5 }),
        'tags.owner',
        'expected a string, got a number',
      ],
      [
        'location not a string',
        t => (t.location = { name: 'x' }),
        'location',
        'expected a string, got an object',
      ],
      [
        'another resource type',
        t => (t.type = 'Microsoft.Compute/images'),
        'type',
        'is not Microsoft.VirtualMachineImages/imageTemplates',
      ],
      [
        'customize not an array',
        t => (t.properties.customize = {}),
        'properties.customize',
        'expected an array, got an object',
      ],
      [
        'a customize step not an object',
        t => (t.properties.customize = [{ type: 'Shell' }, 'x']),
        'properties.customize[1]',
        'expected an object, got a string',
      ],
      [
        'a step type not a string',
        t => (t.properties.customize = [{ type: 1 }]),
        'properties.customize[0].type',
        'expected a string, got a number',
      ],
      [
        'distribute not an array',
        t => (t.properties.distribute = 'ManagedImage'),
        'properties.distribute',
        'expected an array, got a string',
      ],
      [
        'source not an object',
        t => (t.properties.source = 1),
        'properties.source',
        'expected an object, got a number',
      ],
      [
        'identity not an object',
        t => (t.identity = 'UserAssigned'),
        'identity',
        'expected an object, got a string',
      ],
      [
        'vmProfile not an object',
        t => (t.properties.vmProfile = []),
        'properties.vmProfile',
        'expected an object, got an array',
      ],
      [
        'build VM identities not strings',
        t => (t.properties.vmProfile = { userAssignedIdentities: [1] }),
        'properties.vmProfile.userAssignedIdentities',
        'expected an array of strings',
      ],
      [
        'validations not an array',
        t => (t.properties.validate = { inVMValidations: {} }),
        'properties.validate.inVMValidations',
        'expected an array',
      ],
    ];

    it.each(broken)(
      'reports a template with %s',
      (_, mutate, field, problem) => {
        const doc = validSnapshot();
        const t = doc.subscriptions[0].imageTemplates[0];
        mutate(t);
        const { snapshot, problems } = parse(doc);
        expect(problems).toHaveLength(1);
        expect(problems[0]).toMatchObject({
          subscriptionIndex: 0,
          subscriptionId: SUB_A,
          collection: 'imageTemplates',
          index: 0,
          field,
        });
        expect(problems[0].message).toContain(problem);
        expect(problems[0].message).toMatch(/template left out$/);
        expect(problems[0].message).toMatch(/^x\.json: subscriptions\[0\] /);
        expect(
          snapshot.subscriptions[0].imageTemplates!.map(x => x.name),
        ).toEqual(['windows']);
      },
    );

    it('names the item by index when it has no id', () => {
      const doc = validSnapshot();
      doc.subscriptions[0].imageTemplates[0] = 42;
      const { problems } = parse(doc);
      expect(problems[0].message).toBe(
        `x.json: subscriptions[0] (${SUB_A}): imageTemplates[0]: expected an object, got a number; template left out`,
      );
      expect(problems[0]).not.toHaveProperty('id');
      expect(problems[0].field).toBe('');
    });

    it('accepts unresolved template expressions where values are', () => {
      const doc = validSnapshot();
      const t = doc.subscriptions[0].imageTemplates[0];
      t.properties.customize = "[parameters('customize')]";
      t.properties.distribute = [
        { type: 'SharedImage' },
        "[variables('dist')]",
      ];
      t.identity = "[variables('identity')]";
      const { snapshot, problems } = parse(doc);
      expect(problems).toEqual([]);
      expect(
        snapshot.subscriptions[0].imageTemplates![0].properties!.customize,
      ).toBe("[parameters('customize')]");
    });

    it('keeps a template whose tags are an expression or null, without them', () => {
      const doc = validSnapshot();
      doc.subscriptions[0].imageTemplates[0].tags = "[parameters('tags')]";
      doc.subscriptions[0].imageTemplates[1].tags = null;
      const { snapshot, problems } = parse(doc);
      const [a, b] = snapshot.subscriptions[0].imageTemplates!;
      expect(a).not.toHaveProperty('tags');
      expect(b).not.toHaveProperty('tags');
      expect(problems).toHaveLength(1);
      expect(problems[0].message).toMatch(
        /tags: is an unresolved template expression; tags ignored$/,
      );
    });

    it('leaves out a duplicate template (ids compare case-insensitively)', () => {
      const doc = validSnapshot();
      const dup = template(SUB_A, 'UBUNTU');
      dup.id = dup.id.toUpperCase().replace(SUB_A.toUpperCase(), SUB_A);
      doc.subscriptions[0].imageTemplates.push(dup);
      const { snapshot, problems } = parse(doc);
      expect(snapshot.subscriptions[0].imageTemplates).toHaveLength(2);
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatchObject({ index: 2, field: 'id' });
      expect(problems[0].message).toContain('duplicates imageTemplates[0]');
    });

    it('requires an id on the items of other collections', () => {
      const doc = validSnapshot();
      doc.subscriptions[0].locks = [
        {
          id: '/subscriptions/x/providers/Microsoft.Authorization/locks/l',
          properties: { level: 'CanNotDelete' },
        },
        { name: 'no-id' },
        'nonsense',
      ];
      const { snapshot, problems } = parse(doc);
      expect(snapshot.subscriptions[0].locks).toHaveLength(1);
      expect(problems.map(p => [p.collection, p.index, p.field])).toEqual([
        ['locks', 1, 'id'],
        ['locks', 2, ''],
      ]);
      expect(problems[0].message).toMatch(
        /locks\[1\]: id: is missing; item left out$/,
      );
    });

    it('treats a collection that is not an array as unknown, with an errors entry', () => {
      const doc = validSnapshot();
      doc.subscriptions[0].roleAssignments = { value: [] };
      const { snapshot, problems } = parse(doc);
      const sub = snapshot.subscriptions[0];
      expect(sub.roleAssignments).toBeNull();
      expect(sub.errors).toContainEqual({
        collection: 'roleAssignments',
        code: 'InvalidSnapshot',
        message: 'roleAssignments expected an array or null, got an object',
      });
      expect(problems).toEqual([
        expect.objectContaining({
          collection: 'roleAssignments',
          field: 'roleAssignments',
          message: `x.json: subscriptions[0] (${SUB_A}): roleAssignments: expected an array or null, got an object; treated as not collected (unknown)`,
        }),
      ]);
    });

    it('leaves out a subscription without a string subscriptionId, and duplicates', () => {
      const doc = validSnapshot();
      doc.subscriptions.push({ displayName: 'no id', imageTemplates: [] });
      doc.subscriptions.push('not an object');
      doc.subscriptions.push({
        subscriptionId: SUB_A.toUpperCase(),
        imageTemplates: [],
      });
      const { snapshot, problems } = parse(doc);
      expect(snapshot.subscriptions.map(s => s.subscriptionId)).toEqual([
        SUB_A,
        SUB_B,
      ]);
      expect(problems.map(p => p.message)).toEqual([
        'x.json: subscriptions[2]: subscriptionId: is missing; subscription left out',
        'x.json: subscriptions[3]: expected an object, got a string; subscription left out',
        `x.json: subscriptions[4] (${SUB_A.toUpperCase()}): subscriptionId: duplicates subscriptions[0]; subscription left out`,
      ]);
    });

    it('ignores bad subscription fields and error entries but keeps the subscription', () => {
      const doc = validSnapshot();
      const sub = doc.subscriptions[0];
      sub.displayName = 7;
      sub.tags = { owner: 'platform', cost: 3 };
      sub.errors = [
        { collection: 'locks', code: 'AuthorizationFailed' },
        { code: 1 },
      ];
      const { snapshot, problems } = parse(doc);
      const loaded = snapshot.subscriptions[0];
      expect(loaded).not.toHaveProperty('displayName');
      expect(loaded.tags).toEqual({ owner: 'platform' });
      expect(loaded.errors).toEqual([
        { collection: 'locks', code: 'AuthorizationFailed' },
      ]);
      expect(loaded.imageTemplates).toHaveLength(2);
      expect(problems.map(p => p.field)).toEqual([
        'displayName',
        'tags.cost',
        'errors[1]',
      ]);
    });

    it('reports a missing or bad capturedAt and uses the time of reading', () => {
      const doc = validSnapshot();
      doc.capturedAt = 'yesterday';
      const before = Date.now();
      const { snapshot, problems } = parse(doc);
      expect(Date.parse(snapshot.capturedAt)).toBeGreaterThanOrEqual(
        before - 1000,
      );
      expect(problems).toEqual([
        {
          file: 'x.json',
          field: 'capturedAt',
          message:
            'x.json: capturedAt: is not an ISO 8601 date-time; using the time the snapshot was read',
        },
      ]);
    });

    it('names the snapshot "snapshot" when there is no file', () => {
      const doc = validSnapshot();
      delete doc.subscriptions[0].imageTemplates[0].id;
      const { problems } = parseSnapshot(doc);
      expect(problems[0].message).toMatch(/^snapshot: subscriptions\[0\]/);
      expect(problems[0]).not.toHaveProperty('file');
    });

    it('never puts a secret into a problem message', () => {
      const doc = validSnapshot();
      doc.subscriptions[0].imageTemplates[0].id = 'https://a/b?sig=TOPSECRET';
      const { problems } = parse(doc);
      expect(problems[0].message).not.toContain('TOPSECRET');
      // Nor into its fields, which are logged too.
      expect(JSON.stringify(problems)).not.toContain('TOPSECRET');
    });
  });
});
