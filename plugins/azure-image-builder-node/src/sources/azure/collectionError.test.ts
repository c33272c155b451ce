import { RestError } from '@azure/core-rest-pipeline';
import { isAbort, statusOf, toCollectionError } from './collectionError';

describe('toCollectionError', () => {
  it("keeps ARM's code and the first line of its message", () => {
    const error = new RestError(
      "The client 'x' does not have authorization to perform action 'Microsoft.Authorization/locks/read'.\nBody: {...}",
      { code: 'AuthorizationFailed', statusCode: 403 },
    );
    expect(statusOf(error)).toBe(403);
    expect(toCollectionError('locks', error)).toEqual({
      collection: 'locks',
      code: 'AuthorizationFailed',
      message:
        "The client 'x' does not have authorization to perform action 'Microsoft.Authorization/locks/read'.",
    });
  });

  it('falls back to the status, then the error name, and names the context', () => {
    expect(
      toCollectionError(
        'triggers',
        new RestError('Service Unavailable', { statusCode: 503 }),
        'image template /subscriptions/s/x',
      ),
    ).toEqual({
      collection: 'triggers',
      code: 'HTTP 503',
      message: 'image template /subscriptions/s/x: Service Unavailable',
    });
    expect(toCollectionError('locks', new TypeError('bad'))).toMatchObject({
      code: 'TypeError',
      message: 'bad',
    });
    expect(toCollectionError('locks', 'oops')).toMatchObject({
      code: 'RequestFailed',
      message: 'oops',
    });
  });

  it('redacts secrets and shortens long messages', () => {
    const entry = toCollectionError(
      'imageTemplates',
      new Error(
        `failed https://a.blob.core.windows.net/c/s.sh?sv=1&sig=SECRETSIG ${'x'.repeat(
          900,
        )}`,
      ),
    );
    expect(entry.message).not.toContain('SECRETSIG');
    expect(entry.message!.length).toBeLessThan(520);
  });
});

describe('isAbort', () => {
  it('is true for an AbortError or an aborted signal only', () => {
    const abortError = new Error('aborted');
    abortError.name = 'AbortError';
    expect(isAbort(abortError)).toBe(true);
    expect(isAbort(new Error('x'))).toBe(false);
    const controller = new AbortController();
    controller.abort();
    expect(isAbort(new Error('x'), controller.signal)).toBe(true);
  });
});
