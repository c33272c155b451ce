import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { azureImageBuilderApiRef, AzureImageBuilderClient } from './api';
import { rootRouteRef, templatesRouteRef } from './routes';

/**
 * The Azure VM Image Builder scorecards plugin (legacy frontend system).
 * @public
 */
export const azureImageBuilderPlugin = createPlugin({
  id: 'azure-image-builder',
  routes: {
    root: rootRouteRef,
    templates: templatesRouteRef,
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

/**
 * An entity card with the essentials of an image template: location, source image, distribution
 * targets and regions, identity, build VM size, last run and provisioning state.
 * @public
 */
export const EntityAzureImageTemplateOverviewCard =
  azureImageBuilderPlugin.provide(
    createComponentExtension({
      name: 'EntityAzureImageTemplateOverviewCard',
      component: {
        lazy: () =>
          import('./components/TemplateOverviewCard').then(
            m => m.TemplateOverviewCard,
          ),
      },
    }),
  );

/**
 * An entity card with an image template's best-practice score, counts per status, its top
 * failing findings and a link to the "Best practices" tab. `maxFindings` (default 3) limits the
 * findings listed.
 * @public
 */
export const EntityAzureImageBuilderScoreCard = azureImageBuilderPlugin.provide(
  createComponentExtension({
    name: 'EntityAzureImageBuilderScoreCard',
    component: {
      lazy: () =>
        import('./components/ScorecardSummaryCard').then(
          m => m.ScorecardSummaryCard,
        ),
    },
  }),
);

/**
 * The "Image templates" page: every template with its score, counts per status, owner,
 * subscription, location and last run, with filters, sorting, paging, a CSV export and a
 * per-rule summary. Mount it on a route, e.g. `/azure-image-builder`.
 * @public
 */
export const AzureImageBuilderPage = azureImageBuilderPlugin.provide(
  createRoutableExtension({
    name: 'AzureImageBuilderPage',
    component: () =>
      import('./components/TemplatesPage').then(m => m.TemplatesPage),
    mountPoint: templatesRouteRef,
  }),
);

/**
 * The team scorecard card for group and user entity pages: template count, average and worst
 * score, counts per status, the findings to fix and a rule × template matrix. For a group it
 * includes its child groups' templates; for a user, their groups'.
 * @public
 */
export const EntityAzureImageBuilderTeamCard = azureImageBuilderPlugin.provide(
  createComponentExtension({
    name: 'EntityAzureImageBuilderTeamCard',
    component: {
      lazy: () =>
        import('./components/TeamScorecard').then(m => m.TeamScorecardCard),
    },
  }),
);
