import { evaluateRule, makeTemplate } from '../engine/__testUtils__/snapshots';
import { vmBootOptimizationRule } from './vmBootOptimization';

const STATE = 'properties.optimize.vmBoot.state';

describe('vm-boot-optimization', () => {
  it('has the metadata of RULES.md #5', () => {
    expect(vmBootOptimizationRule.metadata).toMatchObject({
      id: 'vm-boot-optimization',
      number: 5,
      severity: 'low',
    });
  });

  it.each(
    [
      [
        'Enabled',
        { optimize: { vmBoot: { state: 'Enabled' } } },
        'pass',
        'Enabled',
      ],
      [
        'enabled in lower case',
        { optimize: { vmBoot: { state: 'enabled' } } },
        'pass',
        'enabled',
      ],
      [
        'Disabled',
        { optimize: { vmBoot: { state: 'Disabled' } } },
        'fail',
        'Disabled',
      ],
      ['no optimize block', {}, 'fail', null],
      ['optimize without vmBoot', { optimize: {} }, 'fail', null],
      ['vmBoot without state', { optimize: { vmBoot: {} } }, 'fail', null],
      ['optimize that is not an object', { optimize: 'Enabled' }, 'fail', null],
      [
        'an unexpected value',
        { optimize: { vmBoot: { state: 'Sometimes' } } },
        'fail',
        'Sometimes',
      ],
      [
        'an unresolved expression',
        { optimize: { vmBoot: { state: "[parameters('boot')]" } } },
        'unknown',
        "[parameters('boot')]",
      ],
      [
        'Enabled on a 2048 GB disk',
        {
          optimize: { vmBoot: { state: 'Enabled' } },
          vmProfile: { osDiskSizeGB: 2048 },
        },
        'pass',
        'Enabled',
      ],
      [
        'absent on a 128 GB disk',
        { vmProfile: { osDiskSizeGB: 128 } },
        'fail',
        null,
      ],
    ].map(([name, properties, status, seen]) => ({
      name,
      properties,
      status,
      seen,
    })),
  )('$name -> $status', ({ properties, status, seen }: any) => {
    const outcome = evaluateRule(
      vmBootOptimizationRule,
      makeTemplate('t', properties),
    );
    expect(outcome.status).toBe(status);
    expect(outcome.evidence[0]).toMatchObject({
      path: STATE,
      observed: seen,
      expected: 'Enabled',
    });
  });

  it('says what to set when it fails', () => {
    expect(
      evaluateRule(vmBootOptimizationRule, makeTemplate('t', {})).message,
    ).toBe(
      'VM boot optimization is not enabled: properties.optimize.vmBoot.state is not set (set it to Enabled)',
    );
    expect(
      evaluateRule(
        vmBootOptimizationRule,
        makeTemplate('t', { optimize: { vmBoot: { state: 'Disabled' } } }),
      ).message,
    ).toBe(
      'VM boot optimization is not enabled: properties.optimize.vmBoot.state is "Disabled" (set it to Enabled)',
    );
  });

  it.each([[4096], ['4096'], [2049]])(
    'is not applicable for an OS disk of %j GB (over 2 TB)',
    size => {
      const outcome = evaluateRule(
        vmBootOptimizationRule,
        makeTemplate('t', {
          optimize: { vmBoot: { state: 'Disabled' } },
          vmProfile: { osDiskSizeGB: size },
        }),
      );
      expect(outcome.status).toBe('not-applicable');
      expect(outcome.message).toMatch(/over 2 TB/);
      expect(outcome.evidence).toEqual([
        {
          path: 'properties.vmProfile.osDiskSizeGB',
          observed: Number(size),
          expected: 'at most 2048 for the rule to apply',
        },
      ]);
    },
  );

  it('ignores a disk size that is an expression', () => {
    expect(
      evaluateRule(
        vmBootOptimizationRule,
        makeTemplate('t', { vmProfile: { osDiskSizeGB: "[parameters('d')]" } }),
      ).status,
    ).toBe('fail');
  });

  it('does not need triggers, locks or anything else of the scan', () => {
    const outcome = evaluateRule(
      vmBootOptimizationRule,
      makeTemplate('t', { optimize: { vmBoot: { state: 'Enabled' } } }),
      { locks: null, triggers: null, roleAssignments: null },
    );
    expect(outcome.status).toBe('pass');
  });
});
