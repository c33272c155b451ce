import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { AzureImageBuilderEntityProvider } from './provider/AzureImageBuilderEntityProvider';

/**
 * Adds one {@link AzureImageBuilderEntityProvider} per source of the `azureImageBuilder` config
 * block to the catalog.
 * @public
 */
export const catalogModuleAzureImageBuilderEntityProvider = createBackendModule(
  {
    pluginId: 'catalog',
    moduleId: 'azure-image-builder-entity-provider',
    register(env) {
      env.registerInit({
        deps: {
          config: coreServices.rootConfig,
          catalog: catalogProcessingExtensionPoint,
          logger: coreServices.logger,
          scheduler: coreServices.scheduler,
        },
        async init({ config, catalog, logger, scheduler }) {
          const providers = AzureImageBuilderEntityProvider.fromConfig(config, {
            logger,
            scheduler,
          });
          logger.info(
            `Adding ${
              providers.length
            } Azure VM Image Builder entity providers: ${
              providers.map(p => p.getProviderName()).join(', ') || '(none)'
            }`,
          );
          catalog.addEntityProvider(providers);
        },
      });
    },
  },
);
