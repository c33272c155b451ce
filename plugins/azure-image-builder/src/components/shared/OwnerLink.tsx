import { parseEntityRef } from '@backstage/catalog-model';
import { EntityRefLink } from '@backstage/plugin-catalog-react';

/** A link to the owner entity; an owner that is not a valid ref shows as text instead of crashing. */
export function OwnerLink(props: { entityRef: string }) {
  const { entityRef } = props;
  try {
    parseEntityRef(entityRef, { defaultKind: 'group' });
  } catch {
    return <>{entityRef || 'unknown'}</>;
  }
  return (
    <EntityRefLink entityRef={entityRef} defaultKind="group" disableTooltip />
  );
}
