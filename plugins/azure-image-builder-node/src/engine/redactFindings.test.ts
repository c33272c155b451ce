import { Finding } from '@aib-scorecards/plugin-azure-image-builder-common';
import { redactSecrets } from '../redaction';
import { createFindingRedactor } from './redactFindings';

const SAS =
  'https://acct.blob.core.windows.net/c/s.sh?sv=2022&sig=S3CR3TSIGNATURE';

function finding(evidence: unknown[], message = `download ${SAS}`): Finding {
  return {
    ruleId: 'r',
    status: 'fail',
    severity: 'high',
    message,
    evidence: evidence as Finding['evidence'],
    remediationUrl: 'https://example.com',
  };
}

describe('createFindingRedactor', () => {
  const cases: Array<[string, unknown[]]> = [
    [
      'string fields',
      [
        {
          path: 'properties.customize[0].scriptUri',
          observed: SAS,
          note: `from ${SAS}`,
        },
      ],
    ],
    [
      'an object observed value with a secret-named key',
      [
        {
          path: 'properties',
          observed: { adminPassword: 'hunter2', uri: SAS },
        },
      ],
    ],
    ['an array observed value', [{ observed: [SAS, 'plain', 3, null] }]],
    [
      'numbers, booleans and nulls',
      [{ observed: 3 }, { observed: true }, { observed: null }],
    ],
    ['unknown evidence keys', [{ path: 'x', clientSecret: 'abc', other: SAS }]],
    ['evidence that is not an object', [SAS, null]],
    ['no evidence', []],
  ];

  it.each(cases)(
    'redacts %s exactly as redactSecrets does',
    (_name, evidence) => {
      const redact = createFindingRedactor();
      const out = redact(finding(evidence));
      expect(out.evidence).toEqual(redactSecrets(evidence));
      expect(JSON.stringify(out)).not.toContain('S3CR3TSIGNATURE');
      expect(JSON.stringify(out)).not.toContain('hunter2');
    },
  );

  it('redacts the message and keeps the rest of the finding', () => {
    const out = createFindingRedactor()(finding([]));
    expect(out).toEqual({
      ...finding([]),
      message: expect.stringContaining(
        'https://acct.blob.core.windows.net/c/s.sh?sv=2022&sig=',
      ),
    });
    expect(out.message).not.toContain('S3CR3TSIGNATURE');
  });

  it('gives the same answer for a string seen before, and never changes its input', () => {
    const redact = createFindingRedactor();
    const input = finding([{ observed: SAS }]);
    const snapshot = JSON.stringify(input);
    const first = redact(input);
    const second = redact(input);
    expect(second).toEqual(first);
    expect(second.evidence[0]).not.toBe(first.evidence[0]);
    expect(JSON.stringify(input)).toBe(snapshot);
  });
});
