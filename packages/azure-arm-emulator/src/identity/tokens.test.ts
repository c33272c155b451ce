import { TokenIssuer, objectIdFor } from './tokens';

describe('TokenIssuer', () => {
  it('verifies its own tokens and carries the claims', () => {
    const issuer = new TokenIssuer();
    const { token } = issuer.issue({
      audience: 'https://management.azure.com',
      tenantId: 'T',
      clientId: 'C',
    });
    const result = issuer.verify(token);
    expect(result).toEqual({
      claims: expect.objectContaining({
        aud: 'https://management.azure.com',
        tid: 'T',
        appid: 'C',
        oid: objectIdFor('T', 'C'),
      }),
    });
  });

  it('rejects tokens of another issuer, tampered, malformed or expired tokens', () => {
    const issuer = new TokenIssuer();
    const other = new TokenIssuer().issue({
      audience: 'a',
      tenantId: 'T',
      clientId: 'C',
    }).token;
    expect(issuer.verify(other)).toEqual({ rejected: 'signature' });
    const [h, , s] = issuer
      .issue({ audience: 'a', tenantId: 'T', clientId: 'C' })
      .token.split('.');
    const forged = Buffer.from(
      JSON.stringify({ aud: 'a', tid: 'T', exp: 9e9 }),
    ).toString('base64url');
    expect(issuer.verify(`${h}.${forged}.${s}`)).toEqual({
      rejected: 'signature',
    });
    expect(issuer.verify('not-a-jwt')).toEqual({ rejected: 'malformed' });
    const expired = issuer.issue({
      audience: 'a',
      tenantId: 'T',
      clientId: 'C',
      lifetimeSeconds: -1,
    }).token;
    expect(issuer.verify(expired)).toEqual({ rejected: 'expired' });
  });

  it('derives a stable GUID-shaped object id', () => {
    expect(objectIdFor('T', 'C')).toBe(objectIdFor('t', 'c'));
    expect(objectIdFor('T', 'C')).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-8[0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });
});
