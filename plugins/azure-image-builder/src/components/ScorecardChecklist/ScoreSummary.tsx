import { ReactNode } from 'react';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { parseEntityRef } from '@backstage/catalog-model';
import { InfoCard } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  FINDING_STATUSES,
  Scorecard,
} from '@aib-scorecards/plugin-azure-image-builder-common';
import { StatusBadge } from './status';
import { formatAbsoluteTime, formatRelativeTime } from './format';
import { AzureLinkList, azureLinks } from './AzureLinks';
import { FactList } from './FactList';

const useStyles = makeStyles(theme => ({
  scoreRow: {
    display: 'flex',
    alignItems: 'baseline',
    gap: theme.spacing(1),
  },
  score: { fontWeight: theme.typography.fontWeightBold as number },
  counts: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(1, 2),
    listStyle: 'none',
    padding: 0,
    margin: theme.spacing(1, 0, 2),
  },
}));

/** An owner ref as a link to the owner's page; text when it is not a valid ref. */
export function OwnerLink(props: { entityRef: string }) {
  try {
    parseEntityRef(props.entityRef);
  } catch {
    // Not a valid ref (e.g. an empty owner tag): show it as text rather than crash the page.
    return <>{props.entityRef || 'unknown'}</>;
  }
  return <EntityRefLink entityRef={props.entityRef} defaultKind="group" />;
}

/** The score as "42 / 100", or "No score". */
export function ScoreValue(props: {
  score: number | null;
  size?: 'large' | 'medium';
}) {
  const { score, size = 'large' } = props;
  const classes = useStyles();
  if (score === null) {
    return (
      <Typography
        variant={size === 'large' ? 'h3' : 'h4'}
        component="p"
        className={classes.score}
        data-testid="aib-score"
      >
        No score
      </Typography>
    );
  }
  return (
    <Typography
      variant={size === 'large' ? 'h2' : 'h3'}
      component="p"
      className={classes.score}
      data-testid="aib-score"
    >
      {score}
      <Typography variant="h5" component="span" color="textSecondary">
        {' '}
        / 100
      </Typography>
    </Typography>
  );
}

/** The number of findings per status, each with its icon and word (zeros included). */
export function StatusCountList(props: { counts: Scorecard['counts'] }) {
  const classes = useStyles();
  return (
    <ul className={classes.counts} aria-label="Findings per status">
      {FINDING_STATUSES.map(status => {
        const count = props.counts[status] ?? 0;
        return (
          <li key={status}>
            <StatusBadge status={status} />: {count}
          </li>
        );
      })}
    </ul>
  );
}

/** The score, the counts per status, and where the data comes from and how fresh it is. */
export function ScoreSummary(props: {
  scorecard: Scorecard;
  viewUrl?: string;
  now?: number;
}) {
  const { scorecard, viewUrl, now } = props;
  const classes = useStyles();
  const links = azureLinks(scorecard, viewUrl);

  const details: Array<[string, ReactNode]> = [
    ['Owner', <OwnerLink entityRef={scorecard.owner} />],
    [
      'Scanned',
      <time dateTime={scorecard.scannedAt}>
        {formatRelativeTime(scorecard.scannedAt, now)} (
        {formatAbsoluteTime(scorecard.scannedAt)})
      </time>,
    ],
    ['Template', scorecard.templateName],
    [
      'Subscription',
      scorecard.subscriptionName
        ? `${scorecard.subscriptionName} (${scorecard.subscriptionId})`
        : scorecard.subscriptionId,
    ],
    ['Resource group', scorecard.resourceGroup],
  ];
  const location = scorecard.location ?? scorecard.facts?.location;
  if (location) details.push(['Location', location]);
  if (links.length > 0) {
    details.push(['Azure portal', <AzureLinkList links={links} />]);
  }

  return (
    <InfoCard
      title="Best practices score"
      titleTypographyProps={{ component: 'h2' }}
    >
      <div className={classes.scoreRow}>
        <ScoreValue score={scorecard.score} />
      </div>
      {scorecard.score === null && (
        <Typography variant="body2" color="textSecondary">
          No rule applied to this template, or every result is unknown, waived
          or not applicable.
        </Typography>
      )}
      <StatusCountList counts={scorecard.counts} />
      <FactList rows={details} label="Template details" />
    </InfoCard>
  );
}
