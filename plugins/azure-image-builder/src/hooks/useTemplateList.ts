import { useApi } from '@backstage/core-plugin-api';
import useAsyncRetry from 'react-use/lib/useAsyncRetry';
import { TemplateListQuery } from '@aib-scorecards/plugin-azure-image-builder-common';
import { azureImageBuilderApiRef } from '../api';

/**
 * Loads one page of templates. While the next page loads, `response` is still the previous one,
 * so the table does not collapse between pages.
 * @public
 */
export function useTemplateList(query: TemplateListQuery) {
  const api = useApi(azureImageBuilderApiRef);
  // The query is a fresh object on every render; depend on its content.
  const key = JSON.stringify(query);
  const { loading, value, error, retry } = useAsyncRetry(
    () => api.listTemplates(JSON.parse(key)),
    [api, key],
  );
  return { loading, response: value, error, retry } as const;
}
