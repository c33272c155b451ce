import fs from 'node:fs';
import path from 'node:path';
import { findSecretsInValue, redactSecrets } from '.';

// Real image templates and ARM documents (shared fixtures, outside the repository): none holds a
// secret, so redaction must find nothing and change nothing in them.
const dir = path.resolve(__dirname, '../../../../../shared/fixtures');
const d = fs.existsSync(dir) ? describe : describe.skip;

function jsonFiles(root: string): string[] {
  return fs.readdirSync(root, { withFileTypes: true }).flatMap(e => {
    const p = path.join(root, e.name);
    if (e.isDirectory()) return jsonFiles(p);
    return e.name.endsWith('.json') ? [p] : [];
  });
}

d('redaction on real ARM documents', () => {
  const files = fs.existsSync(dir) ? jsonFiles(dir) : [];

  it('finds fixtures', () => {
    expect(files.length).toBeGreaterThan(10);
  });

  it.each(files.map(f => [path.relative(dir, f), f]))(
    'finds no secret in %s',
    (_, file) => {
      const doc = JSON.parse(fs.readFileSync(file, 'utf8'));
      expect(findSecretsInValue(doc)).toEqual([]);
      expect(redactSecrets(doc)).toEqual(doc);
    },
  );
});
