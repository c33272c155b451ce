import { Entity } from '@backstage/catalog-model';
import { isAzureImageTemplateEntity } from './isAzureImageTemplateEntity';

function entity(kind: string, spec?: Entity['spec']): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: { name: 'x' },
    spec,
  };
}

describe('isAzureImageTemplateEntity', () => {
  it.each([
    ['Resource', 'azure-image-template'],
    ['resource', 'Azure-Image-Template'],
    ['RESOURCE', 'AZURE-IMAGE-TEMPLATE'],
  ])('accepts kind %s with type %s', (kind, type) => {
    expect(isAzureImageTemplateEntity(entity(kind, { type }))).toBe(true);
  });

  it.each([
    entity('Component', { type: 'azure-image-template' }),
    entity('Resource', { type: 'database' }),
    entity('Resource', {}),
    entity('Resource'),
    entity('Resource', { type: 42 }),
  ])('rejects %j', e => {
    expect(isAzureImageTemplateEntity(e)).toBe(false);
  });
});
