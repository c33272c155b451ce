import {
  emptyStatusCounts,
  Severity,
  TeamFinding,
  TemplateSummary,
} from '@aib-scorecards/plugin-azure-image-builder-common';
import { buildRollup } from './buildRollup';

const owners = {
  owner: 'group:default/platform',
  owners: ['group:default/platform', 'group:default/images'],
};

function template(name: string, score: number | null): TemplateSummary {
  return {
    templateId: `/x/${name}`,
    resourceId: `/x/${name}`,
    templateName: name,
    entityRef: `resource:default/${name}`,
    owner: 'group:default/platform',
    subscriptionId: 's',
    resourceGroup: 'rg',
    score,
    counts: { ...emptyStatusCounts(), pass: 2, fail: 1, waived: 1 },
    scannedAt: '2026-11-20T10:00:00Z',
    statuses: {},
  };
}

function finding(
  templateName: string,
  ruleId: string,
  status: 'fail' | 'warn',
  severity: Severity,
): TeamFinding {
  return {
    ruleId,
    status,
    severity,
    message: `${ruleId} ${status}`,
    evidence: [],
    remediationUrl: 'https://learn.microsoft.com/',
    templateId: `/x/${templateName}`,
    templateName,
    entityRef: `resource:default/${templateName}`,
  };
}

describe('buildRollup', () => {
  it('averages (rounded) and takes the worst of the scores there are, and sums the counts', () => {
    const rollup = buildRollup(
      owners,
      [template('a', 50), template('b', 67), template('c', null)],
      [],
    );
    expect(rollup).toEqual({
      ...owners,
      templateCount: 3,
      averageScore: 59, // (50 + 67) / 2 = 58.5
      worstScore: 50,
      counts: { ...emptyStatusCounts(), pass: 6, fail: 3, waived: 3 },
      templates: [template('a', 50), template('b', 67), template('c', null)],
      findings: [],
    });
  });

  it('has no scores without templates that have one', () => {
    expect(buildRollup(owners, [], [])).toMatchObject({
      templateCount: 0,
      averageScore: null,
      worstScore: null,
      counts: emptyStatusCounts(),
    });
    expect(buildRollup(owners, [template('a', null)], [])).toMatchObject({
      averageScore: null,
      worstScore: null,
    });
  });

  it('orders findings fail first, then warn, by severity, template and rule', () => {
    const rollup = buildRollup(
      owners,
      [],
      [
        finding('b', 'r1', 'warn', 'high'),
        finding('b', 'r2', 'fail', 'low'),
        finding('B2', 'r1', 'fail', 'high'),
        finding('a', 'r3', 'fail', 'medium'),
        finding('a', 'r2', 'fail', 'high'),
        finding('a', 'r1', 'fail', 'high'),
        finding('a', 'r4', 'warn', 'low'),
      ],
    );
    expect(
      rollup.findings.map(
        f => `${f.status} ${f.severity} ${f.templateName} ${f.ruleId}`,
      ),
    ).toEqual([
      'fail high a r1',
      'fail high a r2',
      'fail high B2 r1',
      'fail medium a r3',
      'fail low b r2',
      'warn high b r1',
      'warn low a r4',
    ]);
  });
});
