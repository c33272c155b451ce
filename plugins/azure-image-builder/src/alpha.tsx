import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import {
  compatWrapper,
  convertLegacyRouteRef,
  convertLegacyRouteRefs,
} from '@backstage/core-compat-api';
import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { AZURE_IMAGE_TEMPLATE_ENTITY_TYPE } from '@aib-scorecards/plugin-azure-image-builder-common';
import { azureImageBuilderApiRef, AzureImageBuilderClient } from './api';
import { rootRouteRef } from './routes';

/**
 * The client of the azure-image-builder backend (`api:azure-image-builder`).
 * @alpha
 */
export const azureImageBuilderApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: azureImageBuilderApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new AzureImageBuilderClient({ discoveryApi, fetchApi }),
    }),
});

/**
 * The "Best practices" tab on image template entities
 * (`entity-content:azure-image-builder/best-practices`).
 * @alpha
 */
export const azureImageBuilderEntityContent = EntityContentBlueprint.make({
  name: 'best-practices',
  params: {
    path: '/best-practices',
    title: 'Best practices',
    routeRef: convertLegacyRouteRef(rootRouteRef),
    // A predicate rather than a function so that app-config can override it. Values compare
    // case-insensitively, like isAzureImageTemplateEntity.
    filter: { kind: 'resource', 'spec.type': AZURE_IMAGE_TEMPLATE_ENTITY_TYPE },
    loader: () =>
      import('./components/ScorecardChecklist').then(m =>
        compatWrapper(<m.ScorecardChecklist />),
      ),
  },
});

/**
 * The Azure VM Image Builder scorecards plugin for the new frontend system.
 * @alpha
 */
export default createFrontendPlugin({
  pluginId: 'azure-image-builder',
  info: { packageJson: () => import('../package.json') },
  routes: convertLegacyRouteRefs({ root: rootRouteRef }),
  extensions: [azureImageBuilderApi, azureImageBuilderEntityContent],
});

export { isAzureImageTemplateEntity } from './isAzureImageTemplateEntity';
