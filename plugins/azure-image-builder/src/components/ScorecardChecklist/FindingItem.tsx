import { Fragment } from 'react';
import Chip from '@material-ui/core/Chip';
import Link from '@material-ui/core/Link';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import OpenInNewIcon from '@material-ui/icons/OpenInNew';
import {
  Evidence,
  Finding,
  getRuleMetadata,
} from '@aib-scorecards/plugin-azure-image-builder-common';
import { StatusBadge, statusLabel } from './status';
import { formatAbsoluteTime, formatObserved, safeHttpUrl } from './format';

// Waivers usually expire on a date; show a date as written rather than as midnight UTC.
function formatWaiverExpiry(expires: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(expires)
    ? expires
    : formatAbsoluteTime(expires);
}

const useStyles = makeStyles(theme => ({
  item: {
    listStyle: 'none',
    padding: theme.spacing(2, 0),
    borderBottom: `1px solid ${theme.palette.divider}`,
    '&:last-child': { borderBottom: 'none' },
  },
  header: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(1),
  },
  title: { fontWeight: theme.typography.fontWeightMedium as number },
  ruleId: { color: theme.palette.text.secondary },
  message: { marginTop: theme.spacing(1) },
  evidence: {
    display: 'grid',
    gridTemplateColumns: 'max-content 1fr',
    columnGap: theme.spacing(2),
    rowGap: theme.spacing(0.5),
    margin: theme.spacing(1, 0, 0),
    '& dt': { color: theme.palette.text.secondary },
    '& dd': { margin: 0, minWidth: 0, overflowWrap: 'anywhere' },
  },
  code: {
    fontFamily: 'monospace',
    fontSize: '0.875em',
    padding: theme.spacing(0, 0.5),
    borderRadius: 2,
    backgroundColor: theme.palette.action.hover,
  },
  remediation: {
    display: 'inline-flex',
    alignItems: 'center',
    gap: theme.spacing(0.5),
    marginTop: theme.spacing(1),
  },
  visuallyHidden: {
    position: 'absolute',
    width: 1,
    height: 1,
    overflow: 'hidden',
    clip: 'rect(0 0 0 0)',
    whiteSpace: 'nowrap',
  },
}));

function EvidenceList(props: { evidence: Evidence; label: string }) {
  const { evidence, label } = props;
  const classes = useStyles();
  const rows: Array<[string, JSX.Element | string]> = [];
  if (evidence.path) {
    rows.push([
      'Property',
      <code className={classes.code}>{evidence.path}</code>,
    ]);
  }
  if (evidence.observed !== undefined) {
    rows.push([
      'Observed',
      evidence.observed === null ? (
        <em>not set</em>
      ) : (
        <code className={classes.code}>
          {formatObserved(evidence.observed)}
        </code>
      ),
    ]);
  }
  if (evidence.expected) rows.push(['Expected', evidence.expected]);
  if (evidence.collection) {
    rows.push([
      'Could not read',
      <code className={classes.code}>{evidence.collection}</code>,
    ]);
  }
  if (evidence.code) {
    rows.push([
      'Error code',
      <code className={classes.code}>{evidence.code}</code>,
    ]);
  }
  if (evidence.note) rows.push(['Note', evidence.note]);
  if (rows.length === 0) return null;
  return (
    <dl className={classes.evidence} aria-label={label}>
      {rows.map(([term, value]) => (
        <Fragment key={term}>
          <dt>{term}</dt>
          <dd>{value}</dd>
        </Fragment>
      ))}
    </dl>
  );
}

/**
 * One checklist row. The list item is named by the rule id (`aria-label`) and carries the
 * status in `data-status`, so tests and tools can find a rule's result without parsing text.
 */
export function FindingItem(props: { finding: Finding }) {
  const { finding } = props;
  const classes = useStyles();
  const metadata = getRuleMetadata(finding.ruleId);
  const title = metadata?.title ?? finding.ruleId;
  const remediationUrl =
    safeHttpUrl(finding.remediationUrl) ??
    safeHttpUrl(metadata?.remediationUrl);

  return (
    <li
      className={classes.item}
      aria-label={finding.ruleId}
      data-status={finding.status}
    >
      <div className={classes.header}>
        <StatusBadge status={finding.status} />
        <Typography
          component="h3"
          variant="subtitle1"
          className={classes.title}
        >
          {title}
        </Typography>
        <code className={`${classes.code} ${classes.ruleId}`}>
          {finding.ruleId}
        </code>
        <Chip
          size="small"
          variant="outlined"
          label={`Severity: ${finding.severity}`}
        />
      </div>
      <Typography variant="body2" className={classes.message}>
        {finding.message}
      </Typography>
      {finding.evidence.map((evidence, i) => (
        <EvidenceList
          key={i}
          evidence={evidence}
          label={`Evidence ${i + 1} for ${finding.ruleId}`}
        />
      ))}
      {finding.status === 'waived' && finding.waiver && (
        <Typography variant="body2" className={classes.message}>
          Waived by {finding.waiver.grantedBy} until{' '}
          {formatWaiverExpiry(finding.waiver.expires)}: {finding.waiver.reason}
          {finding.underlyingStatus &&
            ` (rule result without the waiver: ${statusLabel(
              finding.underlyingStatus,
            )})`}
        </Typography>
      )}
      {remediationUrl && (
        <div>
          <Link
            className={classes.remediation}
            href={remediationUrl}
            target="_blank"
            rel="noopener noreferrer"
          >
            How to fix
            <span className={classes.visuallyHidden}>
              {' '}
              (opens in a new tab)
            </span>
            <OpenInNewIcon fontSize="inherit" aria-hidden="true" />
          </Link>
        </div>
      )}
    </li>
  );
}
