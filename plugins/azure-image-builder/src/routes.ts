import { createRouteRef } from '@backstage/core-plugin-api';

/**
 * Mount point of the entity tab (legacy system); converted for the new system in `alpha.tsx`.
 * @public
 */
export const rootRouteRef = createRouteRef({
  id: 'azure-image-builder',
});

/**
 * The "Image templates" page listing every template (`/azure-image-builder` by default).
 * @public
 */
export const templatesRouteRef = createRouteRef({
  id: 'azure-image-builder:templates',
});
