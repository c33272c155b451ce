import { parseScope, ScopeInfo, ScopeKind } from './roleScope';

/** parseScope as first written (one lower-casing per segment): the reference for the fast one. */
function referenceParseScope(scope: string): ScopeInfo {
  const written =
    typeof scope === 'string'
      ? scope
          .trim()
          .split('/')
          .filter(x => x.length > 0)
      : [];
  const s = written.map(x => x.toLowerCase());
  const key = `/${s.join('/')}`;
  const name = written[written.length - 1] ?? '/';
  let kind: ScopeKind = 'other';
  let resourceGroupKey: string | undefined;
  if (s.length === 0) {
    kind = 'root';
  } else if (s[0] === 'subscriptions' && s.length >= 2) {
    if (s.length >= 4 && s[2] === 'resourcegroups') {
      resourceGroupKey = `/${s.slice(0, 4).join('/')}`;
    }
    if (s.length === 2) kind = 'subscription';
    else if (s.length === 4 && resourceGroupKey) kind = 'resourceGroup';
    else kind = 'resource';
  } else if (
    s.length === 4 &&
    s[0] === 'providers' &&
    s[1] === 'microsoft.management' &&
    s[2] === 'managementgroups'
  ) {
    kind = 'managementGroup';
  }
  return resourceGroupKey
    ? { key, kind, resourceGroupKey, name }
    : { key, kind, name };
}

const PIECES = [
  '/', '//', ' ', '\t', 'subscriptions', 'SUBSCRIPTIONS', 'S1', 'resourceGroups', 'RESOURCEGROUPS',
  'rg-A', 'providers', 'Microsoft.Management', 'managementGroups', 'MG', 'Microsoft.Compute',
  'galleries', 'g', 'İstanbul', 'ΣΑΣ', 'straße', 'x y',
]; // prettier-ignore

describe('parseScope', () => {
  it('reads every scope as the reference does', () => {
    let seed = 7;
    const next = (n: number) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    const scopes = ['', '/', '   ', 'x', '/x/', 'İ/Σ/'];
    for (let i = 0; i < 20_000; i++) {
      let scope = '';
      for (let j = next(10); j > 0; j--) scope += PIECES[next(PIECES.length)];
      scopes.push(scope);
    }
    for (const scope of scopes) {
      expect(parseScope(scope)).toEqual(referenceParseScope(scope));
    }
  });

  it('reads ids as ARM writes them', () => {
    const rg = '/subscriptions/S1/resourceGroups/RG-A';
    expect(parseScope(rg)).toEqual({
      key: '/subscriptions/s1/resourcegroups/rg-a',
      kind: 'resourceGroup',
      resourceGroupKey: '/subscriptions/s1/resourcegroups/rg-a',
      name: 'RG-A',
    });
    expect(parseScope(`${rg}/providers/Microsoft.Compute/galleries/G`)).toEqual(
      {
        key: '/subscriptions/s1/resourcegroups/rg-a/providers/microsoft.compute/galleries/g',
        kind: 'resource',
        resourceGroupKey: '/subscriptions/s1/resourcegroups/rg-a',
        name: 'G',
      },
    );
    for (const scope of [
      '/subscriptions/S1',
      '/subscriptions/S1/resourceGroups',
      '/subscriptions/S1/providers/Microsoft.Insights/x',
      '/providers/Microsoft.Management/managementGroups/MG',
      '/providers/Microsoft.Management/managementGroups/MG/x',
      '/providers/Microsoft.Management/managementGroups',
      '/subscriptions',
      '/x',
    ]) {
      expect(parseScope(scope)).toEqual(referenceParseScope(scope));
    }
  });
});
