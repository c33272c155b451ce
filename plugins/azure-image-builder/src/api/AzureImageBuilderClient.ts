import { CompoundEntityRef } from '@backstage/catalog-model';
import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import { Scorecard } from '@aib-scorecards/plugin-azure-image-builder-common';
import { AzureImageBuilderApi } from './AzureImageBuilderApi';

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
