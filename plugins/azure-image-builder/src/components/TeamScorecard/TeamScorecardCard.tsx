import { useState } from 'react';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { getCompoundEntityRef } from '@backstage/catalog-model';
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import {
  FINDING_STATUSES,
  getRuleMetadata,
  OwnerRollupResponse,
  TeamFinding,
} from '@aib-scorecards/plugin-azure-image-builder-common';
import { useOwnerRollup } from '../../hooks/useOwnerRollup';
import { StatusBadge } from '../ScorecardChecklist/status';
import { OwnerLink } from '../shared/OwnerLink';
import { TemplateLink } from '../shared/TemplateLink';
import { RuleMatrix } from './RuleMatrix';
import {
  matrixRuleIds,
  sortTeamFindings,
  sortTemplatesWorstFirst,
} from './ordering';

/** Defaults of the card's options (extension config `maxFindings`, `maxTemplates`). */
export const DEFAULT_MAX_FINDINGS = 5;
export const DEFAULT_MAX_TEMPLATES = 25;

const useStyles = makeStyles(theme => ({
  summary: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(120px, max-content))',
    columnGap: theme.spacing(4),
    rowGap: theme.spacing(1),
    margin: 0,
    '& dt': { color: theme.palette.text.secondary },
    '& dd': {
      margin: 0,
      fontSize: theme.typography.h5.fontSize,
      fontWeight: theme.typography.fontWeightBold as number,
    },
  },
  counts: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(1, 2),
    listStyle: 'none',
    padding: 0,
    margin: theme.spacing(2, 0),
  },
  count: { display: 'inline-flex', alignItems: 'center', gap: 2 },
  zero: { opacity: 0.6 },
  section: { marginTop: theme.spacing(3) },
  findings: { listStyle: 'none', padding: 0, margin: 0 },
  finding: {
    padding: theme.spacing(1, 0),
    borderBottom: `1px solid ${theme.palette.divider}`,
    '&:last-child': { borderBottom: 'none' },
  },
  findingHeader: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(1),
  },
  ruleId: {
    fontFamily: 'monospace',
    fontSize: '0.85em',
    color: theme.palette.text.secondary,
  },
  owners: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(0.5, 1),
    alignItems: 'baseline',
  },
}));

function formatScore(score: number | null): string {
  return score === null ? 'No score' : String(Math.round(score));
}

function Summary(props: { rollup: OwnerRollupResponse }) {
  const { rollup } = props;
  const classes = useStyles();
  const entries: Array<[string, string, string]> = [
    ['Templates', String(rollup.templateCount), 'aib-team-template-count'],
    ['Average score', formatScore(rollup.averageScore), 'aib-team-average'],
    ['Worst score', formatScore(rollup.worstScore), 'aib-team-worst'],
  ];
  return (
    <>
      <dl className={classes.summary}>
        {entries.map(([term, value, testId]) => (
          <div key={term}>
            <dt>{term}</dt>
            <dd data-testid={testId}>{value}</dd>
          </div>
        ))}
      </dl>
      <ul className={classes.counts} aria-label="Team findings per status">
        {FINDING_STATUSES.map(status => {
          const count = rollup.counts[status] ?? 0;
          return (
            <li
              key={status}
              data-status={status}
              className={`${classes.count} ${count === 0 ? classes.zero : ''}`}
            >
              <StatusBadge status={status} />: {count}
            </li>
          );
        })}
      </ul>
    </>
  );
}

function FindingsList(props: { findings: TeamFinding[]; max: number }) {
  const { findings, max } = props;
  const classes = useStyles();
  const [showAll, setShowAll] = useState(false);
  const shown = showAll ? findings : findings.slice(0, max);
  return (
    <>
      <ol className={classes.findings} aria-label="Findings to fix">
        {shown.map(f => (
          <li
            key={`${f.templateId}/${f.ruleId}`}
            className={classes.finding}
            data-status={f.status}
            data-rule={f.ruleId}
          >
            <div className={classes.findingHeader}>
              <StatusBadge status={f.status} />
              <Typography component="span" variant="body2">
                <strong>{getRuleMetadata(f.ruleId)?.title ?? f.ruleId}</strong>{' '}
                <span className={classes.ruleId}>{f.ruleId}</span> in{' '}
                <TemplateLink entityRef={f.entityRef} name={f.templateName} />
              </Typography>
            </div>
            <Typography variant="body2" color="textSecondary">
              Severity {f.severity}. {f.message}
            </Typography>
          </li>
        ))}
      </ol>
      {findings.length > max && (
        <Button
          size="small"
          color="primary"
          onClick={() => setShowAll(v => !v)}
          aria-expanded={showAll}
        >
          {showAll
            ? `Show the first ${max} findings`
            : `Show all ${findings.length} findings`}
        </Button>
      )}
    </>
  );
}

