import {
  azureImageBuilderPlugin,
  EntityAzureImageBuilderContent,
} from './plugin';
import { azureImageBuilderApiRef } from './api';

describe('azureImageBuilderPlugin', () => {
  it('has the plugin id and registers the backend client', () => {
    expect(azureImageBuilderPlugin.getId()).toBe('azure-image-builder');
    expect([...azureImageBuilderPlugin.getApis()].map(f => f.api.id)).toEqual([
      azureImageBuilderApiRef.id,
    ]);
    expect(EntityAzureImageBuilderContent).toBeDefined();
  });
});
