import { explainErrorCode, unknownReason } from './unknownReason';

const context = {
  subscriptionId: '00000000-0000-0000-0000-000000000001',
  subscriptionName: 'Platform Production',
};

describe('unknownReason', () => {
  it('names the collection in words, the code, and what the code means', () => {
    expect(
      unknownReason(
        { collection: 'roleAssignments', code: 'AuthorizationFailed' },
        context,
      ),
    ).toBe(
      "Could not read role assignments: AuthorizationFailed — the scanner's identity lacks Reader (or another role that can read role assignments) on subscription Platform Production (00000000-0000-0000-0000-000000000001).",
    );
  });

  it('names the subscription by id when it has no name, or generically when unknown', () => {
    expect(
      unknownReason(
        { collection: 'locks', code: 'AuthorizationFailed' },
        { subscriptionId: 'sub-1' },
      ),
    ).toContain('on subscription sub-1.');
    expect(
      unknownReason({ collection: 'locks', code: 'AuthorizationFailed' }, {}),
    ).toContain("on the template's subscription.");
  });

  it('explains a collection the snapshot did not include', () => {
    expect(
      unknownReason({ collection: 'triggers', code: 'NotCollected' }, context),
    ).toBe(
      'Could not read triggers: NotCollected — the snapshot the scan read does not include them.',
    );
  });

  it('shows an unfamiliar code and collection as they are', () => {
    expect(
      unknownReason({ collection: 'galleries', code: 'WeirdError' }, context),
    ).toBe('Could not read galleries: WeirdError.');
  });

  it('says what could not be read even without a code', () => {
    expect(unknownReason({ collection: 'locks' }, context)).toBe(
      'Could not read locks.',
    );
  });

  it('has nothing to say about evidence that names no collection', () => {
    expect(unknownReason({ path: 'properties.x' }, context)).toBeUndefined();
  });
});

describe('explainErrorCode', () => {
  it.each([
    ['authorizationfailed', /lacks Reader/],
    ['TooManyRequests', /throttled/],
    ['SubscriptionNotFound', /was not found/],
    ['ExpiredAuthenticationToken', /could not sign in/],
    ['ServiceUnavailable', /next scan tries again/],
  ])('explains %s', (code, expected) => {
    expect(explainErrorCode(code, 'locks', context)).toMatch(expected);
  });
});
