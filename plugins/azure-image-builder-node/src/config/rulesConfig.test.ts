import { RuleMetadata } from '@aib-scorecards/plugin-azure-image-builder-common';
import { ConfigReader } from '@backstage/config';
import { JsonObject } from '@backstage/types';
import {
  makeSnapshot,
  makeSubscription,
  makeTemplate,
} from '../engine/__testUtils__/snapshots';
import { createRuleEngine } from '../engine/createRuleEngine';
import { SnapshotIndex } from '../engine/SnapshotIndex';
import { ImageTemplateRule, RuleContext, RulesConfig } from '../rules/types';
import { readAzureImageBuilderConfig } from './readAzureImageBuilderConfig';
import {
  BUILTIN_RULE_OPTIONS,
  readRuleSettings,
  ruleOptionDefaults,
} from './rulesConfig';

const P1 = '11111111-2222-3333-4444-555555555555';
const P2 = 'AAAAAAAA-BBBB-CCCC-DDDD-EEEEEEEEEEEE';

function readRules(rules: unknown): RulesConfig {
  return readAzureImageBuilderConfig(
    new ConfigReader({ azureImageBuilder: { rules } } as JsonObject),
  ).rules;
}

/** A rule that records the options it is given. */
function spyRule(
  id: string,
  number: number,
  extra: Partial<ImageTemplateRule> = {},
): ImageTemplateRule & { seen: RuleContext['options'][] } {
  const seen: RuleContext['options'][] = [];
  const metadata: RuleMetadata = {
    id,
    number,
    title: id,
    practice: 'tests',
    origin: 'custom',
    severity: 'low',
    remediationUrl: `https://example.com/${id}`,
    description: id,
  };
  return {
    metadata,
    seen,
    evaluate: context => {
      seen.push(context.options);
      return { status: 'pass', message: '', evidence: [] };
    },
    ...extra,
  };
}

const template = makeTemplate('t');
const subscription = makeSubscription({ imageTemplates: [template] });
const index = SnapshotIndex.build(makeSnapshot([subscription]));

