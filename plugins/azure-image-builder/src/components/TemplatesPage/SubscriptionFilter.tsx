import TextField from '@material-ui/core/TextField';
import Autocomplete from '@material-ui/lab/Autocomplete';

/**
 * Select subscriptions by id. The options are the subscriptions seen in the table so far; an id
 * can also be typed (and confirmed with Enter), since no endpoint lists every subscription.
 */
export function SubscriptionFilter(props: {
  value: string[];
  known: Map<string, string | undefined>;
  onChange: (subscriptions: string[]) => void;
}) {
  const { value, known, onChange } = props;
  const options = [...new Set([...known.keys(), ...value])].sort();
  const label = (id: string) => {
    const name = known.get(id);
    return name ? `${name} (${id})` : id;
  };
  return (
    <Autocomplete
      multiple
      freeSolo
      id="aib-subscription-filter"
      size="small"
      options={options}
      value={value}
      getOptionLabel={label}
      filterSelectedOptions
      onChange={(_event, subscriptions) =>
        onChange(subscriptions.map(s => s.trim()).filter(Boolean))
      }
      renderInput={params => (
        <TextField
          {...params}
          variant="outlined"
          label="Subscription"
          placeholder={value.length ? undefined : 'Any subscription'}
        />
      )}
    />
  );
}