/**
 * The body of the team scorecard for a loaded rollup: the summary, the findings to fix (failures
 * first), and the rule × template matrix (worst templates first).
 */
export function TeamScorecardView(props: {
  rollup: OwnerRollupResponse;
  kind: string;
  maxFindings?: number;
  maxTemplates?: number;
}) {
  const { rollup, kind } = props;
  const maxFindings = props.maxFindings ?? DEFAULT_MAX_FINDINGS;
  const maxTemplates = props.maxTemplates ?? DEFAULT_MAX_TEMPLATES;
  const classes = useStyles();
  const [showAllTemplates, setShowAllTemplates] = useState(false);

  if (rollup.templateCount === 0 || rollup.templates.length === 0) {
    return (
      <Typography variant="body2">
        {kind === 'user'
          ? 'No image templates are owned by this user or their groups.'
          : 'No image templates are owned by this group or its child groups.'}
      </Typography>
    );
  }

  const findings = sortTeamFindings(rollup.findings);
  const templates = sortTemplatesWorstFirst(rollup.templates);
  const shownTemplates = showAllTemplates
    ? templates
    : templates.slice(0, maxTemplates);
  const others = rollup.owners.filter(
    o =>
      o.toLocaleLowerCase('en-US') !== rollup.owner.toLocaleLowerCase('en-US'),
  );

  return (
    <>
      <Summary rollup={rollup} />
      {others.length > 0 && (
        <Typography variant="body2" component="div" className={classes.owners}>
          Includes the templates of
          {others.map(o => (
            <OwnerLink key={o} entityRef={o} />
          ))}
        </Typography>
      )}
      <section className={classes.section} aria-labelledby="aib-team-findings">
        <Typography variant="h6" component="h3" id="aib-team-findings">
          Findings to fix
        </Typography>
        {findings.length === 0 ? (
          <Typography variant="body2">
            No failures or warnings: every rule passes, does not apply, or could
            not be checked.
          </Typography>
        ) : (
          <FindingsList findings={findings} max={maxFindings} />
        )}
      </section>
      <section className={classes.section} aria-labelledby="aib-team-matrix">
        <Typography variant="h6" component="h3" id="aib-team-matrix">
          Rules by template
        </Typography>
        <RuleMatrix
          templates={shownTemplates}
          ruleIds={matrixRuleIds(rollup.templates)}
        />
        {templates.length > maxTemplates && (
          <Button
            size="small"
            color="primary"
            onClick={() => setShowAllTemplates(v => !v)}
            aria-expanded={showAllTemplates}
          >
            {showAllTemplates
              ? `Show the ${maxTemplates} worst templates`
              : `Show all ${templates.length} templates`}
          </Button>
        )}
      </section>
    </>
  );
}

/**
 * The team scorecard of the current group (its templates and its child groups') or user (the
 * templates of their groups).
 * @public
 */
export function TeamScorecardCard(props: {
  maxFindings?: number;
  maxTemplates?: number;
}) {
  const { entity } = useEntity();
  const ref = getCompoundEntityRef(entity);
  const kind = ref.kind.toLocaleLowerCase('en-US');
  const { loading, rollup, error, retry } = useOwnerRollup(ref);

  let content;
  if (error) {
    content = (
      <>
        <ResponseErrorPanel error={error} />
        <Button variant="outlined" onClick={retry}>
          Retry
        </Button>
      </>
    );
  } else if (loading || !rollup) {
    content = <Progress />;
  } else {
    content = (
      <TeamScorecardView
        rollup={rollup}
        kind={kind}
        maxFindings={props.maxFindings}
        maxTemplates={props.maxTemplates}
      />
    );
  }

  return (
    <InfoCard
      title="Image template scorecard"
      subheader={
        kind === 'user'
          ? "Best practices of the image templates owned by this user's groups"
          : 'Best practices of the image templates owned by this group and its child groups'
      }
    >
      {content}
    </InfoCard>
  );
}
