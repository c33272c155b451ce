import { CompoundEntityRef } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import { Scorecard } from '@aib-scorecards/plugin-azure-image-builder-common';
import { AzureImageBuilderApi } from '../api';

/** The part of the API the template views call. */
export type ScorecardApi = jest.Mocked<
  Pick<AzureImageBuilderApi, 'getScorecardByEntity'>
>;

/** An API whose `getScorecardByEntity` answers with `result` (rejected promises included). */
export function mockScorecardApi(
  result: Promise<Scorecard | undefined>,
): ScorecardApi {
  // Mark the promise handled: a rejection is consumed by the component, not by the test.
  result.catch(() => {});
  return {
    getScorecardByEntity: jest.fn(async (_ref: CompoundEntityRef) => result),
  };
}

/** An API that never answers, to see the loading state. */
export function pendingScorecardApi(): ScorecardApi {
  return {
    getScorecardByEntity: jest.fn(
      (_ref: CompoundEntityRef) => new Promise<Scorecard | undefined>(() => {}),
    ),
  };
}

/** A ResponseError-like error as the client throws on HTTP 500. */
export async function backendError(message: string): Promise<Error> {
  return ResponseError.fromResponse(
    new Response(
      JSON.stringify({
        error: { name: 'Error', message },
        request: { method: 'GET', url: '/x' },
        response: { statusCode: 500 },
      }),
      { status: 500, headers: { 'Content-Type': 'application/json' } },
    ),
  );
}
