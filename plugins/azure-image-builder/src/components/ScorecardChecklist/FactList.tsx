import { Fragment, ReactNode } from 'react';
import { makeStyles } from '@material-ui/core/styles';

const useStyles = makeStyles(theme => ({
  list: { margin: 0 },
  // Label above value, like the catalog's About card: readable in a narrow column, and long
  // Azure ids wrap only where they must.
  term: {
    ...theme.typography.caption,
    display: 'block',
    fontWeight: theme.typography.fontWeightBold as number,
    textTransform: 'uppercase',
    letterSpacing: '0.04em',
    color: theme.palette.text.secondary,
    '&:not(:first-child)': { marginTop: theme.spacing(1.5) },
  },
  value: {
    margin: 0,
    minWidth: 0,
    overflowWrap: 'break-word',
  },
}));

/** Terms and their values as a description list, each label above its value. */
export function FactList(props: {
  rows: Array<[string, ReactNode]>;
  label: string;
}) {
  const classes = useStyles();
  return (
    <dl className={classes.list} aria-label={props.label}>
      {props.rows.map(([term, value]) => (
        <Fragment key={term}>
          <dt className={classes.term}>{term}</dt>
          <dd className={classes.value}>{value}</dd>
        </Fragment>
      ))}
    </dl>
  );
}
