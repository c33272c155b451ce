import { useState } from 'react';
import Button from '@material-ui/core/Button';
import { makeStyles } from '@material-ui/core/styles';
import { JsonValue } from '@aib-scorecards/plugin-azure-image-builder-common';
import { formatObserved } from './format';

/** Longer observed values (role assignment lists, whole customizers) start collapsed. */
export const OBSERVED_PREVIEW_LENGTH = 160;

const useStyles = makeStyles(theme => ({
  code: {
    fontFamily: 'monospace',
    fontSize: '0.875em',
    padding: theme.spacing(0, 0.5),
    borderRadius: 2,
    backgroundColor: theme.palette.action.hover,
    overflowWrap: 'anywhere',
  },
  toggle: {
    marginLeft: theme.spacing(1),
    padding: theme.spacing(0, 0.5),
    minWidth: 0,
    textTransform: 'none',
    verticalAlign: 'baseline',
  },
}));

/**
 * An observed value in a code span. A long value shows its first characters and a button that
 * shows the rest, so one finding cannot push the others off the screen.
 */
export function ObservedValue(props: { value: JsonValue }) {
  const classes = useStyles();
  const text = formatObserved(props.value);
  const [expanded, setExpanded] = useState(false);
  if (text.length <= OBSERVED_PREVIEW_LENGTH) {
    return <code className={classes.code}>{text}</code>;
  }
  return (
    <>
      <code className={classes.code}>
        {expanded ? text : `${text.slice(0, OBSERVED_PREVIEW_LENGTH)}…`}
      </code>
      <Button
        size="small"
        color="primary"
        className={classes.toggle}
        aria-expanded={expanded}
        onClick={() => setExpanded(e => !e)}
      >
        {expanded ? 'Show less' : `Show all ${text.length} characters`}
      </Button>
    </>
  );
}
