import { useEffect, useRef, useState } from 'react';
import InputAdornment from '@material-ui/core/InputAdornment';
import TextField from '@material-ui/core/TextField';
import SearchIcon from '@material-ui/icons/Search';
import useDebounce from 'react-use/lib/useDebounce';

/** How long typing must pause before the search runs. */
export const SEARCH_DEBOUNCE_MS = 400;

/**
 * Free-text search that reports the text once typing pauses, so a request is not sent per key.
 * Follows the value when it changes from outside (back button, "Clear filters").
 */
export function SearchField(props: {
  value: string;
  onChange: (text: string) => void;
}) {
  const { value, onChange } = props;
  const [text, setText] = useState(value);
  const reported = useRef(value);

  useEffect(() => {
    if (value !== reported.current) {
      reported.current = value;
      setText(value);
    }
  }, [value]);

  useDebounce(
    () => {
      const trimmed = text.trim();
      if (trimmed !== reported.current) {
        reported.current = trimmed;
        onChange(trimmed);
      }
    },
    SEARCH_DEBOUNCE_MS,
    [text],
  );

  return (
    <TextField
      id="aib-search"
      type="search"
      variant="outlined"
      size="small"
      label="Search"
      placeholder="Name, resource group, location, owner"
      value={text}
      onChange={e => setText(e.target.value)}
      fullWidth
      InputProps={{
        startAdornment: (
          <InputAdornment position="start">
            <SearchIcon fontSize="small" aria-hidden="true" />
          </InputAdornment>
        ),
      }}
    />
  );
}
