import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import { makeStyles } from '@material-ui/core/styles';
import {
  FINDING_STATUSES,
  getRuleMetadata,
  TemplateSummary,
} from '@aib-scorecards/plugin-azure-image-builder-common';
import { StatusBadge, StatusIcon } from '../ScorecardChecklist/status';
import { TemplateLink } from '../shared/TemplateLink';
import { visuallyHidden } from '../shared/visuallyHidden';

const useStyles = makeStyles(theme => ({
  scroll: { overflowX: 'auto', maxWidth: '100%' },
  table: { width: 'auto' },
  ruleHeader: {
    verticalAlign: 'bottom',
    padding: theme.spacing(1, 0.25),
  },
  // Rule ids are long; written bottom-to-top they keep each column one icon wide.
  vertical: {
    writingMode: 'vertical-rl',
    transform: 'rotate(180deg)',
    whiteSpace: 'nowrap',
    fontFamily: 'monospace',
    fontSize: '0.8rem',
    fontWeight: 'normal',
  },
  cell: { padding: theme.spacing(0.5, 0.25), textAlign: 'center' },
  rowHeader: { whiteSpace: 'nowrap', paddingRight: theme.spacing(2) },
  score: {
    fontVariantNumeric: 'tabular-nums',
    textAlign: 'right',
    whiteSpace: 'nowrap',
    verticalAlign: 'bottom',
  },
  none: { color: theme.palette.text.secondary },
  legend: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(1, 2),
    listStyle: 'none',
    padding: 0,
    margin: theme.spacing(1, 0, 0),
  },
  visuallyHidden,
}));

/**
 * Rows are templates, columns rule ids, cells the rule's status as an icon named by the status
 * (shapes differ, and a legend spells them out). A rule with no result for a template shows a dash.
 */
export function RuleMatrix(props: {
  templates: TemplateSummary[];
  ruleIds: string[];
}) {
  const { templates, ruleIds } = props;
  const classes = useStyles();
  return (
    <>
      <div
        className={classes.scroll}
        role="region"
        aria-label="Rules by template (scrolls horizontally)"
        // Focusable so keyboard users can scroll a matrix wider than the card (its cells hold no
        // focusable element); axe's scrollable-region-focusable asks for exactly this.
        // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
        tabIndex={0}
      >
        <Table
          size="small"
          className={classes.table}
          aria-label="Rules by template"
        >
          <TableHead>
            <TableRow>
              <TableCell>Template</TableCell>
              <TableCell className={classes.score}>Score</TableCell>
              {ruleIds.map(id => (
                <TableCell
                  key={id}
                  className={classes.ruleHeader}
                  title={getRuleMetadata(id)?.title}
                  scope="col"
                >
                  <span className={classes.vertical}>{id}</span>
                </TableCell>
              ))}
            </TableRow>
          </TableHead>
          <TableBody>
            {templates.map(t => (
              <TableRow key={t.templateId} data-template={t.templateName}>
                <TableCell
                  component="th"
                  scope="row"
                  role="rowheader"
                  className={classes.rowHeader}
                >
                  <TemplateLink entityRef={t.entityRef} name={t.templateName} />
                </TableCell>
                <TableCell className={classes.score}>
                  {t.score === null ? (
                    <span className={classes.none}>No score</span>
                  ) : (
                    t.score
                  )}
                </TableCell>
                {ruleIds.map(id => {
                  const status = t.statuses?.[id];
                  return (
                    <TableCell
                      key={id}
                      className={classes.cell}
                      data-rule={id}
                      data-status={status ?? 'none'}
                    >
                      {status ? (
                        <StatusIcon status={status} />
                      ) : (
                        <span className={classes.none}>
                          <span aria-hidden="true">–</span>
                          <span className={classes.visuallyHidden}>
                            No result
                          </span>
                        </span>
                      )}
                    </TableCell>
                  );
                })}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>
      <ul className={classes.legend} aria-label="Legend">
        {FINDING_STATUSES.map(status => (
          <li key={status}>
            <StatusBadge status={status} />
          </li>
        ))}
      </ul>
    </>
  );
}
