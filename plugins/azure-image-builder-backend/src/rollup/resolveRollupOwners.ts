import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  CompoundEntityRef,
  Entity,
  parseEntityRef,
  RELATION_MEMBER_OF,
  RELATION_PARENT_OF,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';

/** Who a rollup covers: the owner and every owner whose templates count as theirs. @public */
export interface RollupOwners {
  /** The owner entity ref, lower-cased. */
  owner: string;
  /** The owner first, then the owners found through the catalog (lower-cased, no repeats). */
  owners: string[];
}

/** Bounds the walk over a group tree (a catalog is not trusted to be small or acyclic). */
const DEFAULT_MAX_OWNERS = 1000;
// The catalog resolves this many refs per request.
const BATCH_SIZE = 100;

const FIELDS = [
  'kind',
  'metadata.namespace',
  'metadata.name',
  'relations',
  'spec.children',
  'spec.memberOf',
];

function refOf(entity: Entity): string {
  return stringifyEntityRef(entity).toLowerCase();
}

/** Refs in `spec.<field>` are relative: kind `group`, the entity's namespace. */
function specRefs(entity: Entity, field: 'children' | 'memberOf'): string[] {
  const values = (entity.spec as Record<string, unknown> | undefined)?.[field];
  if (!Array.isArray(values)) return [];
  const refs: string[] = [];
  for (const value of values) {
    if (typeof value !== 'string') continue;
    try {
      refs.push(
        stringifyEntityRef(
          parseEntityRef(value, {
            defaultKind: 'group',
            defaultNamespace: entity.metadata.namespace ?? 'default',
          }),
        ).toLowerCase(),
      );
    } catch {
      // Not a ref: the catalog would have rejected the relation too.
    }
  }
  return refs;
}

function relationRefs(entity: Entity, type: string): string[] {
  return (entity.relations ?? [])
    .filter(r => r.type === type && typeof r.targetRef === 'string')
    .map(r => r.targetRef.toLowerCase());
}

function childGroups(entity: Entity): string[] {
  return [
    ...relationRefs(entity, RELATION_PARENT_OF),
    ...specRefs(entity, 'children'),
  ].filter(ref => ref.startsWith('group:'));
}

/**
 * The owners a rollup of a catalog entity covers, read with the caller's credentials: for a
 * group, the group and its child groups, transitively (through `parentOf` relations and
 * `spec.children`; each group once, so a cycle ends the walk); for a user, the user and the groups
 * they are a member of (`memberOf` relations and `spec.memberOf`); for any other kind, the entity
 * itself. Throws `NotFoundError` when the entity is not in the catalog (or not visible).
 * @public
 */
export async function resolveRollupOwners(options: {
  catalog: CatalogService;
  entityRef: CompoundEntityRef;
  credentials: BackstageCredentials;
  maxOwners?: number;
}): Promise<RollupOwners> {
  const { catalog, entityRef, credentials } = options;
  const maxOwners = options.maxOwners ?? DEFAULT_MAX_OWNERS;
  const entity = await catalog.getEntityByRef(entityRef, { credentials });
  const requested = stringifyEntityRef(entityRef).toLowerCase();
  if (!entity) {
    throw new NotFoundError(`No catalog entity ${requested}`);
  }
  const owner = refOf(entity);
  const found = new Set<string>([owner]);
  const add = (refs: string[]) => {
    const added: string[] = [];
    for (const ref of refs) {
      if (found.size >= maxOwners) break;
      if (!found.has(ref)) {
        found.add(ref);
        added.push(ref);
      }
    }
    return added;
  };

  const kind = entity.kind.toLowerCase();
  if (kind === 'user') {
    add([
      ...relationRefs(entity, RELATION_MEMBER_OF),
      ...specRefs(entity, 'memberOf'),
    ]);
  } else if (kind === 'group') {
    // Breadth first, one catalog request per level (per batch); only new groups are expanded.
    let level = add(childGroups(entity));
    while (level.length > 0) {
      const next: string[] = [];
      for (let i = 0; i < level.length; i += BATCH_SIZE) {
        const { items } = await catalog.getEntitiesByRefs(
          { entityRefs: level.slice(i, i + BATCH_SIZE), fields: FIELDS },
          { credentials },
        );
        for (const child of items) {
          if (child) next.push(...add(childGroups(child)));
        }
      }
      level = next;
    }
  }
  return { owner, owners: [...found] };
}
