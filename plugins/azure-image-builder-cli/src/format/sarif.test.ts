import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { artifactUri } from './sarif';

describe('artifactUri', () => {
  const cwd = path.resolve('/repo');

  it('is the path relative to the working directory, with /', () => {
    expect(artifactUri('templates/x.json', cwd)).toBe('templates/x.json');
    expect(artifactUri(path.join(cwd, 'a', 'b.json'), cwd)).toBe('a/b.json');
    expect(artifactUri('./c.json', cwd)).toBe('c.json');
  });

  it('is a file URL for a file outside the working directory', () => {
    expect(artifactUri('../elsewhere/x.json', cwd)).toBe(
      pathToFileURL(path.resolve('/elsewhere/x.json')).href,
    );
  });
});
