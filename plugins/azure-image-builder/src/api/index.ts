export { azureImageBuilderApiRef } from './AzureImageBuilderApi';
export type {
  AzureImageBuilderApi,
  TemplateExportQuery,
} from './AzureImageBuilderApi';
export { AzureImageBuilderClient } from './AzureImageBuilderClient';
