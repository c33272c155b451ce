import { mockCredentials } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { resolveRollupOwners } from './resolveRollupOwners';

function group(
  name: string,
  options: {
    parentOf?: string[];
    children?: string[];
    namespace?: string;
  } = {},
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name, namespace: options.namespace ?? 'default' },
    spec: { type: 'team', children: options.children ?? [] },
    relations: (options.parentOf ?? []).map(targetRef => ({
      type: 'parentOf',
      targetRef,
    })),
  };
}

// platform ─┬─ images ── images-linux ── platform (a cycle back to the top)
//           └─ network (spec.children only) ── infra/edge (another namespace)
const entities: Entity[] = [
  group('platform', {
    parentOf: ['group:default/images'],
    children: ['network'],
  }),
  group('images', {
    parentOf: ['group:default/images-linux', 'group:default/platform'],
  }),
  group('images-linux', { parentOf: ['group:default/platform'] }),
  group('network', { children: ['infra/edge'] }),
  group('edge', { namespace: 'infra', children: ['ghost'] }),
  group('other'),
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name: 'Jane', namespace: 'default' },
    spec: { memberOf: ['network'] },
    relations: [{ type: 'memberOf', targetRef: 'group:default/images' }],
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'svc', namespace: 'default' },
    spec: {},
  },
];

describe('resolveRollupOwners', () => {
  const credentials = mockCredentials.user();

  it('covers a group and its child groups transitively, each once, although the tree has a cycle', async () => {
    const catalog = catalogServiceMock({ entities });
    const getEntitiesByRefs = jest.spyOn(catalog, 'getEntitiesByRefs');

    await expect(
      resolveRollupOwners({
        catalog,
        entityRef: { kind: 'group', namespace: 'default', name: 'platform' },
        credentials,
      }),
    ).resolves.toEqual({
      owner: 'group:default/platform',
      owners: [
        'group:default/platform',
        'group:default/images',
        'group:default/network',
        'group:default/images-linux',
        'group:infra/edge',
        // Named as a child although it is not in the catalog: templates may still name it.
        'group:infra/ghost',
      ],
    });
    // One request per level of the tree, with the caller's credentials.
    expect(getEntitiesByRefs).toHaveBeenCalledTimes(3);
    expect(getEntitiesByRefs).toHaveBeenCalledWith(
      expect.objectContaining({
        entityRefs: ['group:default/images', 'group:default/network'],
      }),
      { credentials },
    );
  });

  it('starts anywhere in the tree', async () => {
    const { owners } = await resolveRollupOwners({
      catalog: catalogServiceMock({ entities }),
      entityRef: { kind: 'group', namespace: 'default', name: 'images' },
      credentials,
    });
    expect(owners).toEqual([
      'group:default/images',
      'group:default/images-linux',
      'group:default/platform',
      'group:default/network',
      'group:infra/edge',
      'group:infra/ghost',
    ]);
  });

  it('stops at the most owners it is given', async () => {
    const { owners } = await resolveRollupOwners({
      catalog: catalogServiceMock({ entities }),
      entityRef: { kind: 'group', namespace: 'default', name: 'platform' },
      credentials,
      maxOwners: 3,
    });
    expect(owners).toEqual([
      'group:default/platform',
      'group:default/images',
      'group:default/network',
    ]);
  });

  it('covers a user and the groups they are a member of', async () => {
    await expect(
      resolveRollupOwners({
        catalog: catalogServiceMock({ entities }),
        entityRef: { kind: 'user', namespace: 'default', name: 'Jane' },
        credentials,
      }),
    ).resolves.toEqual({
      owner: 'user:default/jane',
      owners: [
        'user:default/jane',
        'group:default/images',
        'group:default/network',
      ],
    });
  });

  it('covers a group without children, or an entity of another kind, alone', async () => {
    const catalog = catalogServiceMock({ entities });
    for (const [kind, name] of [
      ['group', 'other'],
      ['component', 'svc'],
    ]) {
      const { owner, owners } = await resolveRollupOwners({
        catalog,
        entityRef: { kind, namespace: 'default', name },
        credentials,
      });
      expect(owners).toEqual([owner]);
    }
  });

  it('throws NotFoundError for an entity the catalog does not have', async () => {
    await expect(
      resolveRollupOwners({
        catalog: catalogServiceMock({ entities }),
        entityRef: { kind: 'group', namespace: 'default', name: 'nobody' },
        credentials,
      }),
    ).rejects.toMatchObject({
      name: 'NotFoundError',
      message: 'No catalog entity group:default/nobody',
    });
  });
});
