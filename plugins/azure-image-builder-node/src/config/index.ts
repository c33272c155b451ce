export * from './types';
export {
  readAzureImageBuilderConfig,
  CREDENTIAL_TYPES,
} from './readAzureImageBuilderConfig';
