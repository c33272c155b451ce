import { getRuleMetadata } from '@aib-scorecards/plugin-azure-image-builder-common';
import { builtinRules, defineRule, isArmExpression } from '.';

describe('builtinRules', () => {
  it('holds the four rules of this issue, with the metadata of RULE_METADATA', () => {
    expect(builtinRules.map(r => r.metadata.id)).toEqual([
      'template-lock',
      'vm-boot-optimization',
      'own-subnets',
      'customizer-checksum',
    ]);
    for (const rule of builtinRules) {
      expect(rule.metadata).toBe(getRuleMetadata(rule.metadata.id));
    }
  });
});

describe('defineRule', () => {
  it('refuses an id that has no metadata', () => {
    expect(() =>
      defineRule('no-such-rule', () => ({
        status: 'pass',
        message: '',
        evidence: [],
      })),
    ).toThrow(
      "Rule 'no-such-rule' has no metadata in RULE_METADATA of @aib-scorecards/plugin-azure-image-builder-common",
    );
  });
});

describe('isArmExpression', () => {
  it.each([
    ["[parameters('x')]", true],
    ["[concat('a', 'b')]", true],
    ['[[literal]', false],
    ['[]', true],
    ['[', false],
    ['Enabled', false],
    [42, false],
  ])('%j -> %j', (value, expected) => {
    expect(isArmExpression(value)).toBe(expected);
  });
});
