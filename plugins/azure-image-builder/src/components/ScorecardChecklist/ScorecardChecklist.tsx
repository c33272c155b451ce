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
  Scorecard,
} from '@aib-scorecards/plugin-azure-image-builder-common';
import { useScorecard } from '../../hooks/useScorecard';
import { FindingItem } from './FindingItem';
import { ScoreSummary } from './ScoreSummary';
import { StaleBanner } from './StaleBanner';
import { sortFindings } from './ordering';

const VIEW_URL_ANNOTATION = 'backstage.io/view-url';

const useStyles = makeStyles({
  list: { margin: 0, padding: 0 },
});

/** The score summary, the stale warning and every finding, failures first. */
export function ScorecardView(props: {
  scorecard: Scorecard;
  entity?: Entity;
  now?: number;
}) {
  const { scorecard, entity, now } = props;
  const classes = useStyles();
  const findings = sortFindings(scorecard.findings);
  return (
    <Grid container spacing={3} alignItems="stretch">
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
      <Grid item xs={12} md={8}>
        <InfoCard
          title="Best practices checklist"
          subheader="Failures first, then warnings and results that could not be checked"
        >
          {findings.length === 0 ? (
            <Typography>
              No rule produced a result for this template.
            </Typography>
          ) : (
            <ul className={classes.list} aria-label="Findings">
              {findings.map(finding => (
                <FindingItem key={finding.ruleId} finding={finding} />
              ))}
            </ul>
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
