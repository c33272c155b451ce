import { Fragment, ReactNode } from 'react';
import Link from '@material-ui/core/Link';
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
import { formatAbsoluteTime, formatRelativeTime, safeHttpUrl } from './format';

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
  zero: { opacity: 0.6 },
  details: {
    display: 'grid',
    gridTemplateColumns: 'max-content 1fr',
    columnGap: theme.spacing(2),
    rowGap: theme.spacing(0.5),
    margin: 0,
    '& dt': { color: theme.palette.text.secondary },
    '& dd': { margin: 0, minWidth: 0, overflowWrap: 'anywhere' },
  },
}));

function Owner(props: { entityRef: string }) {
  try {
    parseEntityRef(props.entityRef);
  } catch {
    // Not a valid ref (e.g. an empty owner tag): show it as text rather than crash the page.
    return <>{props.entityRef || 'unknown'}</>;
  }
  return <EntityRefLink entityRef={props.entityRef} defaultKind="group" />;
}

/** Where to open the template in Azure: the entity's view URL, else the public portal. */
function portalUrl(scorecard: Scorecard, viewUrl?: string): string | undefined {
  return (
    safeHttpUrl(viewUrl) ??
    (scorecard.resourceId?.startsWith('/subscriptions/')
      ? `https://portal.azure.com/#resource${scorecard.resourceId}`
      : undefined)
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
  const portal = portalUrl(scorecard, viewUrl);

  const details: Array<[string, ReactNode]> = [
    ['Owner', <Owner entityRef={scorecard.owner} />],
    [
      'Scanned',
      <time dateTime={scorecard.scannedAt}>
        {formatRelativeTime(scorecard.scannedAt, now)} (
        {formatAbsoluteTime(scorecard.scannedAt)})
      </time>,
    ],
    ['Template', scorecard.templateName],
    ['Subscription', scorecard.subscriptionId],
    ['Resource group', scorecard.resourceGroup],
  ];
  if (scorecard.location) details.push(['Location', scorecard.location]);
  if (portal) {
    details.push([
      'Azure portal',
      <Link href={portal} target="_blank" rel="noopener noreferrer">
        Open the template in the Azure portal
      </Link>,
    ]);
  }

  return (
    <InfoCard title="Best practices score">
      <div className={classes.scoreRow}>
        {scorecard.score === null ? (
          <Typography
            variant="h3"
            component="p"
            className={classes.score}
            data-testid="aib-score"
          >
            No score
          </Typography>
        ) : (
          <Typography
            variant="h2"
            component="p"
            className={classes.score}
            data-testid="aib-score"
          >
            {scorecard.score}
            <Typography variant="h5" component="span" color="textSecondary">
              {' '}
              / 100
            </Typography>
          </Typography>
        )}
      </div>
      {scorecard.score === null && (
        <Typography variant="body2" color="textSecondary">
          No rule applied to this template, or every result is unknown, waived
          or not applicable.
        </Typography>
      )}
      <ul className={classes.counts} aria-label="Findings per status">
        {FINDING_STATUSES.map(status => {
          const count = scorecard.counts[status] ?? 0;
          return (
            <li key={status} className={count === 0 ? classes.zero : undefined}>
              <StatusBadge status={status} />: {count}
            </li>
          );
        })}
      </ul>
      <dl className={classes.details}>
        {details.map(([term, value]) => (
          <Fragment key={term}>
            <dt>{term}</dt>
            <dd>{value}</dd>
          </Fragment>
        ))}
      </dl>
    </InfoCard>
  );
}
