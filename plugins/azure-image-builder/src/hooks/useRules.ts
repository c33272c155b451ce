import { useApi } from '@backstage/core-plugin-api';
import useAsyncRetry from 'react-use/lib/useAsyncRetry';
import { azureImageBuilderApiRef } from '../api';

/**
 * Loads the rule catalog (`GET /rules`).
 * @public
 */
export function useRuleCatalog() {
  const api = useApi(azureImageBuilderApiRef);
  const { loading, value, error, retry } = useAsyncRetry(
    () => api.getRules(),
    [api],
  );
  return { loading, rules: value?.rules, error, retry } as const;
}

/**
 * Loads the per-rule summary across the organisation, or of the given owners.
 * @public
 */
export function useRuleSummary(owner?: string[]) {
  const api = useApi(azureImageBuilderApiRef);
  const key = JSON.stringify(owner ?? []);
  const { loading, value, error, retry } = useAsyncRetry(() => {
    const owners: string[] = JSON.parse(key);
    return api.getRuleSummary(owners.length ? { owner: owners } : {});
  }, [api, key]);
  return { loading, summary: value, error, retry } as const;
}
