import { useEffect } from 'react';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { Entity, getCompoundEntityRef } from '@backstage/catalog-model';
import {
  EmptyState,
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import {
  MissingAnnotationEmptyState,
  useEntity,
} from '@backstage/plugin-catalog-react';
import {
  ANNOTATION_AZURE_RESOURCE_ID,
  Finding,
  FINDING_STATUSES,
  Scorecard,
} from '@aib-scorecards/plugin-azure-image-builder-common';
import { useScorecard } from '../../hooks/useScorecard';
import { FindingItem } from './FindingItem';
import { ScoreSummary } from './ScoreSummary';
import { StaleBanner } from './StaleBanner';
import { NeedsAttention } from './NeedsAttention';
import {
  FindingGroup,
  findingsNeedingAttention,
  groupFindings,
} from './grouping';
import { statusLabel } from './status';
import { goToAnchor } from './anchors';
import { UnknownContext } from './unknownReason';

const VIEW_URL_ANNOTATION = 'backstage.io/view-url';

const useStyles = makeStyles(theme => ({
  column: {
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(3),
  },
  group: {
    scrollMarginTop: theme.spacing(2),
    '& + &': {
      marginTop: theme.spacing(3),
      paddingTop: theme.spacing(2),
      borderTop: `2px solid ${theme.palette.divider}`,
    },
  },
  groupHeader: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'baseline',
    justifyContent: 'space-between',
    gap: theme.spacing(0.5, 2),
  },
  groupTitle: { fontWeight: theme.typography.fontWeightBold as number },
  groupCounts: { color: theme.palette.text.secondary },
  list: { margin: 0, padding: 0 },
}));

/** "Fail: 1 · Pass: 2": the statuses of a group, in checklist order. */
function groupCounts(findings: readonly Finding[]): string {
  return FINDING_STATUSES.map(
    status =>
      [status, findings.filter(f => f.status === status).length] as const,
  )
    .filter(([, n]) => n > 0)
    .map(([status, n]) => `${statusLabel(status)}: ${n}`)
    .join(' · ');
}

function FindingGroupSection(props: {
  group: FindingGroup;
  context: UnknownContext;
}) {
  const { group, context } = props;
  const classes = useStyles();
  const headingId = `${group.anchorId}-heading`;
  return (
    <section
      id={group.anchorId}
      className={classes.group}
      aria-labelledby={headingId}
    >
      <div className={classes.groupHeader}>
        <Typography
          id={headingId}
          component="h3"
          variant="h6"
          className={classes.groupTitle}
        >
          {group.practice}
        </Typography>
        <Typography variant="body2" className={classes.groupCounts}>
          {groupCounts(group.findings)}
        </Typography>
      </div>
      <ul className={classes.list} aria-label={group.practice}>
        {group.findings.map(finding => (
          <FindingItem
            key={finding.ruleId}
            finding={finding}
            context={context}
            headingLevel="h4"
          />
        ))}
      </ul>
    </section>
  );
}

/**
 * The stale warning, the score summary, the failures and warnings at a glance, and every finding
 * grouped by the section of Microsoft's best-practice page its rule comes from.
 */
export function ScorecardView(props: {
  scorecard: Scorecard;
  entity?: Entity;
  now?: number;
}) {
  const { scorecard, entity, now } = props;
  const classes = useStyles();
  const groups = groupFindings(scorecard.findings);
  const attention = findingsNeedingAttention(scorecard.findings);
  const unknownCount = scorecard.findings.filter(
    f => f.status === 'unknown',
  ).length;
  const context: UnknownContext = {
    subscriptionId: scorecard.subscriptionId,
    subscriptionName: scorecard.subscriptionName,
  };

  // A shared link to a finding (…/best-practices#aib-rule-x) opens at that finding once the
  // checklist has rendered.
  useEffect(() => {
    const id = decodeURIComponent(window.location.hash.slice(1));
    if (id.startsWith('aib-')) goToAnchor(id);
  }, []);

  return (
    <Grid container spacing={3} alignItems="flex-start">
      {scorecard.stale && (
        <Grid item xs={12}>
          <StaleBanner stale={scorecard.stale} now={now} />
        </Grid>
      )}
      <Grid item xs={12} md={4}>
        <ScoreSummary
          scorecard={scorecard}
          viewUrl={entity?.metadata.annotations?.[VIEW_URL_ANNOTATION]}
          now={now}
        />
      </Grid>
      <Grid item xs={12} md={8} className={classes.column}>
        <NeedsAttention findings={attention} unknownCount={unknownCount} />
        <InfoCard
          title="Best practices checklist"
          titleTypographyProps={{ component: 'h2' }}
          subheader="Grouped by the sections of Microsoft's best-practice guidance; within each, failures first"
        >
          {groups.length === 0 ? (
            <Typography>
              No rule produced a result for this template.
            </Typography>
          ) : (
            <div role="region" aria-label="Findings">
              {groups.map(group => (
                <FindingGroupSection
                  key={group.practice}
                  group={group}
                  context={context}
                />
              ))}
            </div>
          )}
        </InfoCard>
      </Grid>
    </Grid>
  );
}

function EntityScorecard(props: { entity: Entity }) {
  const { entity } = props;
  const { loading, scorecard, error, retry } = useScorecard(
    getCompoundEntityRef(entity),
  );
  if (loading) {
    return <Progress />;
  }
  if (error) {
    return <ResponseErrorPanel error={error} />;
  }
  if (!scorecard) {
    return (
      <EmptyState
        missing="data"
        title="No scorecard yet"
        description="Image templates are scanned on a schedule (every 30 minutes by default). The checklist appears here after the first scan that includes this template."
        action={
          <Button variant="outlined" color="primary" onClick={retry}>
            Check again
          </Button>
        }
      />
    );
  }
  return <ScorecardView scorecard={scorecard} entity={entity} />;
}

/**
 * The "Best practices" checklist of the current image template entity.
 * @public
 */
export function ScorecardChecklist() {
  const { entity } = useEntity();
  if (!entity.metadata.annotations?.[ANNOTATION_AZURE_RESOURCE_ID]) {
    return (
      <MissingAnnotationEmptyState annotation={ANNOTATION_AZURE_RESOURCE_ID} />
    );
  }
  return <EntityScorecard entity={entity} />;
}
