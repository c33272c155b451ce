/*
 * The AIB Scorecards portal backend: the catalog with the image template entity provider, the
 * scorecard plugin, and the minimum a portal needs around them (app, auth with guest sign-in,
 * permissions).
 */

import { createBackend } from '@backstage/backend-defaults';

const backend = createBackend();

backend.add(import('@backstage/plugin-app-backend'));

// Guest sign-in for the demo portal: see https://backstage.io/docs/auth/guest/provider
backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));

backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));
backend.add(
  import('@aib-scorecards/plugin-catalog-backend-module-azure-image-builder'),
);

backend.add(import('@backstage/plugin-permission-backend'));
backend.add(
  import('@backstage/plugin-permission-backend-module-allow-all-policy'),
);

backend.add(import('@aib-scorecards/plugin-azure-image-builder-backend'));

backend.start();
