import {
  azureImageBuilderPlugin,
  AzureImageBuilderPage,
  EntityAzureImageBuilderTeamCard,
} from './plugin';
import { templatesRouteRef } from './routes';

describe('legacy exports of the templates page and the team card', () => {
  it('exposes the page route so apps can mount and link to it', () => {
    expect(azureImageBuilderPlugin.routes.templates).toBe(templatesRouteRef);
    expect(AzureImageBuilderPage).toBeDefined();
    expect(EntityAzureImageBuilderTeamCard).toBeDefined();
  });
});
