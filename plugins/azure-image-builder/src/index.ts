/**
 * Best-practice scorecards for Azure VM Image Builder templates in the Backstage catalog.
 *
 * @packageDocumentation
 */

export {
  azureImageBuilderPlugin,
  EntityAzureImageBuilderContent,
} from './plugin';
export { isAzureImageTemplateEntity } from './isAzureImageTemplateEntity';
export { rootRouteRef } from './routes';
export * from './api';
export { useScorecard } from './hooks/useScorecard';
