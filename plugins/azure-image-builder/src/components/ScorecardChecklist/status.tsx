import { ComponentType } from 'react';
import { makeStyles, Theme } from '@material-ui/core/styles';
import { SvgIconProps } from '@material-ui/core/SvgIcon';
import CancelIcon from '@material-ui/icons/Cancel';
import CheckCircleIcon from '@material-ui/icons/CheckCircle';
import GavelIcon from '@material-ui/icons/Gavel';
import HelpOutlineIcon from '@material-ui/icons/HelpOutline';
import RemoveCircleOutlineIcon from '@material-ui/icons/RemoveCircleOutline';
import WarningIcon from '@material-ui/icons/Warning';
import { FindingStatus } from '@aib-scorecards/plugin-azure-image-builder-common';

interface StatusPresentation {
  /** The word shown next to the icon: status is never conveyed by colour alone. */
  label: string;
  Icon: ComponentType<SvgIconProps>;
  color: (theme: Theme) => string;
}

const PRESENTATION: Record<FindingStatus, StatusPresentation> = {
  fail: {
    label: 'Fail',
    Icon: CancelIcon,
    color: theme => theme.palette.error.main,
  },
  warn: {
    label: 'Warning',
    Icon: WarningIcon,
    color: theme => theme.palette.warning.main,
  },
  unknown: {
    label: 'Unknown',
    Icon: HelpOutlineIcon,
    color: theme => theme.palette.info.main,
  },
  pass: {
    label: 'Pass',
    Icon: CheckCircleIcon,
    color: theme => theme.palette.success.main,
  },
  'not-applicable': {
    label: 'Not applicable',
    Icon: RemoveCircleOutlineIcon,
    color: theme => theme.palette.text.secondary,
  },
  waived: {
    label: 'Waived',
    Icon: GavelIcon,
    color: theme => theme.palette.text.secondary,
  },
};

// A status a newer backend may add still renders, as a neutral "unknown"-looking badge.
function presentation(status: FindingStatus): StatusPresentation {
  return (
    PRESENTATION[status] ?? {
      ...PRESENTATION.unknown,
      label: String(status),
    }
  );
}

/** The human word for a status, e.g. `Not applicable`. */
export function statusLabel(status: FindingStatus): string {
  return presentation(status).label;
}

const useStyles = makeStyles(theme => ({
  root: {
    display: 'inline-flex',
    alignItems: 'center',
    gap: theme.spacing(0.5),
    fontWeight: theme.typography.fontWeightBold as number,
    whiteSpace: 'nowrap',
  },
  fail: { color: PRESENTATION.fail.color(theme) },
  warn: { color: PRESENTATION.warn.color(theme) },
  unknown: { color: PRESENTATION.unknown.color(theme) },
  pass: { color: PRESENTATION.pass.color(theme) },
  notApplicable: { color: PRESENTATION['not-applicable'].color(theme) },
  waived: { color: PRESENTATION.waived.color(theme) },
}));

const CLASS_KEY: Record<
  FindingStatus,
  'fail' | 'warn' | 'unknown' | 'pass' | 'notApplicable' | 'waived'
> = {
  fail: 'fail',
  warn: 'warn',
  unknown: 'unknown',
  pass: 'pass',
  'not-applicable': 'notApplicable',
  waived: 'waived',
};

/**
 * A status icon followed by the status word. The icon carries the accessible name and the word
 * is hidden from assistive technology, so screen readers announce the status once.
 */
export function StatusBadge(props: { status: FindingStatus }) {
  const { status } = props;
  const classes = useStyles();
  const { label, Icon } = presentation(status);
  const colorClass = classes[CLASS_KEY[status] ?? 'unknown'];
  return (
    <span className={`${classes.root} ${colorClass}`}>
      {/* aria-label rather than titleAccess: an SVG <title> would add the word to textContent twice. */}
      <Icon
        fontSize="small"
        role="img"
        aria-label={label}
        aria-hidden={false}
      />
      <span aria-hidden="true">{label}</span>
    </span>
  );
}

/**
 * The status icon alone, for dense views (the team scorecard's matrix): it carries the status as
 * its accessible name and as a tooltip (an SVG title), and the icons differ in shape, not only in
 * colour.
 */
export function StatusIcon(props: { status: FindingStatus; label?: string }) {
  const { status } = props;
  const classes = useStyles();
  const { label, Icon } = presentation(status);
  const colorClass = classes[CLASS_KEY[status] ?? 'unknown'];
  return (
    <Icon
      className={colorClass}
      fontSize="small"
      titleAccess={props.label ?? label}
      data-status={status}
    />
  );
}
