import { Fragment, ReactNode } from 'react';
import Chip from '@material-ui/core/Chip';
import Link from '@material-ui/core/Link';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import OpenInNewIcon from '@material-ui/icons/OpenInNew';
import { parseEntityRef } from '@backstage/catalog-model';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  Evidence,
  Finding,
  getRuleMetadata,
  Waiver,
} from '@aib-scorecards/plugin-azure-image-builder-common';
import { StatusBadge } from './status';
import { formatAbsoluteTime, safeHttpUrl } from './format';
import { ObservedValue } from './ObservedValue';
import { findingAnchorId } from './grouping';
import { UnknownContext, unknownReason } from './unknownReason';

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
    // In-page links land here; keep the heading clear of the top edge.
    scrollMarginTop: theme.spacing(2),
    '&:focus': { outline: 'none' },
    '&:focus-visible': {
      outline: `2px solid ${theme.palette.primary.main}`,
      outlineOffset: 2,
    },
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
  reason: {
    marginTop: theme.spacing(1),
    padding: theme.spacing(1, 1.5),
    borderLeft: `3px solid ${theme.palette.info.main}`,
    backgroundColor: theme.palette.action.hover,
  },
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

function DefinitionList(props: {
  rows: Array<[string, ReactNode]>;
  label: string;
}) {
  const classes = useStyles();
  if (props.rows.length === 0) return null;
  return (
    <dl className={classes.evidence} aria-label={props.label}>
      {props.rows.map(([term, value]) => (
        <Fragment key={term}>
          <dt>{term}</dt>
          <dd>{value}</dd>
        </Fragment>
      ))}
    </dl>
  );
}

function EvidenceList(props: {
  evidence: Evidence;
  label: string;
  /** The collection and code are already said in the "why unknown" sentence. */
  explained: boolean;
}) {
  const { evidence, label, explained } = props;
  const classes = useStyles();
  const rows: Array<[string, ReactNode]> = [];
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
        <ObservedValue value={evidence.observed} />
      ),
    ]);
  }
  if (evidence.expected) rows.push(['Expected', evidence.expected]);
  if (evidence.collection && !explained) {
    rows.push([
      'Could not read',
      <code className={classes.code}>{evidence.collection}</code>,
    ]);
  }
  if (evidence.code && !explained) {
    rows.push([
      'Error code',
      <code className={classes.code}>{evidence.code}</code>,
    ]);
  }
  if (evidence.note) {
    rows.push([evidence.collection ? 'Azure said' : 'Note', evidence.note]);
  }
  return <DefinitionList rows={rows} label={label} />;
}

function RefOrText(props: { entityRef: string }) {
  try {
    parseEntityRef(props.entityRef);
  } catch {
    return <>{props.entityRef || 'unknown'}</>;
  }
  return <EntityRefLink entityRef={props.entityRef} defaultKind="user" />;
}

function WaiverDetails(props: { finding: Finding; waiver: Waiver }) {
  const { finding, waiver } = props;
  const rows: Array<[string, ReactNode]> = [
    ['Waiver reason', waiver.reason],
    ['Waived by', <RefOrText entityRef={waiver.grantedBy} />],
    [
      'Waived until',
      <time dateTime={waiver.expires}>
        {formatWaiverExpiry(waiver.expires)}
      </time>,
    ],
  ];
  if (finding.underlyingStatus) {
    rows.push([
      'Result without the waiver',
      <StatusBadge status={finding.underlyingStatus} />,
    ]);
  }
  return <DefinitionList rows={rows} label={`Waiver for ${finding.ruleId}`} />;
}

/**
 * One checklist row. The list item is named by the rule id (`aria-label`), carries the status in
 * `data-status` (so tests and tools find a rule's result without parsing text) and has an id for
 * in-page links from the "Needs attention" summary.
 */
export function FindingItem(props: {
  finding: Finding;
  /** Where the scan looked, to explain `unknown` results. */
  context?: UnknownContext;
  /** The heading level of the rule title. */
  headingLevel?: 'h3' | 'h4';
}) {
  const { finding, context = {}, headingLevel = 'h3' } = props;
  const classes = useStyles();
  const metadata = getRuleMetadata(finding.ruleId);
  const title = metadata?.title ?? finding.ruleId;
  const remediationUrl =
    safeHttpUrl(finding.remediationUrl) ??
    safeHttpUrl(metadata?.remediationUrl);
  const reasons =
    finding.status === 'unknown'
      ? finding.evidence.map(e => unknownReason(e, context))
      : [];

  return (
    <li
      id={findingAnchorId(finding.ruleId)}
      tabIndex={-1}
      className={classes.item}
      aria-label={finding.ruleId}
      data-status={finding.status}
    >
      <div className={classes.header}>
        <StatusBadge status={finding.status} />
        <Typography
          component={headingLevel}
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
      {reasons.map(
        (reason, i) =>
          reason && (
            <Typography
              key={`reason-${i}`}
              variant="body2"
              className={classes.reason}
            >
              <strong>Why unknown: </strong>
              {reason}
            </Typography>
          ),
      )}
      {finding.evidence.map((evidence, i) => (
        <EvidenceList
          key={i}
          evidence={evidence}
          label={`Evidence ${i + 1} for ${finding.ruleId}`}
          explained={Boolean(reasons[i])}
        />
      ))}
      {finding.status === 'waived' && finding.waiver && (
        <WaiverDetails finding={finding} waiver={finding.waiver} />
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
            {/* Many findings have this link: name the rule so a list of links tells them apart. */}
            <span className={classes.visuallyHidden}>
              : {title} (opens in a new tab)
            </span>
            <OpenInNewIcon fontSize="inherit" aria-hidden="true" />
          </Link>
        </div>
      )}
    </li>
  );
}
