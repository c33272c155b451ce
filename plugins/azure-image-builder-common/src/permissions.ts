import { createPermission } from '@backstage/plugin-permission-common';

/** Read scorecards. @public */
export const azureImageBuilderScorecardReadPermission = createPermission({
  name: 'azure-image-builder.scorecard.read',
  attributes: { action: 'read' },
});

/** Start a scan now. @public */
export const azureImageBuilderScanPermission = createPermission({
  name: 'azure-image-builder.scan.create',
  attributes: { action: 'create' },
});

/** @public */
export const azureImageBuilderPermissions = [
  azureImageBuilderScorecardReadPermission,
  azureImageBuilderScanPermission,
];
