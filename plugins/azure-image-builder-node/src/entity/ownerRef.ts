import {
  KubernetesValidatorFunctions,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';

const OWNER_KINDS = new Set(['group', 'user']);

/**
 * An owner written as people write it in a tag or in config (`team-a`, `user:jane`,
 * `group:infra/team-a`) as a full entity ref (`group:default/team-a`), resolved like Backstage
 * resolves `spec.owner`: kind `group` and namespace `default` unless given. Only groups and users
 * own things; anything else (an e-mail address, a name with spaces, `component:x`) is `undefined`.
 * @public
 */
export function parseOwnerRef(value: string): string | undefined {
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  if (!text) return undefined;
  let ref;
  try {
    ref = parseEntityRef(text, {
      defaultKind: 'group',
      defaultNamespace: 'default',
    });
  } catch {
    return undefined;
  }
  if (
    !OWNER_KINDS.has(ref.kind.toLowerCase()) ||
    !KubernetesValidatorFunctions.isValidNamespace(
      ref.namespace.toLowerCase(),
    ) ||
    !KubernetesValidatorFunctions.isValidObjectName(ref.name)
  ) {
    return undefined;
  }
  return stringifyEntityRef(ref);
}
