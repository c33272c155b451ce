export { azureImageBuilderApiRef } from './AzureImageBuilderApi';
export type { AzureImageBuilderApi } from './AzureImageBuilderApi';
export { AzureImageBuilderClient } from './AzureImageBuilderClient';
