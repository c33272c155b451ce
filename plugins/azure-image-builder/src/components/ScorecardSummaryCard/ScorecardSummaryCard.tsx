import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import Alert from '@material-ui/lab/Alert';
import { Link } from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import {
  getRuleMetadata,
  Scorecard,
} from '@aib-scorecards/plugin-azure-image-builder-common';
import {
  EntityScorecardCard,
  useBestPracticesLink,
} from '../EntityScorecardCard';
import {
  ScoreValue,
  StatusCountList,
} from '../ScorecardChecklist/ScoreSummary';
import { StatusBadge } from '../ScorecardChecklist/status';
import {
  findingAnchorId,
  findingsNeedingAttention,
} from '../ScorecardChecklist/grouping';
import {
  formatAbsoluteTime,
  formatRelativeTime,
} from '../ScorecardChecklist/format';
import { attentionSummary } from '../ScorecardChecklist/NeedsAttention';

/** How many failing findings the card lists unless configured otherwise. */
export const DEFAULT_MAX_FINDINGS = 3;

const useStyles = makeStyles(theme => ({
  list: { listStyle: 'none', margin: 0, padding: 0 },
  item: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'baseline',
    gap: theme.spacing(0.5, 1),
    padding: theme.spacing(0.5, 0),
  },
  secondary: { color: theme.palette.text.secondary },
  heading: { marginTop: theme.spacing(1) },
  stale: { marginBottom: theme.spacing(1.5) },
}));

/** The score, the counts, the top failing findings (linked into the tab) and the scan time. */
export function ScorecardSummary(props: {
  scorecard: Scorecard;
  tabLink?: string;
  maxFindings?: number;
}) {
  const { scorecard, tabLink, maxFindings = DEFAULT_MAX_FINDINGS } = props;
  const classes = useStyles();
  const attention = findingsNeedingAttention(scorecard.findings);
  const top = attention.slice(0, Math.max(0, maxFindings));
  return (
    <>
      {scorecard.stale && (
        <Alert severity="warning" className={classes.stale}>
          Stale since {formatAbsoluteTime(scorecard.stale.since)} because{' '}
          {scorecard.stale.reason}.
        </Alert>
      )}
      <ScoreValue score={scorecard.score} size="medium" />
      <StatusCountList counts={scorecard.counts} />
      <Typography
        variant="subtitle2"
        component="h3"
        className={classes.heading}
      >
        {attention.length === 0
          ? 'Nothing needs attention'
          : `Needs attention: ${attentionSummary(attention)}`}
      </Typography>
      {top.length > 0 && (
        <ul className={classes.list} aria-label="Top failing findings">
          {top.map(finding => {
            const title =
              getRuleMetadata(finding.ruleId)?.title ?? finding.ruleId;
            return (
              <li key={finding.ruleId} className={classes.item}>
                <StatusBadge status={finding.status} />
                {tabLink ? (
                  <Link to={`${tabLink}#${findingAnchorId(finding.ruleId)}`}>
                    {title}
                  </Link>
                ) : (
                  <span>{title}</span>
                )}
                <span className={classes.secondary}>
                  {finding.severity} severity
                </span>
              </li>
            );
          })}
        </ul>
      )}
      {attention.length > top.length && (
        <Typography variant="body2" className={classes.secondary}>
          and {attention.length - top.length} more
        </Typography>
      )}
      <Typography variant="caption" component="p" className={classes.secondary}>
        Scanned{' '}
        <time dateTime={scorecard.scannedAt}>
          {formatRelativeTime(scorecard.scannedAt)} (
          {formatAbsoluteTime(scorecard.scannedAt)})
        </time>
      </Typography>
    </>
  );
}

/**
 * An entity card with the current image template's best-practice score, counts per status, the
 * top failing findings and a link to the "Best practices" tab.
 * @public
 */
export function ScorecardSummaryCard(props: { maxFindings?: number }) {
  const { entity } = useEntity();
  const tabLink = useBestPracticesLink(entity);
  return (
    <EntityScorecardCard
      title="Best practices score"
      deepLink={
        tabLink
          ? { title: 'View the full checklist', link: tabLink }
          : undefined
      }
    >
      {scorecard => (
        <ScorecardSummary
          scorecard={scorecard}
          tabLink={tabLink}
          maxFindings={props.maxFindings}
        />
      )}
    </EntityScorecardCard>
  );
}
