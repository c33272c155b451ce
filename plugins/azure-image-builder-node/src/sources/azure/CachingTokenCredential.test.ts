import type { AccessToken } from '@azure/core-auth';
import { mockServices } from '@backstage/backend-test-utils';
import { CachingTokenCredential } from './CachingTokenCredential';

const MINUTE = 60_000;

function fakeCredential(tokens: Array<AccessToken | Error>) {
  const calls: unknown[] = [];
  return {
    calls,
    credential: {
      getToken: jest.fn(
        async (scopes: string | string[], _options?: unknown) => {
          calls.push(scopes);
          await new Promise(resolve => setImmediate(resolve));
          const next = tokens.shift();
          if (!next) throw new Error('no more tokens');
          if (next instanceof Error) throw next;
          return next;
        },
      ),
    },
  };
}

describe('CachingTokenCredential', () => {
  let now = 1_000_000;
  const clock = () => now;

  it('shares one request between concurrent callers and caches the token', async () => {
    const { credential } = fakeCredential([
      { token: 'a', expiresOnTimestamp: now + 60 * MINUTE },
    ]);
    const cached = new CachingTokenCredential(credential, { now: clock });
    const tokens = await Promise.all(
      Array.from({ length: 20 }, () => cached.getToken('scope/.default')),
    );
    expect(tokens.every(t => t?.token === 'a')).toBe(true);
    expect(await cached.getToken('scope/.default')).toMatchObject({
      token: 'a',
    });
    expect(credential.getToken).toHaveBeenCalledTimes(1);
    expect(credential.getToken.mock.calls[0][1]).toEqual({
      requestOptions: { timeout: 10_000 },
    });
  });

  it('refreshes 15 minutes before expiry, per scope', async () => {
    const start = now;
    const { credential } = fakeCredential([
      { token: 'a', expiresOnTimestamp: start + 60 * MINUTE },
      { token: 'b', expiresOnTimestamp: start + 120 * MINUTE },
      { token: 'other', expiresOnTimestamp: start + 60 * MINUTE },
    ]);
    const cached = new CachingTokenCredential(credential, { now: clock });
    expect((await cached.getToken('s'))?.token).toBe('a');
    now = start + 44 * MINUTE;
    expect((await cached.getToken('s'))?.token).toBe('a');
    now = start + 46 * MINUTE;
    expect((await cached.getToken('s'))?.token).toBe('b');
    expect((await cached.getToken(['t']))?.token).toBe('other');
    expect(credential.getToken).toHaveBeenCalledTimes(3);
  });

  it('keeps a valid token when a refresh fails, logs, and retries later', async () => {
    const start = now;
    const logger = mockServices.logger.mock();
    const { credential } = fakeCredential([
      { token: 'a', expiresOnTimestamp: start + 20 * MINUTE },
      new Error('login.microsoftonline.com unreachable'),
      { token: 'b', expiresOnTimestamp: start + 120 * MINUTE },
    ]);
    const cached = new CachingTokenCredential(credential, {
      now: clock,
      logger,
    });
    expect((await cached.getToken('s'))?.token).toBe('a');
    now = start + 6 * MINUTE; // within 15 minutes of expiry
    expect((await cached.getToken('s'))?.token).toBe('a');
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining(
        'Could not refresh the Azure token for s; using the current one',
      ),
    );
    // No new attempt right after the failure...
    expect((await cached.getToken('s'))?.token).toBe('a');
    expect(credential.getToken).toHaveBeenCalledTimes(2);
    // ...but 30 s later.
    now += 31_000;
    expect((await cached.getToken('s'))?.token).toBe('b');
  });

  it('rejects when a refresh fails and the old token has expired', async () => {
    const start = now;
    const { credential } = fakeCredential([
      { token: 'a', expiresOnTimestamp: start + 20 * MINUTE },
      new Error('AADSTS7000215: Invalid client secret provided.'),
    ]);
    const cached = new CachingTokenCredential(credential, { now: clock });
    await cached.getToken('s');
    now = start + 21 * MINUTE;
    await expect(cached.getToken('s')).rejects.toThrow('AADSTS7000215');
  });

  it('rejects when the credential returns no token', async () => {
    const cached = new CachingTokenCredential(
      { getToken: async () => null },
      { now: clock },
    );
    await expect(cached.getToken('s')).rejects.toThrow(
      'the credential returned no token for s',
    );
  });

  it('does not cache requests with claims (CAE challenges)', async () => {
    const { credential } = fakeCredential([
      { token: 'a', expiresOnTimestamp: now + 60 * MINUTE },
      { token: 'b', expiresOnTimestamp: now + 60 * MINUTE },
    ]);
    const cached = new CachingTokenCredential(credential, { now: clock });
    expect((await cached.getToken('s', { claims: 'c' }))?.token).toBe('a');
    expect((await cached.getToken('s', { claims: 'c' }))?.token).toBe('b');
  });
});
