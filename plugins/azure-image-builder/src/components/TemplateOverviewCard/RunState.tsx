import { ComponentType } from 'react';
import { makeStyles } from '@material-ui/core/styles';
import { SvgIconProps } from '@material-ui/core/SvgIcon';
import AutorenewIcon from '@material-ui/icons/Autorenew';
import CancelIcon from '@material-ui/icons/Cancel';
import CheckCircleIcon from '@material-ui/icons/CheckCircle';
import HelpOutlineIcon from '@material-ui/icons/HelpOutline';
import RemoveCircleOutlineIcon from '@material-ui/icons/RemoveCircleOutline';
import WarningIcon from '@material-ui/icons/Warning';

/** "PartiallySucceeded" → "Partially succeeded": Azure's states as words. */
export function humanizeState(state: string): string {
  const words = state
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .trim()
    .toLocaleLowerCase('en-US');
  return words.charAt(0).toLocaleUpperCase('en-US') + words.slice(1);
}

type Tone = 'good' | 'bad' | 'warn' | 'neutral';

const ICONS: Record<string, [ComponentType<SvgIconProps>, Tone]> = {
  succeeded: [CheckCircleIcon, 'good'],
  failed: [CancelIcon, 'bad'],
  partiallysucceeded: [WarningIcon, 'warn'],
  running: [AutorenewIcon, 'neutral'],
  canceling: [RemoveCircleOutlineIcon, 'neutral'],
  canceled: [RemoveCircleOutlineIcon, 'neutral'],
};

const useStyles = makeStyles(theme => ({
  root: {
    display: 'inline-flex',
    alignItems: 'center',
    gap: theme.spacing(0.5),
    fontWeight: theme.typography.fontWeightMedium as number,
  },
  good: { color: theme.palette.success.main },
  bad: { color: theme.palette.error.main },
  warn: { color: theme.palette.warning.main },
  neutral: { color: theme.palette.text.secondary },
}));

/**
 * A run or provisioning state (`Succeeded`, `Failed`, …) as an icon and a word. Like the finding
 * status badge, the icon carries the accessible name and the word is hidden from assistive
 * technology, so it is announced once; the word keeps the state readable without colour.
 */
export function RunState(props: { state: string }) {
  const classes = useStyles();
  const [Icon, tone] = ICONS[props.state.toLocaleLowerCase('en-US')] ?? [
    HelpOutlineIcon,
    'neutral',
  ];
  const label = humanizeState(props.state);
  return (
    <span className={classes.root}>
      <Icon
        fontSize="small"
        className={classes[tone]}
        role="img"
        aria-label={label}
        aria-hidden={false}
      />
      <span aria-hidden="true">{label}</span>
    </span>
  );
}
