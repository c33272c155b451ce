import { createMockDirectory } from '@backstage/backend-test-utils';
import path from 'node:path';
import { SnapshotError } from '../snapshot';
import { validSnapshot } from '../snapshot/__testUtils__/validSnapshot';
import { AzureSource, createImageTemplateSources, FileSource } from '.';

describe('FileSource', () => {
  const dir = createMockDirectory();

  beforeEach(() => dir.clear());

  it('resolves a relative path against baseDir and reads the snapshot', async () => {
    dir.setContent({ 'data/snap.json': JSON.stringify(validSnapshot()) });
    const source = new FileSource(
      { id: 'demo', type: 'file', path: 'data/snap.json' },
      { baseDir: dir.path },
    );
    expect(source.id).toBe('demo');
    expect(source.type).toBe('file');
    expect(source.path).toBe(path.join(dir.path, 'data/snap.json'));
    const { snapshot, problems } = await source.read();
    expect(problems).toEqual([]);
    expect(snapshot.subscriptions).toHaveLength(2);
  });

  it('resolves against the working directory by default and keeps absolute paths', () => {
    expect(new FileSource({ id: 'a', type: 'file', path: 'x.json' }).path).toBe(
      path.resolve(process.cwd(), 'x.json'),
    );
    const abs = path.join(dir.path, 'abs.json');
    expect(
      new FileSource(
        { id: 'a', type: 'file', path: abs },
        { baseDir: '/elsewhere' },
      ).path,
    ).toBe(abs);
  });

  it('rereads the file on every read', async () => {
    const doc = validSnapshot();
    dir.setContent({ 'snap.json': JSON.stringify(doc) });
    const source = new FileSource(
      { id: 'demo', type: 'file', path: 'snap.json' },
      { baseDir: dir.path },
    );
    expect((await source.read()).snapshot.subscriptions).toHaveLength(2);
    doc.subscriptions.pop();
    dir.setContent({ 'snap.json': JSON.stringify(doc) });
    expect((await source.read()).snapshot.subscriptions).toHaveLength(1);
  });

  it('rejects a missing file with a SnapshotError naming the resolved path', async () => {
    const source = new FileSource(
      { id: 'demo', type: 'file', path: 'missing.json' },
      { baseDir: dir.path },
    );
    const expected = path.join(dir.path, 'missing.json');
    await expect(source.read()).rejects.toThrow(SnapshotError);
    await expect(source.read()).rejects.toThrow(`${expected}: file not found`);
  });

  it('rejects a directory and a file that is not a snapshot, naming the path', async () => {
    dir.setContent({ 'folder/a.txt': 'x', 'bad.json': '{"kind": "other"}' });
    const folder = new FileSource(
      { id: 'd', type: 'file', path: 'folder' },
      { baseDir: dir.path },
    );
    await expect(folder.read()).rejects.toThrow(
      `${path.join(
        dir.path,
        'folder',
      )}: is a directory, expected a snapshot file`,
    );
    const bad = new FileSource(
      { id: 'd', type: 'file', path: 'bad.json' },
      { baseDir: dir.path },
    );
    await expect(bad.read()).rejects.toThrow(
      `${path.join(
        dir.path,
        'bad.json',
      )}: not an aib-scorecards snapshot: "kind" is "other"`,
    );
  });

  it('stops when aborted', async () => {
    dir.setContent({ 'snap.json': JSON.stringify(validSnapshot()) });
    const source = new FileSource(
      { id: 'demo', type: 'file', path: 'snap.json' },
      { baseDir: dir.path },
    );
    const controller = new AbortController();
    controller.abort();
    await expect(
      source.read({ signal: controller.signal }),
    ).rejects.toMatchObject({
      name: 'AbortError',
    });
  });
});

describe('createImageTemplateSources', () => {
  it('builds one source per configured source, in order', () => {
    const sources = createImageTemplateSources(
      {
        sources: [
          { id: 'a', type: 'file', path: 'a.json' },
          { id: 'b', type: 'file', path: '/abs/b.json' },
        ],
      },
      { baseDir: '/base' },
    );
    expect(sources.map(s => [s.id, s.type, (s as FileSource).path])).toEqual([
      ['a', 'file', path.resolve('/base', 'a.json')],
      ['b', 'file', path.resolve('/abs/b.json')],
    ]);
  });

  it('has no sources when none are configured', () => {
    expect(createImageTemplateSources({ sources: [] })).toEqual([]);
  });

  it('builds azure sources without making a request', () => {
    const [source] = createImageTemplateSources({
      sources: [
        {
          id: 'production',
          type: 'azure',
          credential: { type: 'default' },
          concurrency: 3,
        },
      ],
    });
    expect(source).toBeInstanceOf(AzureSource);
    expect(source.type).toBe('azure');
    expect((source as AzureSource).concurrency).toBe(3);
  });
});
