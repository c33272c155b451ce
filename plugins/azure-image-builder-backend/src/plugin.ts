import { azureImageBuilderPermissions } from '@aib-scorecards/plugin-azure-image-builder-common';
import {
  createImageTemplateSources,
  createRuleEngine,
  readAzureImageBuilderConfig,
} from '@aib-scorecards/plugin-azure-image-builder-node';
import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { DatabaseScorecardStore } from './database';
import { createRouter } from './router';
import { createScanService } from './services/ScanService';

/** Task id of the scheduled scan (visible in the scheduler's task list). */
export const SCAN_TASK_ID = 'azure-image-builder:scan';

/**
 * Scans the configured sources on a schedule, stores the scorecards and serves them.
 * @public
 */
export const azureImageBuilderPlugin = createBackendPlugin({
  pluginId: 'azure-image-builder',
  register(env) {
    env.registerInit({
      deps: {
        logger: coreServices.logger,
        config: coreServices.rootConfig,
        database: coreServices.database,
        scheduler: coreServices.scheduler,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
      },
      async init({
        logger,
        config,
        database,
        scheduler,
        httpRouter,
        httpAuth,
        permissions,
        permissionsRegistry,
      }) {
        permissionsRegistry.addPermissions(azureImageBuilderPermissions);

        const cfg = readAzureImageBuilderConfig(config);
        const store = await DatabaseScorecardStore.create({ database });
        const scanService = createScanService({
          logger,
          store,
          sources: createImageTemplateSources(cfg),
          engine: createRuleEngine({ config: cfg.rules }),
          ownership: cfg.ownership,
        });

        await scheduler.scheduleTask({
          id: SCAN_TASK_ID,
          frequency: cfg.schedule.frequency,
          timeout: cfg.schedule.timeout,
          // A short delay lets the backend finish starting before the first scan (cold start).
          initialDelay: cfg.schedule.initialDelay ?? { seconds: 3 },
          scope: cfg.schedule.scope,
          fn: async signal => {
            await scanService.scanAll({ signal });
          },
        });

        httpRouter.use(await createRouter({ httpAuth, permissions, store }));
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
      },
    });
  },
});
