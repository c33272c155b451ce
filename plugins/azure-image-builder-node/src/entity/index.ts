export { templateEntityName, templateEntityRef } from './templateEntityName';
export { resolveTemplateOwner } from './resolveTemplateOwner';
export { parseOwnerRef } from './ownerRef';
export {
  templateToEntity,
  azurePortalUrl,
  DEFAULT_AZURE_PORTAL_URL,
} from './templateToEntity';
export type { TemplateToEntityOptions } from './templateToEntity';
export {
  templateLabels,
  inferTemplateOs,
  LABEL_OS,
  LABEL_SOURCE_TYPE,
  LABEL_DISTRIBUTION,
} from './labels';
export { toCatalogTags } from './catalogTags';
