import { createExtensionPoint } from '@backstage/backend-plugin-api';
import { ImageTemplateRule } from '../rules/types';

/**
 * Lets backend modules of the `azure-image-builder` plugin add their own rules. Each rule brings
 * its own `RuleMetadata` (an id not taken by another rule, `origin: 'custom'`, a `number` that
 * places it after the pack, e.g. 100+). Added rules are configured like the pack's
 * (`azureImageBuilder.rules.<id>`: `severity`, options, `disabled`) and can be exempted.
 * @public
 */
export interface AzureImageBuilderRulesExtensionPoint {
  addRules(...rules: ImageTemplateRule[]): void;
}

/**
 * The extension point for {@link AzureImageBuilderRulesExtensionPoint}.
 * @public
 */
export const azureImageBuilderRulesExtensionPoint =
  createExtensionPoint<AzureImageBuilderRulesExtensionPoint>({
    id: 'azure-image-builder.rules',
  });
