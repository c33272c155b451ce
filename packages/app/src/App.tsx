import { createApp } from '@backstage/frontend-defaults';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import orgPlugin from '@backstage/plugin-org/alpha';
import azureImageBuilderPlugin from '@aib-scorecards/plugin-azure-image-builder/alpha';
import { navModule } from './modules/nav';

export default createApp({
  features: [catalogPlugin, orgPlugin, azureImageBuilderPlugin, navModule],
});
