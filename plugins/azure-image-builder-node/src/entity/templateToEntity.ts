import {
  ANNOTATION_AIB_SOURCE,
  ANNOTATION_AZURE_LOCATION,
  ANNOTATION_AZURE_RESOURCE_GROUP,
  ANNOTATION_AZURE_RESOURCE_ID,
  ANNOTATION_AZURE_SUBSCRIPTION_ID,
  ArmResource,
  AZURE_IMAGE_TEMPLATE_ENTITY_TYPE,
  SnapshotSubscription,
} from '@aib-scorecards/plugin-azure-image-builder-common';
import {
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
  ANNOTATION_VIEW_URL,
  Entity,
} from '@backstage/catalog-model';
import { OwnershipConfig } from '../config/types';
import { redactSecrets } from '../redaction';
import { parseImageTemplateId } from '../snapshot/imageTemplateId';
import { toCatalogTags } from './catalogTags';
import { templateLabels } from './labels';
import { resolveTemplateOwner } from './resolveTemplateOwner';
import { templateEntityName } from './templateEntityName';

/** The public Azure portal. @public */
export const DEFAULT_AZURE_PORTAL_URL = 'https://portal.azure.com';

/** Options of {@link templateToEntity}. @public */
export interface TemplateToEntityOptions {
  /** The entity provider's name: the location annotations are `<providerName>:<subscriptionId>`. */
  providerName: string;
  /** The configured source the template was read from. */
  sourceId: string;
  ownership: OwnershipConfig;
  /** The Azure portal to link to (sovereign clouds have their own); defaults to the public one. */
  portalUrl?: string;
}

/**
 * The portal page of a resource: `https://portal.azure.com/#@<tenant>/resource<id>`, without
 * `#@<tenant>` when the tenant is not known.
 * @public
 */
export function azurePortalUrl(
  resourceId: string,
  tenantId?: string,
  portalUrl: string = DEFAULT_AZURE_PORTAL_URL,
): string {
  const tenant = tenantId ? `@${encodeURIComponent(tenantId)}` : '';
  return `${portalUrl.replace(/\/+$/, '')}/#${tenant}/resource${encodeURI(
    resourceId,
  )}`;
}

/**
 * The catalog entity of an image template (DESIGN.md, "The entity"): a `Resource` of type
 * `azure-image-template`, owned per {@link resolveTemplateOwner}, named per
 * {@link templateEntityName}, with the Azure annotations, a portal link, the Azure tags as
 * catalog tags and OS / source type / distribution labels. Every string is redacted.
 * @public
 */
export function templateToEntity(
  template: ArmResource,
  subscription: SnapshotSubscription,
  options: TemplateToEntityOptions,
): Entity {
  const { providerName, sourceId, ownership } = options;
  const parts = parseImageTemplateId(template.id);
  const templateName =
    (typeof template.name === 'string' && template.name) ||
    parts?.name ||
    template.id;
  const resourceGroup = parts?.resourceGroup;
  const subscriptionId = subscription.subscriptionId;
  const subscriptionLabel = subscription.displayName || subscriptionId;
  const viewUrl = azurePortalUrl(
    template.id,
    subscription.tenantId,
    options.portalUrl,
  );
  const location = `${providerName}:${subscriptionId}`;

  const annotations: Record<string, string> = {
    [ANNOTATION_AZURE_RESOURCE_ID]: template.id,
    [ANNOTATION_AZURE_SUBSCRIPTION_ID]: subscriptionId,
  };
  if (typeof template.location === 'string' && template.location) {
    annotations[ANNOTATION_AZURE_LOCATION] = template.location;
  }
  if (resourceGroup)
    annotations[ANNOTATION_AZURE_RESOURCE_GROUP] = resourceGroup;
  annotations[ANNOTATION_AIB_SOURCE] = sourceId;
  annotations[ANNOTATION_VIEW_URL] = viewUrl;
  annotations[ANNOTATION_LOCATION] = location;
  annotations[ANNOTATION_ORIGIN_LOCATION] = location;

  const entity: Entity = {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name: templateEntityName(template.id),
      title: templateName,
      description: resourceGroup
        ? `Azure VM Image Builder template in ${resourceGroup} (${subscriptionLabel})`
        : `Azure VM Image Builder template in ${subscriptionLabel}`,
      annotations,
      labels: templateLabels(template),
      tags: toCatalogTags(template.tags),
      links: [{ url: viewUrl, title: 'Azure portal', type: 'azure-portal' }],
    },
    spec: {
      type: AZURE_IMAGE_TEMPLATE_ENTITY_TYPE,
      owner: resolveTemplateOwner(template, subscription, ownership),
    },
  };
  // Names, descriptions and ids are the user's text: nothing secret may reach the catalog.
  return redactSecrets(entity);
}
