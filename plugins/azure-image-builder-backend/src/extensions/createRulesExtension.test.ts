import {
  builtinRules,
  ImageTemplateRule,
} from '@aib-scorecards/plugin-azure-image-builder-node';
import { createRulesExtension } from './createRulesExtension';

function rule(id: string): ImageTemplateRule {
  return {
    metadata: {
      id,
      number: 100,
      title: id,
      practice: 'tests',
      origin: 'custom',
      severity: 'low',
      remediationUrl: 'https://example.com',
      description: id,
    },
    evaluate: () => ({ status: 'pass', message: '', evidence: [] }),
  };
}

describe('createRulesExtension', () => {
  it('collects the added rules in order', () => {
    const extension = createRulesExtension({ builtinRules });
    extension.addRules(rule('acme-a'));
    extension.addRules(rule('acme-b'), rule('acme-c'));
    expect(extension.rules.map(r => r.metadata.id)).toEqual([
      'acme-a',
      'acme-b',
      'acme-c',
    ]);
  });

  it.each([
    [
      'the id of a built-in rule',
      () => rule(builtinRules[0].metadata.id),
      `Cannot add rule '${builtinRules[0].metadata.id}' through azureImageBuilderRulesExtensionPoint: a built-in rule has that id`,
    ],
    [
      'no id',
      () => ({ ...rule('x'), metadata: {} } as any),
      'Cannot add a rule through azureImageBuilderRulesExtensionPoint: it has no metadata.id',
    ],
    [
      'no evaluate function',
      () => ({ metadata: rule('acme-z').metadata } as any),
      "Cannot add rule 'acme-z' through azureImageBuilderRulesExtensionPoint: it has no evaluate function",
    ],
  ])('refuses a rule with %s', (_, make, message) => {
    const extension = createRulesExtension({ builtinRules });
    expect(() => extension.addRules(make())).toThrow(message);
    expect(extension.rules).toEqual([]);
  });

  it('refuses a second rule with the same id', () => {
    const extension = createRulesExtension({ builtinRules });
    expect(() => extension.addRules(rule('acme-a'), rule('acme-a'))).toThrow(
      "Cannot add rule 'acme-a' through azureImageBuilderRulesExtensionPoint: a rule with that id was already added",
    );
  });

  it('refuses rules once the plugin has started', () => {
    const extension = createRulesExtension({ builtinRules });
    extension.close();
    expect(() => extension.addRules(rule('acme-late'))).toThrow(
      "Cannot add rule 'acme-late' through azureImageBuilderRulesExtensionPoint: the azure-image-builder plugin has already started",
    );
  });
});
