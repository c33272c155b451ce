import {
  AzureImageBuilderRulesExtensionPoint,
  ImageTemplateRule,
} from '@aib-scorecards/plugin-azure-image-builder-node';

/** The plugin's side of the rules extension point: collects the rules modules add. */
export interface RulesExtension extends AzureImageBuilderRulesExtensionPoint {
  /** The rules added so far, in the order they were added. */
  readonly rules: readonly ImageTemplateRule[];
  /** Called when the plugin starts: rules added later would never be run, so they are refused. */
  close(): void;
}

/**
 * Collects the rules of `azureImageBuilderRulesExtensionPoint`. A rule whose id is taken (by a
 * built-in rule or a rule added before) fails start-up here, naming the id, before it could
 * replace or shadow another rule's findings.
 */
export function createRulesExtension(options: {
  builtinRules: readonly ImageTemplateRule[];
}): RulesExtension {
  const builtin = new Set(options.builtinRules.map(r => r.metadata.id));
  const added: ImageTemplateRule[] = [];
  let closed = false;
  return {
    get rules() {
      return added;
    },
    addRules(...rules: ImageTemplateRule[]) {
      for (const rule of rules) {
        const id = rule?.metadata?.id;
        if (typeof id !== 'string' || id.length === 0) {
          throw new Error(
            'Cannot add a rule through azureImageBuilderRulesExtensionPoint: it has no metadata.id',
          );
        }
        if (closed) {
          throw new Error(
            `Cannot add rule '${id}' through azureImageBuilderRulesExtensionPoint: the azure-image-builder plugin has already started`,
          );
        }
        if (typeof rule.evaluate !== 'function') {
          throw new Error(
            `Cannot add rule '${id}' through azureImageBuilderRulesExtensionPoint: it has no evaluate function`,
          );
        }
        if (builtin.has(id)) {
          throw new Error(
            `Cannot add rule '${id}' through azureImageBuilderRulesExtensionPoint: a built-in rule has that id; rule ids must be unique`,
          );
        }
        if (added.some(r => r.metadata.id === id)) {
          throw new Error(
            `Cannot add rule '${id}' through azureImageBuilderRulesExtensionPoint: a rule with that id was already added; rule ids must be unique`,
          );
        }
        added.push(rule);
      }
    },
    close() {
      closed = true;
    },
  };
}
