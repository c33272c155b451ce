import { getRuleMetadata } from '@aib-scorecards/plugin-azure-image-builder-common';
import { builtinRules, defineRule, isArmExpression } from '.';

describe('builtinRules', () => {
  it('holds the rules written so far, once each, with the metadata of RULE_METADATA', () => {
    const ids = builtinRules.map(r => r.metadata.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(
      expect.arrayContaining([
        'template-lock',
        'dr-replicated-template',
        'dr-multi-region-distribution',
        'source-image-trigger',
        'vm-boot-optimization',
        'own-subnets',
        'template-access',
        'staging-resource-group-access',
        'template-identity-privilege',
        'build-vm-identity-privilege',
        'gallery-replica-count',
        'gallery-zone-redundant-storage',
        'gallery-lock',
        'customizer-checksum',
        'validator-checksum',
        'no-embedded-secrets',
        'last-run-succeeded',
        'image-validation',
      ]),
    );
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
