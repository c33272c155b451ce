/** `spec.type` of the catalog `Resource` entity of an image template. @public */
export const AZURE_IMAGE_TEMPLATE_ENTITY_TYPE = 'azure-image-template';

/**
 * Annotation keys, shared with the community Azure resources module so the two interoperate.
 * @public
 */
export const ANNOTATION_AZURE_RESOURCE_ID = 'management.azure.com/resourceId';
/** @public */
export const ANNOTATION_AZURE_SUBSCRIPTION_ID =
  'management.azure.com/subscriptionId';
/** @public */
export const ANNOTATION_AZURE_LOCATION = 'management.azure.com/location';
/** @public */
export const ANNOTATION_AZURE_RESOURCE_GROUP =
  'management.azure.com/resourceGroup';
/** The configured source (provider) that emitted the entity. @public */
export const ANNOTATION_AIB_SOURCE = 'azure-image-builder/source';

/** The ARM resource type of image templates. @public */
export const IMAGE_TEMPLATE_RESOURCE_TYPE =
  'Microsoft.VirtualMachineImages/imageTemplates';

/** The join key of a template: its ARM id, lower-cased. @public */
export function templateKey(resourceId: string): string {
  return resourceId.toLowerCase();
}
