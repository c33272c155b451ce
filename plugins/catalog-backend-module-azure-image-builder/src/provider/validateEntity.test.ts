import { Entity } from '@backstage/catalog-model';
import { validateEntity } from './validateEntity';

function resource(overrides: (e: Entity) => void = () => {}): Entity {
  const entity: Entity = {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name: 'it-0123456789abcdef',
      title: 'my template',
      annotations: {
        'backstage.io/managed-by-location':
          'azure-image-builder-provider:x:sub',
        'backstage.io/managed-by-origin-location':
          'azure-image-builder-provider:x:sub',
      },
    },
    spec: { type: 'azure-image-template', owner: 'group:default/team-a' },
  };
  overrides(entity);
  return entity;
}

describe('validateEntity', () => {
  it('accepts a valid Resource', async () => {
    await expect(validateEntity(resource())).resolves.toBeUndefined();
  });

  it.each<[string, (e: Entity) => void, RegExp]>([
    [
      'a name over 63 characters',
      e => {
        e.metadata.name = 'a'.repeat(64);
      },
      /name/,
    ],
    [
      'an invalid name',
      e => {
        e.metadata.name = 'has spaces';
      },
      /name/,
    ],
    [
      'a missing owner',
      e => {
        delete e.spec!.owner;
      },
      /owner/,
    ],
    [
      'another kind',
      e => {
        e.kind = 'Component';
      },
      /kind must be Resource/,
    ],
    [
      'a missing location annotation',
      e => {
        delete e.metadata.annotations!['backstage.io/managed-by-location'];
      },
      /managed-by-location/,
    ],
    [
      'an invalid tag',
      e => {
        e.metadata.tags = ['Not A Tag!'];
      },
      /tag/i,
    ],
  ])('rejects %s', async (_, change, message) => {
    await expect(validateEntity(resource(change))).rejects.toThrow(message);
  });
});
