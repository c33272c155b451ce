import { ReactNode } from 'react';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import Alert from '@material-ui/lab/Alert';
import { Entity, getCompoundEntityRef } from '@backstage/catalog-model';
import { InfoCard, Progress } from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import {
  ANNOTATION_AZURE_RESOURCE_ID,
  Scorecard,
} from '@aib-scorecards/plugin-azure-image-builder-common';
import { useScorecard } from '../../hooks/useScorecard';

const useStyles = makeStyles(theme => ({
  action: { marginTop: theme.spacing(1.5) },
  code: { fontFamily: 'monospace', fontSize: '0.875em' },
}));

/** The message of an error from the backend: its cause's (what the backend said) when it has one. */
function errorMessage(error: Error): string {
  const cause = (error as { cause?: unknown }).cause;
  const detail =
    cause instanceof Error || (typeof cause === 'object' && cause !== null)
      ? String((cause as { message?: unknown }).message ?? '')
      : '';
  const message = error.message.trim();
  return detail && detail !== message ? `${message}: ${detail}` : message;
}

function CardBody(props: {
  entity: Entity;
  children: (scorecard: Scorecard) => ReactNode;
}) {
  const { entity, children } = props;
  const classes = useStyles();
  const { loading, scorecard, error, retry } = useScorecard(
    getCompoundEntityRef(entity),
  );
  if (loading) {
    return <Progress aria-label="Loading the scorecard" />;
  }
  if (error) {
    return (
      <Alert
        severity="error"
        action={
          <Button color="inherit" size="small" onClick={retry}>
            Try again
          </Button>
        }
      >
        Could not load the scorecard. {errorMessage(error)}
      </Alert>
    );
  }
  if (!scorecard) {
    return (
      <>
        <Typography variant="subtitle1" component="p">
          No scorecard yet
        </Typography>
        <Typography variant="body2" color="textSecondary">
          Image templates are scanned on a schedule (every 30 minutes by
          default). This card fills in after the first scan that includes this
          template.
        </Typography>
        <Button
          className={classes.action}
          variant="outlined"
          color="primary"
          size="small"
          onClick={retry}
        >
          Check again
        </Button>
      </>
    );
  }
  return <>{children(scorecard)}</>;
}

/**
 * An entity card fed by the current template's scorecard. It renders the states every card has
 * (no annotation, loading, error, no scorecard yet) and the content once the scorecard is there.
 */
export function EntityScorecardCard(props: {
  title: string;
  children: (scorecard: Scorecard) => ReactNode;
  /** A link at the bottom of the card. */
  deepLink?: { title: string; link: string };
}) {
  const { title, children, deepLink } = props;
  const { entity } = useEntity();
  const classes = useStyles();
  const hasAnnotation = Boolean(
    entity.metadata.annotations?.[ANNOTATION_AZURE_RESOURCE_ID],
  );
  return (
    <InfoCard
      title={title}
      titleTypographyProps={{ component: 'h2' }}
      deepLink={hasAnnotation ? deepLink : undefined}
    >
      {hasAnnotation ? (
        <CardBody entity={entity}>{children}</CardBody>
      ) : (
        <Typography variant="body2">
          This entity has no{' '}
          <code className={classes.code}>{ANNOTATION_AZURE_RESOURCE_ID}</code>{' '}
          annotation, so it has no scorecard. The catalog module sets it on the
          image templates it ingests.
        </Typography>
      )}
    </InfoCard>
  );
}
