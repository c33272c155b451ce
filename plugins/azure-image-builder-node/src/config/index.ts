export * from './types';
export {
  readAzureImageBuilderConfig,
  CREDENTIAL_TYPES,
} from './readAzureImageBuilderConfig';
export {
  BUILTIN_RULE_OPTIONS,
  readRuleSettings,
  ruleOptionDefaults,
} from './rulesConfig';
