import {
  createCachedRedactor,
  createCachedSecretFinder,
} from './cachedRedactor';
import { findSecrets, REDACTED, redactSecrets, redactString } from '.';

const SAS = 'https://a.blob.core.windows.net/c/s.sh?sv=2022&sig=S3CR3TSIG';

describe('createCachedRedactor', () => {
  const values: Array<[string, unknown]> = [
    ['a string holding a SAS', SAS],
    ['plain values', [1, true, null, undefined, 'plain', '']],
    [
      'nested objects and arrays',
      { a: [{ b: SAS }, 'x'], c: { d: { e: 'export PASSWORD=hunter2' } } },
    ],
    [
      'secret-named keys, references and lookalikes',
      {
        adminPassword: 'hunter2',
        clientSecret: '$env:CLIENT_SECRET',
        tokenType: 'Bearer',
        publicKey: 'ssh-rsa AAAA',
        apiKey: 42,
      },
    ],
    ['a Date', { at: new Date(0) }],
    // eslint-disable-next-line no-sparse-arrays
    ['a sparse array', [1, , SAS]],
  ];

  it.each(values)('copies %s as redactSecrets does', (_, value) => {
    const redactor = createCachedRedactor();
    const expected = redactSecrets(value);
    expect(redactor.value(value)).toEqual(expected);
    // The second time the strings come from the cache.
    expect(redactor.value(value)).toEqual(expected);
    expect(JSON.stringify(redactor.value(value))).not.toMatch(
      /S3CR3TSIG|hunter2/,
    );
  });

  it('keeps a __proto__ key an own property, redacted', () => {
    const value = JSON.parse(
      '{"__proto__": {"password": "hunter2"}, "x": "y"}',
    );
    const copy = createCachedRedactor().value(value);
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(JSON.stringify(copy)).toBe(JSON.stringify(redactSecrets(value)));
    expect(JSON.stringify(copy)).not.toContain('hunter2');
  });

  it('copies a cycle as a cycle', () => {
    const value: Record<string, unknown> = { uri: SAS };
    value.self = value;
    const copy = createCachedRedactor().value(value);
    expect(copy.self).toBe(copy);
    expect(copy.uri).toBe(redactString(SAS));
  });

  it('never changes its input', () => {
    const value = { observed: { uri: SAS, password: 'hunter2' }, note: SAS };
    const before = JSON.stringify(value);
    createCachedRedactor().value(value);
    expect(JSON.stringify(value)).toBe(before);
  });

  it('copies a deeply frozen value once, shares the frozen copy, and redacts it', () => {
    const observed = Object.freeze({
      uri: SAS,
      list: Object.freeze(['a', SAS]),
      password: 'hunter2',
    });
    const redactor = createCachedRedactor();
    const first = redactor.value({ observed, note: 'one' });
    const second = redactor.value({ observed, note: 'two' });
    expect(second.observed).toBe(first.observed);
    expect(Object.isFrozen(first.observed)).toBe(true);
    expect(first.observed).toEqual(redactSecrets(observed));
    expect(JSON.stringify(second)).not.toMatch(/S3CR3TSIG|hunter2/);
    // The objects around it are the caller's own.
    expect(second).not.toBe(first);
    expect(Object.isFrozen(first)).toBe(false);
  });

  it('copies again a frozen value that holds something that can change', () => {
    const inner = { uri: 'https://example.com/plain' };
    const outer = Object.freeze({ inner });
    const redactor = createCachedRedactor();
    const first = redactor.value(outer);
    inner.uri = SAS;
    const second = redactor.value(outer);
    expect(second).not.toBe(first);
    expect(second.inner.uri).toBe(redactString(SAS));
    expect(second.inner.uri).toContain(REDACTED);
  });

  it('redacts strings as redactString does, also the second time', () => {
    const redactor = createCachedRedactor();
    for (const text of [SAS, 'plain', '', SAS, 'net user bob Pa55 /add']) {
      expect(redactor.text(text)).toBe(redactString(text));
    }
  });
});

describe('createCachedSecretFinder', () => {
  it('answers as findSecrets, also from its cache', () => {
    const find = createCachedSecretFinder();
    for (const text of [
      SAS,
      'export PASSWORD=hunter2 && curl -H "Authorization: Bearer abc123def456ghi789jk"',
      'plain',
      SAS,
    ]) {
      expect(find(text)).toEqual(findSecrets(text));
    }
    expect(find(SAS)).toBe(find(SAS));
    expect(Object.isFrozen(find(SAS))).toBe(true);
  });
});
