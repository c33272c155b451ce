import { MouseEvent } from 'react';
import Link from '@material-ui/core/Link';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { InfoCard } from '@backstage/core-components';
import {
  Finding,
  getRuleMetadata,
} from '@aib-scorecards/plugin-azure-image-builder-common';
import { StatusBadge } from './status';
import { findingAnchorId, OTHER_PRACTICE } from './grouping';
import { goToAnchor } from './anchors';

const useStyles = makeStyles(theme => ({
  list: { listStyle: 'none', margin: 0, padding: 0 },
  item: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'baseline',
    gap: theme.spacing(0.5, 1),
    padding: theme.spacing(0.75, 0),
    '& + &': { borderTop: `1px solid ${theme.palette.divider}` },
  },
  badge: { minWidth: '6.5em' },
  context: { color: theme.palette.text.secondary },
}));

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** "2 failures and 1 warning". */
export function attentionSummary(findings: readonly Finding[]): string {
  const fails = findings.filter(f => f.status === 'fail').length;
  const warns = findings.filter(f => f.status === 'warn').length;
  const parts = [];
  if (fails) parts.push(plural(fails, 'failure', 'failures'));
  if (warns) parts.push(plural(warns, 'warning', 'warnings'));
  return parts.join(' and ');
}

function onAnchorClick(event: MouseEvent<HTMLElement>, id: string) {
  // Let modified clicks (new tab, new window) do what the browser does with the href.
  if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) {
    return;
  }
  if (goToAnchor(id)) event.preventDefault();
}

/**
 * The failures and warnings at the top of the page, each linking to its place in the grouped
 * checklist, so what needs fixing is visible at a glance.
 */
export function NeedsAttention(props: {
  findings: readonly Finding[];
  unknownCount: number;
}) {
  const { findings, unknownCount } = props;
  const classes = useStyles();
  const unknownNote =
    unknownCount > 0
      ? ` ${plural(
          unknownCount,
          'result',
          'results',
        )} could not be checked (Unknown): see the checklist for why.`
      : '';
  return (
    <InfoCard
      title="Needs attention"
      titleTypographyProps={{ component: 'h2' }}
      subheader={
        findings.length > 0
          ? `${attentionSummary(findings)}, most important first.${unknownNote}`
          : undefined
      }
    >
      {findings.length === 0 ? (
        <Typography variant="body2">
          Nothing needs attention: no rule failed or warned.{unknownNote}
        </Typography>
      ) : (
        <ul className={classes.list} aria-label="Needs attention">
          {findings.map(finding => {
            const metadata = getRuleMetadata(finding.ruleId);
            const id = findingAnchorId(finding.ruleId);
            return (
              <li key={finding.ruleId} className={classes.item}>
                <span className={classes.badge}>
                  <StatusBadge status={finding.status} />
                </span>
                <Link href={`#${id}`} onClick={e => onAnchorClick(e, id)}>
                  {metadata?.title ?? finding.ruleId}
                </Link>
                <Typography
                  variant="body2"
                  component="span"
                  className={classes.context}
                >
                  {finding.severity} severity ·{' '}
                  {metadata?.practice ?? OTHER_PRACTICE}
                </Typography>
              </li>
            );
          })}
        </ul>
      )}
    </InfoCard>
  );
}
