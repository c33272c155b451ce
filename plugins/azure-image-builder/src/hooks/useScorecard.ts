import { CompoundEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import useAsyncRetry from 'react-use/lib/useAsyncRetry';
import { azureImageBuilderApiRef } from '../api';

/**
 * Loads the scorecard of a template entity. `scorecard` is `undefined` both while loading and
 * when the backend has none yet; tell them apart with `loading`.
 * @public
 */
export function useScorecard(entityRef: CompoundEntityRef) {
  const api = useApi(azureImageBuilderApiRef);
  const { kind, namespace, name } = entityRef;
  const { loading, value, error, retry } = useAsyncRetry(
    () => api.getScorecardByEntity({ kind, namespace, name }),
    [api, kind, namespace, name],
  );
  return { loading, scorecard: value, error, retry } as const;
}
