import {
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
  Entity,
  EntityPolicies,
  FieldFormatEntityPolicy,
  NoForeignRootFieldsEntityPolicy,
  SchemaValidEntityPolicy,
  resourceEntityV1alpha1Validator,
} from '@backstage/catalog-model';

// The same checks the catalog runs on every entity, so that one bad entity is skipped here with a
// warning naming its template instead of sitting in the catalog as a processing error.
const envelopePolicy = EntityPolicies.allOf([
  new SchemaValidEntityPolicy(),
  new NoForeignRootFieldsEntityPolicy(),
  new FieldFormatEntityPolicy(),
]);

/**
 * Throws, saying what is wrong, unless the entity is a valid `Resource` the catalog accepts from
 * an entity provider (valid envelope, names, labels, annotations, spec, location annotations).
 */
export async function validateEntity(entity: Entity): Promise<void> {
  await envelopePolicy.enforce(entity);
  // `check` throws on an invalid Resource and returns false for another kind.
  if (!(await resourceEntityV1alpha1Validator.check(entity))) {
    throw new Error(`kind must be Resource, got ${entity.kind}`);
  }
  for (const key of [ANNOTATION_LOCATION, ANNOTATION_ORIGIN_LOCATION]) {
    if (!entity.metadata.annotations?.[key]) {
      throw new Error(`metadata.annotations["${key}"] is missing`);
    }
  }
}
