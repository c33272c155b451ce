import { parseEntityRef } from '@backstage/catalog-model';
import { Link } from '@backstage/core-components';
import { useEntityRefLink } from '@backstage/plugin-catalog-react';

/**
 * A link to a template's entity page (`/catalog/<namespace>/resource/<name>`), named by the
 * template's name. Plain text when the ref is not valid.
 */
export function TemplateLink(props: { entityRef: string; name: string }) {
  const { entityRef, name } = props;
  const toEntity = useEntityRefLink();
  let href: string;
  try {
    href = toEntity(parseEntityRef(entityRef, { defaultKind: 'resource' }));
  } catch {
    return <>{name}</>;
  }
  return <Link to={href}>{name}</Link>;
}
