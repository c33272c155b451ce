/**
 * Best-practice scorecards for Azure VM Image Builder templates in the Backstage catalog.
 *
 * @packageDocumentation
 */

export {
  azureImageBuilderPlugin,
  AzureImageBuilderPage,
  EntityAzureImageBuilderTeamCard,
  EntityAzureImageBuilderContent,
  EntityAzureImageTemplateOverviewCard,
  EntityAzureImageBuilderScoreCard,
} from './plugin';
export { isAzureImageTemplateEntity } from './isAzureImageTemplateEntity';
export { rootRouteRef, templatesRouteRef } from './routes';
export * from './api';
export { useScorecard } from './hooks/useScorecard';
export { useTemplateList } from './hooks/useTemplateList';
export { useRuleCatalog, useRuleSummary } from './hooks/useRules';
export { useOwnerRollup } from './hooks/useOwnerRollup';
