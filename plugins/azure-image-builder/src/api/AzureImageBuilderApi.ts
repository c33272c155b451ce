import { createApiRef } from '@backstage/core-plugin-api';
import { CompoundEntityRef } from '@backstage/catalog-model';
import { Scorecard } from '@aib-scorecards/plugin-azure-image-builder-common';

/**
 * Reads best-practice scorecards from the azure-image-builder backend.
 * @public
 */
export interface AzureImageBuilderApi {
  /**
   * The latest scorecard of a template entity, or `undefined` when the backend has none yet
   * (the template has not been scanned).
   */
  getScorecardByEntity(
    entityRef: CompoundEntityRef,
  ): Promise<Scorecard | undefined>;
}

/** @public */
export const azureImageBuilderApiRef = createApiRef<AzureImageBuilderApi>({
  id: 'plugin.azure-image-builder.service',
});
