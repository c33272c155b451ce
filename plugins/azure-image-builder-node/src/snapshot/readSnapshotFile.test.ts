import { createMockDirectory } from '@backstage/backend-test-utils';
import fs from 'node:fs';
import path from 'node:path';
import { readSnapshotFile, SnapshotError } from '.';
import { validSnapshot } from './__testUtils__/validSnapshot';

describe('readSnapshotFile', () => {
  const dir = createMockDirectory();

  it('reads a snapshot file and names it in problems', async () => {
    const doc = validSnapshot();
    delete doc.subscriptions[1].imageTemplates[0].properties;
    dir.setContent({ 'snap.json': JSON.stringify(doc, null, 2) });
    const file = path.join(dir.path, 'snap.json');
    const { snapshot, problems } = await readSnapshotFile(file);
    expect(snapshot.subscriptions[1].imageTemplates).toEqual([]);
    expect(problems).toHaveLength(1);
    expect(problems[0].file).toBe(file);
    expect(problems[0].message.startsWith(`${file}: subscriptions[1]`)).toBe(
      true,
    );
  });

  it('names the file and the line of a JSON error', async () => {
    dir.setContent({
      'broken.json':
        '{\n  "kind": "aib-scorecards/snapshot",\n  "version": 1,,\n}',
    });
    const file = path.join(dir.path, 'broken.json');
    await expect(readSnapshotFile(file)).rejects.toThrow(
      new SnapshotError(
        `${file}: not JSON (Expected double-quoted property name at line 3 column 16)`,
      ),
    );
  });

  it('rejects a missing file', async () => {
    const file = path.join(dir.path, 'nope.json');
    const error = await readSnapshotFile(file).catch(e => e);
    expect(error).toBeInstanceOf(SnapshotError);
    expect(error.message).toBe(`${file}: file not found`);
    expect(error.file).toBe(file);
  });

  // root reads everything: the check only means something for other users.
  const canDenyRead = process.platform !== 'win32' && process.getuid?.() !== 0;
  (canDenyRead ? describe : describe.skip)('without read permission', () => {
    it('rejects the file', async () => {
      dir.setContent({ 'secret.json': '{}' });
      const file = path.join(dir.path, 'secret.json');
      fs.chmodSync(file, 0o000);
      await expect(readSnapshotFile(file)).rejects.toThrow(
        `${file}: permission denied`,
      );
    });
  });
});
