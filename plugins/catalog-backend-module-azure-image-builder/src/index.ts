/**
 * Catalog backend module that ingests Azure VM Image Builder image templates as `Resource`
 * entities.
 *
 * @packageDocumentation
 */

export { catalogModuleAzureImageBuilderEntityProvider as default } from './module';
export {
  AzureImageBuilderEntityProvider,
  type AzureImageBuilderEntityProviderOptions,
} from './provider/AzureImageBuilderEntityProvider';
export { DEFAULT_MAX_DROP_RATIO } from './provider/readMaxDropRatio';
