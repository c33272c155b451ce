import {
  ApiBlueprint,
  createFrontendPlugin,
  PageBlueprint,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import {
  compatWrapper,
  convertLegacyRouteRef,
  convertLegacyRouteRefs,
} from '@backstage/core-compat-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { AZURE_IMAGE_TEMPLATE_ENTITY_TYPE } from '@aib-scorecards/plugin-azure-image-builder-common';
import { azureImageBuilderApiRef, AzureImageBuilderClient } from './api';
import { rootRouteRef, templatesRouteRef } from './routes';
import { z } from 'zod/v4';
import LayersIcon from '@material-ui/icons/Layers';

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

// Cards show on image template entities only; a predicate (not a function) so that app-config can
// override it.
const templateFilter = {
  kind: 'resource',
  'spec.type': AZURE_IMAGE_TEMPLATE_ENTITY_TYPE,
};

/**
 * The overview card of an image template (`entity-card:azure-image-builder/template-overview`):
 * location, source image, distribution, identity, build VM size, last run, provisioning state.
 * @alpha
 */
export const azureImageTemplateOverviewCard = EntityCardBlueprint.make({
  name: 'template-overview',
  params: {
    type: 'info',
    filter: templateFilter,
    loader: () =>
      import('./components/TemplateOverviewCard').then(m =>
        compatWrapper(<m.TemplateOverviewCard />),
      ),
  },
});

/**
 * The score card of an image template (`entity-card:azure-image-builder/score`): the score,
 * counts per status, the top failing findings and a link to the "Best practices" tab. Backstage
 * 1.55 has no `summary` card type any more, so it is a `content` card.
 * @alpha
 */
export const azureImageBuilderScoreCard = EntityCardBlueprint.make({
  name: 'score',
  params: {
    type: 'content',
    filter: templateFilter,
    loader: () =>
      import('./components/ScorecardSummaryCard').then(m =>
        compatWrapper(<m.ScorecardSummaryCard />),
      ),
  },
});

/**
 * The "Image templates" page (`page:azure-image-builder`) at `/azure-image-builder`; the app's
 * sidebar lists it (pages with a title, an icon and a route ref become nav items). Config:
 * `path`, `title`, `pageSize` (rows per page, default 25).
 * @alpha
 */
export const azureImageBuilderPage = PageBlueprint.makeWithOverrides({
  configSchema: {
    pageSize: z.number().int().min(1).max(500).optional(),
  },
  factory(originalFactory, { config }) {
    return originalFactory({
      path: '/azure-image-builder',
      title: 'Image templates',
      icon: <LayersIcon fontSize="inherit" />,
      routeRef: convertLegacyRouteRef(templatesRouteRef),
      loader: () =>
        import('./components/TemplatesPage').then(m =>
          compatWrapper(<m.NfsTemplatesPage pageSize={config.pageSize} />),
        ),
    });
  },
});

/**
 * The team scorecard (`entity-card:azure-image-builder/team-scorecard`) on group and user pages:
 * for a group its templates and its child groups', for a user their groups'. Config: `filter`,
 * `type` (default `content`), `maxFindings` (default 5), `maxTemplates` (matrix rows, default 25).
 * @alpha
 */
export const azureImageBuilderTeamCard = EntityCardBlueprint.makeWithOverrides({
  name: 'team-scorecard',
  configSchema: {
    maxFindings: z.number().int().min(1).optional(),
    maxTemplates: z.number().int().min(1).optional(),
  },
  factory(originalFactory, { config }) {
    return originalFactory({
      type: 'content',
      filter: { kind: { $in: ['group', 'user'] } },
      loader: () =>
        import('./components/TeamScorecard').then(m =>
          compatWrapper(
            <m.TeamScorecardCard
              maxFindings={config.maxFindings}
              maxTemplates={config.maxTemplates}
            />,
          ),
        ),
    });
  },
});

/**
 * The Azure VM Image Builder scorecards plugin for the new frontend system.
 * @alpha
 */
export default createFrontendPlugin({
  pluginId: 'azure-image-builder',
  info: { packageJson: () => import('../package.json') },
  routes: convertLegacyRouteRefs({
    root: rootRouteRef,
    templates: templatesRouteRef,
  }),
  extensions: [
    azureImageBuilderApi,
    azureImageBuilderEntityContent,
    azureImageBuilderPage,
    azureImageBuilderTeamCard,
    azureImageTemplateOverviewCard,
    azureImageBuilderScoreCard,
  ],
});

export { isAzureImageTemplateEntity } from './isAzureImageTemplateEntity';
