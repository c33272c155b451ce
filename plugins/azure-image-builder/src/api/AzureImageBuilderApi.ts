import { createApiRef } from '@backstage/core-plugin-api';
import { CompoundEntityRef } from '@backstage/catalog-model';
import {
  OwnerRollupResponse,
  RuleCatalogResponse,
  RuleSummaryResponse,
  Scorecard,
  TemplateListQuery,
  TemplateListResponse,
} from '@aib-scorecards/plugin-azure-image-builder-common';

/**
 * The filters of `GET /templates/export.csv`: those of `GET /templates` without paging (the export
 * has every matching template).
 * @public
 */
export type TemplateExportQuery = Omit<TemplateListQuery, 'offset' | 'limit'>;

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

  /** One page of templates with their scores (`GET /templates`); the backend filters and pages. */
  listTemplates(query?: TemplateListQuery): Promise<TemplateListResponse>;

  /**
   * Every template matching the filters as CSV (`GET /templates/export.csv`), fetched with the
   * user's credentials so the browser can save it as a file.
   */
  exportTemplatesCsv(query?: TemplateExportQuery): Promise<Blob>;

  /** The rule catalog with the configured severities (`GET /rules`). */
  getRules(): Promise<RuleCatalogResponse>;

  /**
   * Per rule, how many templates have each status (`GET /rules/summary`), across the
   * organisation or the templates of the given owners.
   */
  getRuleSummary(query?: { owner?: string[] }): Promise<RuleSummaryResponse>;

  /**
   * The scorecard rollup of an owner (`GET /owners/:namespace/:kind/:name/rollup`): for a group,
   * its templates and those of its child groups (transitively); for a user, those of their groups.
   */
  getOwnerRollup(ownerRef: CompoundEntityRef): Promise<OwnerRollupResponse>;
}

/** @public */
export const azureImageBuilderApiRef = createApiRef<AzureImageBuilderApi>({
  id: 'plugin.azure-image-builder.service',
});
