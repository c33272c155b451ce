import Button from '@material-ui/core/Button';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import {
  FindingStatus,
  getRuleMetadata,
  RuleCatalogEntry,
  RuleSummary,
} from '@aib-scorecards/plugin-azure-image-builder-common';
import { useRuleSummary } from '../../hooks/useRules';
import { StatusIcon, statusLabel } from '../ScorecardChecklist/status';

/** The statuses the summary shows, and which of them filter the table when clicked. */
const SUMMARY_STATUSES: Array<{ status: FindingStatus; clickable: boolean }> = [
  { status: 'fail', clickable: true },
  { status: 'warn', clickable: true },
  { status: 'unknown', clickable: true },
  { status: 'pass', clickable: false },
  { status: 'not-applicable', clickable: false },
];

const useStyles = makeStyles(theme => ({
  scroll: { overflowX: 'auto' },
  number: { fontVariantNumeric: 'tabular-nums' },
  zero: { color: theme.palette.text.secondary },
  ruleId: {
    display: 'block',
    color: theme.palette.text.secondary,
    fontFamily: 'monospace',
    fontSize: '0.85em',
  },
  header: {
    display: 'inline-flex',
    alignItems: 'center',
    gap: theme.spacing(0.5),
  },
  count: { minWidth: 0, padding: theme.spacing(0, 1) },
  selected: { backgroundColor: theme.palette.action.selected },
}));

function ruleNumber(ruleId: string): number {
  return getRuleMetadata(ruleId)?.number ?? Number.MAX_SAFE_INTEGER;
}

/** Most failures first, then in the rule pack's order. */
function sortSummaries(rules: RuleSummary[]): RuleSummary[] {
  return [...rules].sort(
    (a, b) =>
      (b.counts.fail ?? 0) - (a.counts.fail ?? 0) ||
      ruleNumber(a.ruleId) - ruleNumber(b.ruleId) ||
      a.ruleId.localeCompare(b.ruleId),
  );
}

/**
 * Per rule, how many templates pass, fail, warn or could not be checked. A non-zero fail, warning
 * or unknown count is a button that filters the table to those templates.
 */
export function RuleSummaryTable(props: {
  owner?: string[];
  rules: RuleCatalogEntry[] | undefined;
  selected: { rule?: string; status?: FindingStatus };
  onSelect: (rule: string, status: FindingStatus) => void;
}) {
  const { owner, rules, selected, onSelect } = props;
  const classes = useStyles();
  const { loading, summary, error, retry } = useRuleSummary(owner);
  const titles = new Map((rules ?? []).map(r => [r.id, r.title]));
  const scope = owner?.length ? 'the selected owners' : 'the organisation';

  let content;
  if (error) {
    content = (
      <>
        <ResponseErrorPanel error={error} />
        <Button onClick={retry}>Retry</Button>
      </>
    );
  } else if (!summary) {
    content = loading ? <Progress /> : null;
  } else if (summary.rules.length === 0) {
    content = (
      <Typography variant="body2">No rule has a result yet.</Typography>
    );
  } else {
    content = (
      <div className={classes.scroll}>
        <Table size="small" aria-label="Results per rule">
          <TableHead>
            <TableRow>
              <TableCell>Rule</TableCell>
              {SUMMARY_STATUSES.map(({ status }) => (
                <TableCell key={status} align="right">
                  <span className={classes.header}>
                    <span aria-hidden="true">
                      <StatusIcon status={status} />
                    </span>
                    {statusLabel(status)}
                  </span>
                </TableCell>
              ))}
            </TableRow>
          </TableHead>
          <TableBody>
            {sortSummaries(summary.rules).map(rule => {
              const title =
                titles.get(rule.ruleId) ??
                getRuleMetadata(rule.ruleId)?.title ??
                rule.ruleId;
              return (
                <TableRow key={rule.ruleId} data-rule={rule.ruleId}>
                  <TableCell component="th" scope="row" role="rowheader">
                    {title}
                    <span className={classes.ruleId}>{rule.ruleId}</span>
                  </TableCell>
                  {SUMMARY_STATUSES.map(({ status, clickable }) => {
                    const count = rule.counts[status] ?? 0;
                    const isSelected =
                      selected.rule === rule.ruleId &&
                      selected.status === status;
                    return (
                      <TableCell
                        key={status}
                        align="right"
                        className={`${classes.number} ${
                          isSelected ? classes.selected : ''
                        }`}
                        data-status={status}
                      >
                        {clickable && count > 0 ? (
                          <Button
                            className={classes.count}
                            color="primary"
                            size="small"
                            aria-pressed={isSelected}
                            aria-label={`Show the ${count} template${
                              count === 1 ? '' : 's'
                            } with ${statusLabel(
                              status,
                            ).toLocaleLowerCase()} for ${rule.ruleId}`}
                            onClick={() => onSelect(rule.ruleId, status)}
                          >
                            {count}
                          </Button>
                        ) : (
                          <span className={count === 0 ? classes.zero : ''}>
                            {count}
                          </span>
                        )}
                      </TableCell>
                    );
                  })}
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      </div>
    );
  }

  return (
    <InfoCard
      title="Results per rule"
      subheader={
        summary
          ? `Across ${scope}: ${summary.templateCount} template${
              summary.templateCount === 1 ? '' : 's'
            }. Select a count to list those templates.`
          : `Across ${scope}`
      }
    >
      {content}
    </InfoCard>
  );
}
