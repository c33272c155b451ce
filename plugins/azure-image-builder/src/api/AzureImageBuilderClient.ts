import { CompoundEntityRef } from '@backstage/catalog-model';
import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  OwnerRollupResponse,
  RuleCatalogResponse,
  RuleSummaryResponse,
  Scorecard,
  TemplateListQuery,
  TemplateListResponse,
} from '@aib-scorecards/plugin-azure-image-builder-common';
import {
  AzureImageBuilderApi,
  TemplateExportQuery,
} from './AzureImageBuilderApi';

/** The backend plugin id, which is also the discovery key. */
const PLUGIN_ID = 'azure-image-builder';

/**
 * Default {@link AzureImageBuilderApi}: calls the backend through `fetchApi`, which adds the
 * user's token.
 * @public
 */
export class AzureImageBuilderClient implements AzureImageBuilderApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  async getScorecardByEntity(
    entityRef: CompoundEntityRef,
  ): Promise<Scorecard | undefined> {
    // Entity refs compare case-insensitively; send them as stringifyEntityRef spells them.
    const segments = [entityRef.namespace, entityRef.kind, entityRef.name].map(
      s => encodeURIComponent(s.toLocaleLowerCase('en-US')),
    );
    const response = await this.get(
      `/scorecards/by-entity/${segments.join('/')}`,
    );
    if (response.status === 404) {
      return undefined;
    }
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    const body = await response.json();
    if (!isScorecard(body)) {
      throw new Error(
        `Unexpected response from ${
          response.url || PLUGIN_ID
        }: not a scorecard`,
      );
    }
    return body;
  }

  async listTemplates(
    query: TemplateListQuery = {},
  ): Promise<TemplateListResponse> {
    const body = await this.getJson(`/templates${toQueryString(query)}`);
    if (!isTemplateListResponse(body)) {
      throw new Error(
        'Unexpected response from GET /templates: not a template list',
      );
    }
    return body;
  }

  async exportTemplatesCsv(query: TemplateExportQuery = {}): Promise<Blob> {
    // Paging does not apply to the export; drop it even if a caller passes a list query.
    const {
      offset: _offset,
      limit: _limit,
      ...filters
    } = query as TemplateListQuery;
    const response = await this.get(
      `/templates/export.csv${toQueryString(filters)}`,
    );
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return response.blob();
  }

  async getRules(): Promise<RuleCatalogResponse> {
    const body = await this.getJson('/rules');
    if (!isObjectWithArray(body, 'rules')) {
      throw new Error('Unexpected response from GET /rules: no rules');
    }
    return body as RuleCatalogResponse;
  }

  async getRuleSummary(
    query: { owner?: string[] } = {},
  ): Promise<RuleSummaryResponse> {
    const body = await this.getJson(
      `/rules/summary${toQueryString({ owner: query.owner })}`,
    );
    if (!isObjectWithArray(body, 'rules')) {
      throw new Error(
        'Unexpected response from GET /rules/summary: no rule summaries',
      );
    }
    return body as RuleSummaryResponse;
  }

  async getOwnerRollup(
    ownerRef: CompoundEntityRef,
  ): Promise<OwnerRollupResponse> {
    const segments = [ownerRef.namespace, ownerRef.kind, ownerRef.name].map(s =>
      encodeURIComponent(s.toLocaleLowerCase('en-US')),
    );
    const body = await this.getJson(`/owners/${segments.join('/')}/rollup`);
    if (
      !isObjectWithArray(body, 'templates') ||
      !isObjectWithArray(body, 'findings')
    ) {
      throw new Error(
        'Unexpected response from GET /owners/…/rollup: not an owner rollup',
      );
    }
    return body as OwnerRollupResponse;
  }

  private async getJson(path: string): Promise<unknown> {
    const response = await this.get(path);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return response.json();
  }

  private async get(path: string): Promise<Response> {
    const baseUrl = await this.discoveryApi.getBaseUrl(PLUGIN_ID);
    return this.fetchApi.fetch(`${baseUrl}${path}`);
  }
}

/** Just enough of a check that the UI can render what came back without crashing. */
function isScorecard(value: unknown): value is Scorecard {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Partial<Scorecard>;
  return (
    Array.isArray(v.findings) &&
    typeof v.counts === 'object' &&
    v.counts !== null &&
    typeof v.scannedAt === 'string'
  );
}

type QueryValue = string | number | readonly string[] | undefined;

/**
 * `?a=1&owner=x&owner=y`: arrays as repeated keys (as the backend reads them), empty values
 * left out, every key and value percent-encoded by URLSearchParams. `''` when nothing is set.
 */
function toQueryString(query: object): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query) as Array<
    [string, QueryValue]
  >) {
    if (value === undefined || value === '') continue;
    if (Array.isArray(value)) {
      for (const item of value) {
        if (item !== '') params.append(key, item);
      }
    } else {
      params.append(key, String(value));
    }
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

function isObjectWithArray(value: unknown, key: string): boolean {
  return (
    typeof value === 'object' &&
    value !== null &&
    Array.isArray((value as Record<string, unknown>)[key])
  );
}

function isTemplateListResponse(value: unknown): value is TemplateListResponse {
  return (
    isObjectWithArray(value, 'items') &&
    typeof (value as TemplateListResponse).totalCount === 'number'
  );
}
