import { azureImageBuilderPermissions } from '@aib-scorecards/plugin-azure-image-builder-common';
import {
  azureImageBuilderRulesExtensionPoint,
  builtinRules,
  createExemptions,
  createImageTemplateSources,
  createRuleEngine,
  readAzureImageBuilderConfig,
} from '@aib-scorecards/plugin-azure-image-builder-node';
import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { DatabaseScorecardStore } from './database';
import { createRulesExtension } from './extensions';
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
    // Modules add rules before the plugin's init runs; the engine is built from all of them.
    const rulesExtension = createRulesExtension({ builtinRules });
    env.registerExtensionPoint(
      azureImageBuilderRulesExtensionPoint,
      rulesExtension,
    );

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
        catalog: catalogServiceRef,
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
        catalog,
      }) {
        permissionsRegistry.addPermissions(azureImageBuilderPermissions);

        const cfg = readAzureImageBuilderConfig(config);
        rulesExtension.close();
        // Rule ids in config and exemptions are checked here, where every rule is known.
        const engine = createRuleEngine({
          rules: [...builtinRules, ...rulesExtension.rules],
          config: cfg.rules,
        });
        const exemptions = createExemptions(cfg.exemptions, { engine });
        if (rulesExtension.rules.length > 0) {
          logger.info(
            `Rules added by modules: ${rulesExtension.rules
              .map(r => r.metadata.id)
              .join(', ')}`,
          );
        }
        for (const e of exemptions.expired(new Date())) {
          const key = `azureImageBuilder.exemptions[${exemptions.exemptions.indexOf(
            e,
          )}]`;
          logger.warn(
            `The exemption ${key} of rule "${e.rule}" has expired (expires: ${e.expires}) and no longer applies; remove it`,
          );
        }
        const store = await DatabaseScorecardStore.create({ database });
        const scanService = createScanService({
          logger,
          store,
          sources: createImageTemplateSources(cfg, { logger }),
          engine,
          exemptions,
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

        httpRouter.use(
          await createRouter({
            httpAuth,
            permissions,
            store,
            rules: engine.metadata,
            catalog,
            // The scheduled task, run now: the scheduler keeps two scans from overlapping
            // (it rejects with a ConflictError while one runs).
            startScan: () => scheduler.triggerTask(SCAN_TASK_ID),
          }),
        );
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
      },
    });
  },
});
