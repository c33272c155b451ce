export { AzureSource, DEFAULT_AZURE_CONCURRENCY } from './AzureSource';
export { CachingTokenCredential } from './CachingTokenCredential';
export { resolveCloudEndpoints } from './cloudEndpoints';
export type { AzureCloudEndpoints } from './cloudEndpoints';
export { createAzureCredential } from './createCredential';
export type {
  AzureReadOptions,
  AzureReadProgress,
  AzureSourceOptions,
} from './types';
