import { CompoundEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import useAsyncRetry from 'react-use/lib/useAsyncRetry';
import { azureImageBuilderApiRef } from '../api';

/**
 * Loads the scorecard rollup of a group (with its child groups) or a user (with their groups).
 * @public
 */
export function useOwnerRollup(ownerRef: CompoundEntityRef) {
  const api = useApi(azureImageBuilderApiRef);
  const { kind, namespace, name } = ownerRef;
  const { loading, value, error, retry } = useAsyncRetry(
    () => api.getOwnerRollup({ kind, namespace, name }),
    [api, kind, namespace, name],
  );
  return { loading, rollup: value, error, retry } as const;
}
