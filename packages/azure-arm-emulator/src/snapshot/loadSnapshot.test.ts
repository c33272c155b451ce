import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadSnapshotFile, normalizeSnapshot } from './loadSnapshot';

const minimal = (subscriptions: unknown[]) => ({
  kind: 'aib-scorecards/snapshot',
  version: 1,
  capturedAt: '2026-11-20T10:00:00Z',
  subscriptions,
});

describe('normalizeSnapshot', () => {
  it('turns absent collections into null (unknown) and keeps empty ones', () => {
    const { snapshot, warnings } = normalizeSnapshot(
      minimal([
        {
          subscriptionId: 'S1',
          locks: [],
          imageTemplates: [{ id: '/x', extra: { kept: true } }],
        },
      ]),
    );
    const [sub] = snapshot.subscriptions;
    expect(sub.locks).toEqual([]);
    expect(sub.roleAssignments).toBeNull();
    expect(sub.errors).toEqual([]);
    expect(sub.imageTemplates).toEqual([{ id: '/x', extra: { kept: true } }]);
    expect(warnings).toEqual([]);
  });

  it('warns about resources without an id but keeps them', () => {
    const { snapshot, warnings } = normalizeSnapshot(
      minimal([{ subscriptionId: 'S1', imageTemplates: [{ name: 'no-id' }] }]),
      'f.json',
    );
    expect(snapshot.subscriptions[0].imageTemplates).toEqual([
      { name: 'no-id' },
    ]);
    expect(warnings).toEqual([
      'f.json: subscriptions[0] (S1).imageTemplates[0] has no string id: listed, but not served by id',
    ]);
  });

  it.each([
    [[], /not a snapshot \(expected a JSON object\)/],
    [{ kind: 'other' }, /kind is "other"/],
    [{ kind: 'aib-scorecards/snapshot' }, /subscriptions must be an array/],
    [
      minimal([{}]),
      /subscriptions\[0\]\.subscriptionId must be a non-empty string/,
    ],
    [
      minimal([{ subscriptionId: 'a' }, { subscriptionId: 'A' }]),
      /subscriptions\[1\]: duplicate subscriptionId A/,
    ],
    [
      minimal([{ subscriptionId: 'a', locks: {} }]),
      /subscriptions\[0\]\.locks must be an array or null/,
    ],
    [
      minimal([{ subscriptionId: 'a', locks: [1] }]),
      /subscriptions\[0\]\.locks\[0\] must be an object/,
    ],
    [
      minimal([{ subscriptionId: 'a', errors: [{ collection: 'locks' }] }]),
      /errors\[0\] must be/,
    ],
    [
      minimal([{ subscriptionId: 'a', tenantId: 5 }]),
      /tenantId must be a string/,
    ],
  ])('rejects %j naming the field', (document, message) => {
    expect(() => normalizeSnapshot(document, 'f.json')).toThrow(message);
  });
});

describe('loadSnapshotFile', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'arm-emulator-snapshot-'));
  });
  afterAll(() => fs.rm(dir, { recursive: true, force: true }));

  it('reads a file', async () => {
    const file = path.join(dir, 'ok.json');
    await fs.writeFile(
      file,
      JSON.stringify(minimal([{ subscriptionId: 'S1' }])),
    );
    expect((await loadSnapshotFile(file)).snapshot.subscriptions).toHaveLength(
      1,
    );
  });

  it('names the file when it is missing or not JSON', async () => {
    const missing = path.join(dir, 'missing.json');
    await expect(loadSnapshotFile(missing)).rejects.toThrow(
      `${missing}: file not found`,
    );
    const bad = path.join(dir, 'bad.json');
    await fs.writeFile(bad, '{ nope');
    await expect(loadSnapshotFile(bad)).rejects.toThrow(`${bad}: not JSON`);
  });

  it('loads the example snapshot of the repository', async () => {
    const example = path.resolve(
      __dirname,
      '../../../../examples/azure-snapshot.json',
    );
    const { snapshot, warnings } = await loadSnapshotFile(example);
    expect(snapshot.subscriptions.length).toBeGreaterThan(0);
    expect(warnings).toEqual([]);
  });
});
