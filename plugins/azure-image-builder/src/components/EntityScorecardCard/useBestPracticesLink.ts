import { Entity } from '@backstage/catalog-model';
import { RouteRef, useRouteRef } from '@backstage/core-plugin-api';
import {
  entityRouteParams,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { rootRouteRef } from '../../routes';

/** The tab's default path (README): the fallback when the app does not mount the tab's route. */
const DEFAULT_TAB_PATH = 'best-practices';

// useRouteRef throws when a route is not mounted (BB #21855). It calls the same hooks before it
// throws, so catching keeps the hook order stable.
function useOptionalRouteRef<T extends RouteRef<any>>(routeRef: T) {
  try {
    return useRouteRef(routeRef);
  } catch {
    return undefined;
  }
}

/**
 * The link to the entity's "Best practices" tab: through the tab's route ref when the app
 * mounts it (so a configured path is honoured), else the entity page plus `/best-practices`,
 * else `undefined` (the card then renders without the link rather than crash).
 */
export function useBestPracticesLink(entity: Entity): string | undefined {
  const tab = useOptionalRouteRef(rootRouteRef);
  const entityPage = useOptionalRouteRef(entityRouteRef);
  if (tab) {
    try {
      return tab();
    } catch {
      // Parent route parameters could not be resolved from here; fall back below.
    }
  }
  if (entityPage) {
    return `${entityPage(entityRouteParams(entity))}/${DEFAULT_TAB_PATH}`;
  }
  return undefined;
}