describe('rule settings in config', () => {
  const invalid: Array<[string, unknown, string]> = [
    [
      'a word for a number',
      { 'gallery-replica-count': { minReplicas: 'three' } },
      'Invalid config at azureImageBuilder.rules.gallery-replica-count.minReplicas: must be an integer >= 1, got "three"',
    ],
    [
      'a replica minimum of 0',
      { 'gallery-replica-count': { minReplicas: 0 } },
      'Invalid config at azureImageBuilder.rules.gallery-replica-count.minReplicas: must be an integer >= 1, got 0',
    ],
    [
      'a fractional replica minimum',
      { 'gallery-replica-count': { minReplicas: 2.5 } },
      'Invalid config at azureImageBuilder.rules.gallery-replica-count.minReplicas: must be an integer >= 1, got 2.5',
    ],
    [
      'a list for a number',
      { 'gallery-replica-count': { minReplicas: [3] } },
      'Invalid config at azureImageBuilder.rules.gallery-replica-count.minReplicas: must be an integer >= 1, got a list',
    ],
    [
      'a negative principal maximum',
      { 'template-access': { maxPrincipals: -1 } },
      'Invalid config at azureImageBuilder.rules.template-access.maxPrincipals: must be an integer >= 1, got -1',
    ],
    [
      'a boolean principal maximum',
      { 'template-access': { maxPrincipals: true } },
      'Invalid config at azureImageBuilder.rules.template-access.maxPrincipals: must be an integer >= 1, got true',
    ],
    [
      'allowed principals as a string',
      { 'template-access': { allowedPrincipals: P1 } },
      'Invalid config at azureImageBuilder.rules.template-access.allowedPrincipals: expected a list of principal ids (GUIDs), got a string',
    ],
    [
      'an allowed principal that is a name',
      { 'template-access': { allowedPrincipals: [P1, 'bob@contoso.com'] } },
      'Invalid config at azureImageBuilder.rules.template-access.allowedPrincipals[1]: "bob@contoso.com" is not a principal id (a GUID)',
    ],
    [
      'an allowed principal of the staging group that is a number',
      { 'staging-resource-group-access': { allowedPrincipals: [42] } },
      'Invalid config at azureImageBuilder.rules.staging-resource-group-access.allowedPrincipals[0]: 42 is not a principal id (a GUID)',
    ],
    [
      'an empty family tag',
      { 'dr-replicated-template': { familyTag: ' ' } },
      'Invalid config at azureImageBuilder.rules.dr-replicated-template.familyTag: must be a non-empty string, got " "',
    ],
    [
      'a family tag that is a number',
      { 'dr-replicated-template': { familyTag: 7 } },
      'Invalid config at azureImageBuilder.rules.dr-replicated-template.familyTag: must be a non-empty string, got 7',
    ],
    [
      'a misspelt option',
      { 'gallery-replica-count': { minReplica: 3 } },
      'Invalid config at azureImageBuilder.rules.gallery-replica-count.minReplica: unknown option of rule "gallery-replica-count"; its options are "severity", "minReplicas"',
    ],
    [
      'an option of another rule',
      { 'staging-resource-group-access': { maxPrincipals: 3 } },
      'Invalid config at azureImageBuilder.rules.staging-resource-group-access.maxPrincipals: unknown option of rule "staging-resource-group-access"; its options are "severity", "allowedPrincipals"',
    ],
    [
      'an option of a rule that has none',
      { 'template-lock': { level: 'CanNotDelete' } },
      'Invalid config at azureImageBuilder.rules.template-lock.level: unknown option of rule "template-lock"; its options are "severity"',
    ],
    [
      'a bad severity of a rule that is not built in',
      { 'acme-naming': { severity: 'critical' } },
      'Invalid config at azureImageBuilder.rules.acme-naming.severity: "critical" is not a severity; expected "high", "medium" or "low"',
    ],
    [
      'settings of a rule that are not an object',
      { 'acme-naming': 3 },
      'Invalid config at azureImageBuilder.rules.acme-naming: expected an object of rule options, got a number',
    ],
    [
      'a disabled list with a number',
      { disabled: ['template-lock', 5] },
      'Invalid config at azureImageBuilder.rules.disabled[1]: expected a string, got a number',
    ],
  ];

  it.each(invalid)(
    'names the key of %s when the config is read',
    (_, rules, message) => {
      expect(() => readRules(rules)).toThrow(message);
    },
  );

  // The same checks guard callers that build the settings themselves (pack rules only: an id no
  // rule has is rejected first, see below).
  it.each(
    invalid.filter(([, rules]) =>
      Object.keys(rules as object).every(
        k => k !== 'disabled' && !k.startsWith('acme-'),
      ),
    ),
  )(
    'names the key of %s when an engine is created from unread settings',
    (_, options, message) => {
      expect(() =>
        createRuleEngine({ config: { options: options as any } }),
      ).toThrow(message);
    },
  );

  it('reads valid thresholds, taking numbers written as text', () => {
    expect(
      readRules({
        'template-access': {
          severity: 'medium',
          maxPrincipals: '8',
          allowedPrincipals: [P1, ` ${P2} `],
        },
        'staging-resource-group-access': { allowedPrincipals: [] },
        'gallery-replica-count': { minReplicas: 2 },
        'dr-replicated-template': { familyTag: 'family' },
      }),
    ).toEqual({
      disabled: [],
      options: {
        'template-access': {
          severity: 'medium',
          maxPrincipals: 8,
          allowedPrincipals: [P1, P2],
        },
        'staging-resource-group-access': { allowedPrincipals: [] },
        'gallery-replica-count': { minReplicas: 2 },
        'dr-replicated-template': { familyTag: 'family' },
      },
    });
  });

  it('lets rule ids that are not built in through the reader: a module may add them', () => {
    expect(
      readRules({
        disabled: ['acme-naming'],
        'acme-naming': { severity: 'high', pattern: '^img-' },
      }),
    ).toEqual({
      disabled: ['acme-naming'],
      options: { 'acme-naming': { severity: 'high', pattern: '^img-' } },
    });
  });

  describe('when the engine is created', () => {
    it('rejects a disabled id that no rule has, naming the key and the known rules', () => {
      const custom = spyRule('acme-naming', 100);
      expect(() =>
        createRuleEngine({
          rules: [custom],
          config: { disabled: ['template-lock', 'template-lok'] },
        }),
      ).toThrow(
        /^Invalid config at azureImageBuilder\.rules\.disabled\[1\]: unknown rule "template-lok"; known rules: acme-naming, template-lock, .*gallery-replica-count/,
      );
    });

    it('rejects settings of a rule that no module added', () => {
      expect(() =>
        createRuleEngine({
          config: { options: { 'acme-naming': { severity: 'high' } } },
        }),
      ).toThrow(
        'Invalid config at azureImageBuilder.rules.acme-naming: unknown rule "acme-naming"; known rules: ',
      );
    });

    it('accepts a rule id that an added rule has: disabled, or with options', () => {
      const custom = spyRule('acme-naming', 100);
      const off = createRuleEngine({
        rules: [custom],
        config: { disabled: ['acme-naming'] },
      });
      expect(off.rules).toEqual([]);

      const on = createRuleEngine({
        rules: [custom],
        config: {
          options: { 'acme-naming': { severity: 'high', pattern: '^img-' } },
        },
      });
      const [finding] = on.evaluate(template, subscription, index);
      expect(finding.severity).toBe('high');
      // No option specs: the options reach the rule unchecked.
      expect(custom.seen).toEqual([{ pattern: '^img-' }]);
    });

    it('checks the options of an added rule against its option specs, and fills in defaults', () => {
      const make = () =>
        spyRule('acme-naming', 100, {
          optionSpecs: {
            pattern: { type: 'string', default: '^img-' },
            strict: { type: 'boolean', default: false },
            prefixes: { type: 'string-list', default: ['img'] },
            maxLength: { type: 'integer', minimum: 8 },
          },
        });
      const defaults = make();
      createRuleEngine({ rules: [defaults] }).evaluate(
        template,
        subscription,
        index,
      );
      expect(defaults.seen).toEqual([
        { pattern: '^img-', strict: false, prefixes: ['img'] },
      ]);

      const set = make();
      createRuleEngine({
        rules: [set],
        config: { options: { 'acme-naming': { strict: true, maxLength: 8 } } },
      }).evaluate(template, subscription, index);
      expect(set.seen).toEqual([
        { pattern: '^img-', strict: true, prefixes: ['img'], maxLength: 8 },
      ]);

      expect(() =>
        createRuleEngine({
          rules: [make()],
          config: { options: { 'acme-naming': { strict: 'yes' } } },
        }),
      ).toThrow(
        'Invalid config at azureImageBuilder.rules.acme-naming.strict: must be true or false, got "yes"',
      );
      expect(() =>
        createRuleEngine({
          rules: [make()],
          config: { options: { 'acme-naming': { maxLength: 7 } } },
        }),
      ).toThrow(
        'Invalid config at azureImageBuilder.rules.acme-naming.maxLength: must be an integer >= 8, got 7',
      );
      expect(() =>
        createRuleEngine({
          rules: [make()],
          config: { options: { 'acme-naming': { colour: 'red' } } },
        }),
      ).toThrow(
        'Invalid config at azureImageBuilder.rules.acme-naming.colour: unknown option of rule "acme-naming"; its options are "severity", "pattern", "strict", "prefixes", "maxLength"',
      );
    });

    it('gives the pack rules their defaults (RULES.md), and the configured values over them', () => {
      const rules = [
        spyRule('dr-replicated-template', 2),
        spyRule('template-access', 7),
        spyRule('staging-resource-group-access', 8),
        spyRule('gallery-replica-count', 11),
        spyRule('template-lock', 1),
      ];
      createRuleEngine({ rules }).evaluate(template, subscription, index);
      expect(rules.map(r => r.seen[0])).toEqual([
        { familyTag: 'image-family' },
        // No allowedPrincipals: "not configured" differs from "configured empty".
        { maxPrincipals: 5 },
        {},
        { minReplicas: 3 },
        {},
      ]);

      rules.forEach(r => r.seen.splice(0));
      createRuleEngine({
        rules,
        config: {
          options: {
            'template-access': { maxPrincipals: 2, allowedPrincipals: [P1] },
            'staging-resource-group-access': { allowedPrincipals: [] },
            'gallery-replica-count': { minReplicas: 5, severity: 'high' },
          },
        },
      }).evaluate(template, subscription, index);
      expect(rules.map(r => r.seen[0])).toEqual([
        { familyTag: 'image-family' },
        { maxPrincipals: 2, allowedPrincipals: [P1] },
        { allowedPrincipals: [] },
        { minReplicas: 5 },
        {},
      ]);
    });

    it('checks the settings of a pack rule even when the engine does not run it', () => {
      expect(() =>
        createRuleEngine({
          rules: [],
          config: { options: { 'gallery-replica-count': { minReplicas: 0 } } },
        }),
      ).toThrow(
        'Invalid config at azureImageBuilder.rules.gallery-replica-count.minReplicas: must be an integer >= 1, got 0',
      );
    });

    it('rejects an added rule whose metadata has no valid severity or number', () => {
      const noSeverity = spyRule('acme-a', 100);
      noSeverity.metadata.severity = 'critical' as any;
      expect(() => createRuleEngine({ rules: [noSeverity] })).toThrow(
        "Rule 'acme-a' has no valid severity in its metadata: expected one of high, medium, low",
      );
      const noNumber = spyRule('acme-b', 100);
      noNumber.metadata.number = undefined as any;
      expect(() => createRuleEngine({ rules: [noNumber] })).toThrow(
        "Rule 'acme-b' has no number in its metadata",
      );
    });
  });

  it('has one default per threshold of RULES.md', () => {
    expect(ruleOptionDefaults(BUILTIN_RULE_OPTIONS['template-access'])).toEqual(
      { maxPrincipals: 5 },
    );
    expect(
      ruleOptionDefaults(BUILTIN_RULE_OPTIONS['gallery-replica-count']),
    ).toEqual({ minReplicas: 3 });
    expect(
      ruleOptionDefaults(BUILTIN_RULE_OPTIONS['dr-replicated-template']),
    ).toEqual({ familyTag: 'image-family' });
    expect(ruleOptionDefaults(undefined)).toEqual({});
  });

  it('does not share default lists between engines', () => {
    const specs = { tags: { type: 'string-list' as const, default: ['a'] } };
    const first = ruleOptionDefaults(specs);
    (first.tags as string[]).push('b');
    expect(ruleOptionDefaults(specs)).toEqual({ tags: ['a'] });
  });

  it('reads the settings of one rule on its own', () => {
    expect(
      readRuleSettings(
        'gallery-replica-count',
        { minReplicas: 4 },
        BUILTIN_RULE_OPTIONS['gallery-replica-count'],
      ),
    ).toEqual({ minReplicas: 4 });
  });
});
