import {
  createApiFactory,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { azureImageBuilderApiRef, AzureImageBuilderClient } from './api';
import { rootRouteRef } from './routes';

/**
 * The Azure VM Image Builder scorecards plugin (legacy frontend system).
 * @public
 */
export const azureImageBuilderPlugin = createPlugin({
  id: 'azure-image-builder',
  routes: {
    root: rootRouteRef,
  },
  apis: [
    createApiFactory({
      api: azureImageBuilderApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new AzureImageBuilderClient({ discoveryApi, fetchApi }),
    }),
  ],
});

/**
 * The "Best practices" entity tab: the checklist of the current image template.
 * @public
 */
export const EntityAzureImageBuilderContent = azureImageBuilderPlugin.provide(
  createRoutableExtension({
    name: 'EntityAzureImageBuilderContent',
    component: () =>
      import('./components/ScorecardChecklist').then(m => m.ScorecardChecklist),
    mountPoint: rootRouteRef,
  }),
);
