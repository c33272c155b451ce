import { Entity } from '@backstage/catalog-model';
import { AZURE_IMAGE_TEMPLATE_ENTITY_TYPE } from '@aib-scorecards/plugin-azure-image-builder-common';

/**
 * Whether an entity is an Azure VM Image Builder template (`kind: Resource`,
 * `spec.type: azure-image-template`), compared case-insensitively like Backstage's own
 * `isKind`/`isResourceType`. For `<EntitySwitch.Case if={isAzureImageTemplateEntity}>`.
 * @public
 */
export function isAzureImageTemplateEntity(entity: Entity): boolean {
  const type = entity.spec?.type;
  return (
    entity.kind.toLocaleLowerCase('en-US') === 'resource' &&
    typeof type === 'string' &&
    type.toLocaleLowerCase('en-US') === AZURE_IMAGE_TEMPLATE_ENTITY_TYPE
  );
}
