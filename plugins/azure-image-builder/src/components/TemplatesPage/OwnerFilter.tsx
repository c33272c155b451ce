import { useMemo } from 'react';
import Chip from '@material-ui/core/Chip';
import TextField from '@material-ui/core/TextField';
import Autocomplete from '@material-ui/lab/Autocomplete';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import {
  catalogApiRef,
  humanizeEntityRef,
} from '@backstage/plugin-catalog-react';
import useAsync from 'react-use/lib/useAsync';

/** `team-a`, or `user:jordan-lee`; the ref itself when it cannot be parsed. */
export function shortOwner(ref: string): string {
  try {
    return humanizeEntityRef(parseEntityRef(ref), { defaultKind: 'group' });
  } catch {
    return ref;
  }
}

/**
 * Every group of the catalog as an owner option (with its display name), plus the owners already
 * selected or seen in the table (a template may be owned by a user or by a ref the catalog lacks).
 */
function useOwnerOptions(extra: string[]) {
  const catalogApi = useApi(catalogApiRef);
  const { value: groups, loading } = useAsync(async () => {
    const { items } = await catalogApi.getEntities({
      filter: { kind: 'Group' },
      fields: [
        'kind',
        'metadata.namespace',
        'metadata.name',
        'metadata.title',
        'spec.profile.displayName',
      ],
    });
    return items.map(entity => {
      const displayName =
        (entity.spec?.profile as { displayName?: string } | undefined)
          ?.displayName ?? entity.metadata.title;
      return { ref: stringifyEntityRef(entity), displayName };
    });
  }, [catalogApi]);

  return useMemo(() => {
    // Options read "Windows Images (team-windows)"; selected chips just "Windows Images".
    const labels = new Map<string, string>();
    const chips = new Map<string, string>();
    for (const group of groups ?? []) {
      const short = shortOwner(group.ref);
      labels.set(
        group.ref,
        group.displayName ? `${group.displayName} (${short})` : short,
      );
      chips.set(group.ref, group.displayName ?? short);
    }
    for (const ref of extra) {
      if (!labels.has(ref)) labels.set(ref, shortOwner(ref));
      if (!chips.has(ref)) chips.set(ref, shortOwner(ref));
    }
    const options = [...labels.keys()].sort((a, b) =>
      labels.get(a)!.localeCompare(labels.get(b)!),
    );
    return { options, labels, chips, loading };
  }, [groups, extra, loading]);
}

/** Select one or more owners (any of them matches). */
export function OwnerFilter(props: {
  value: string[];
  seenOwners: string[];
  onChange: (owners: string[]) => void;
}) {
  const { value, seenOwners, onChange } = props;
  const extra = useMemo(
    () => [...new Set([...value, ...seenOwners])],
    [value, seenOwners],
  );
  const { options, labels, chips, loading } = useOwnerOptions(extra);
  return (
    <Autocomplete
      multiple
      id="aib-owner-filter"
      size="small"
      options={options}
      loading={loading}
      value={value}
      getOptionLabel={ref => labels.get(ref) ?? shortOwner(ref)}
      filterSelectedOptions
      onChange={(_event, owners) => onChange(owners)}
      renderTags={(selected, getTagProps) =>
        selected.map((ref, index) => (
          <Chip
            size="small"
            label={chips.get(ref) ?? shortOwner(ref)}
            title={labels.get(ref) ?? ref}
            {...getTagProps({ index })}
          />
        ))
      }
      renderInput={params => (
        <TextField
          {...params}
          variant="outlined"
          label="Owner"
          placeholder={value.length ? undefined : 'Any owner'}
        />
      )}
    />
  );
}
