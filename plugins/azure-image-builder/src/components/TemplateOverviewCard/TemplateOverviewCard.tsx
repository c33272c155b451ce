import { ReactNode } from 'react';
import Link from '@material-ui/core/Link';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { useEntity } from '@backstage/plugin-catalog-react';
import {
  DistributionFact,
  Scorecard,
  TemplateFacts,
} from '@aib-scorecards/plugin-azure-image-builder-common';
import { EntityScorecardCard } from '../EntityScorecardCard';
import {
  formatAbsoluteTime,
  formatRelativeTime,
} from '../ScorecardChecklist/format';
import {
  armResourceName,
  azurePortalUrl,
  PortalBase,
  portalBaseFromViewUrl,
} from '../ScorecardChecklist/portal';
import { RunState } from './RunState';
import { FactList } from '../ScorecardChecklist/FactList';

const VIEW_URL_ANNOTATION = 'backstage.io/view-url';

const useStyles = makeStyles(theme => ({
  list: {
    listStyle: 'none',
    margin: 0,
    padding: 0,
    '& li + li': { marginTop: theme.spacing(0.5) },
  },
  secondary: { color: theme.palette.text.secondary },
  note: { marginBottom: theme.spacing(1.5) },
}));

/** A resource by name, linked to the portal when `id` is an ARM id. */
function ResourceName(props: { id: string; base: PortalBase; kind: string }) {
  const { id, base, kind } = props;
  const href = azurePortalUrl(id, base);
  if (!href) return <>{id}</>;
  return (
    <Link
      href={href}
      target="_blank"
      rel="noopener noreferrer"
      aria-label={`${armResourceName(
        id,
      )} (${kind} in the Azure portal, opens in a new tab)`}
    >
      {armResourceName(id)}
    </Link>
  );
}

function Distributions(props: {
  distributions: DistributionFact[];
  base: PortalBase;
}) {
  const classes = useStyles();
  if (props.distributions.length === 0) return <>none</>;
  return (
    <ul className={classes.list} aria-label="Distribution targets">
      {props.distributions.map((d, i) => (
        <li key={i}>
          {d.type}
          {d.target && (
            <>
              {': '}
              <ResourceName id={d.target} base={props.base} kind="image" />
            </>
          )}
          <br />
          <span className={classes.secondary}>
            {d.regions.length > 0
              ? `${
                  d.regions.length === 1 ? 'Region' : 'Regions'
                }: ${d.regions.join(', ')}`
              : 'No region listed'}
          </span>
        </li>
      ))}
    </ul>
  );
}

function Identities(props: { ids: string[]; base: PortalBase; kind: string }) {
  const classes = useStyles();
  if (props.ids.length === 0) return <>none</>;
  return (
    <ul className={classes.list}>
      {props.ids.map(id => (
        <li key={id}>
          <ResourceName id={id} base={props.base} kind={props.kind} />
        </li>
      ))}
    </ul>
  );
}

function LastRun(props: { run: NonNullable<TemplateFacts['lastRun']> }) {
  const { run } = props;
  const classes = useStyles();
  const time = run.endTime ?? run.startTime;
  return (
    <>
      {run.runState ? <RunState state={run.runState} /> : 'State not reported'}
      {run.runSubState && run.runSubState !== run.runState && (
        <span className={classes.secondary}> ({run.runSubState})</span>
      )}
      {time && (
        <>
          <br />
          <span className={classes.secondary}>
            {run.endTime ? 'Ended' : 'Started'}{' '}
            <time dateTime={time}>
              {formatRelativeTime(time)} ({formatAbsoluteTime(time)})
            </time>
          </span>
        </>
      )}
      {run.message && (
        <Typography variant="body2" className={classes.secondary}>
          {run.message}
        </Typography>
      )}
    </>
  );
}

/** The rows of the overview: what the template is, where it builds and how its last run went. */
export function TemplateOverview(props: {
  scorecard: Scorecard;
  viewUrl?: string;
}) {
  const { scorecard, viewUrl } = props;
  const classes = useStyles();
  const facts = scorecard.facts;
  const base = portalBaseFromViewUrl(viewUrl);
  const rows: Array<[string, ReactNode]> = [];
  const location = facts?.location ?? scorecard.location;
  if (location) rows.push(['Location', location]);
  if (facts) {
    rows.push([
      'Source image',
      facts.sourceImage ? (
        <>
          {facts.sourceImage}
          {facts.sourceType && (
            <span className={classes.secondary}> ({facts.sourceType})</span>
          )}
        </>
      ) : (
        facts.sourceType ?? 'not set'
      ),
    ]);
    rows.push([
      'Distribution',
      <Distributions distributions={facts.distributions} base={base} />,
    ]);
    rows.push([
      'Identity',
      <Identities ids={facts.identities} base={base} kind="identity" />,
    ]);
    if (facts.buildVmIdentities.length > 0) {
      rows.push([
        'Build VM identity',
        <Identities
          ids={facts.buildVmIdentities}
          base={base}
          kind="build VM identity"
        />,
      ]);
    }
    rows.push(['Build VM size', facts.vmSize ?? 'default (not set)']);
    if (facts.stagingResourceGroup) {
      rows.push([
        'Staging resource group',
        <ResourceName
          id={facts.stagingResourceGroup}
          base={base}
          kind="resource group"
        />,
      ]);
    }
    rows.push([
      'Last run',
      facts.lastRun ? <LastRun run={facts.lastRun} /> : 'never run',
    ]);
    rows.push([
      'Provisioning state',
      facts.provisioningState ? (
        <RunState state={facts.provisioningState} />
      ) : (
        'not reported'
      ),
    ]);
  }
  rows.push([
    'Subscription',
    scorecard.subscriptionName
      ? `${scorecard.subscriptionName} (${scorecard.subscriptionId})`
      : scorecard.subscriptionId,
  ]);
  rows.push(['Resource group', scorecard.resourceGroup]);

  return (
    <>
      {!facts && (
        <Typography
          variant="body2"
          color="textSecondary"
          className={classes.note}
        >
          The template&apos;s details (source image, distribution, identity,
          last run) appear after the next scan.
        </Typography>
      )}
      <FactList rows={rows} label="Image template overview" />
    </>
  );
}

/**
 * An entity card with the essentials of the current image template: location, source image,
 * distribution targets and regions, identity, build VM size, last run and provisioning state.
 * @public
 */
export function TemplateOverviewCard() {
  const { entity } = useEntity();
  const viewUrl = entity.metadata.annotations?.[VIEW_URL_ANNOTATION];
  return (
    <EntityScorecardCard title="Image template">
      {scorecard => (
        <TemplateOverview scorecard={scorecard} viewUrl={viewUrl} />
      )}
    </EntityScorecardCard>
  );
}
