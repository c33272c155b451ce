import LinearProgress from '@material-ui/core/LinearProgress';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TablePagination from '@material-ui/core/TablePagination';
import TableRow from '@material-ui/core/TableRow';
import TableSortLabel from '@material-ui/core/TableSortLabel';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  TemplateListQuery,
  TemplateListResponse,
  TemplateSortKey,
  TemplateSummary,
} from '@aib-scorecards/plugin-azure-image-builder-common';
import { ReactNode } from 'react';
import {
  formatAbsoluteTime,
  formatRelativeTime,
} from '../ScorecardChecklist/format';
import { OwnerLink } from '../shared/OwnerLink';
import { TemplateLink } from '../shared/TemplateLink';
import { visuallyHidden } from '../shared/visuallyHidden';

/** Page sizes the pager offers. */
export const PAGE_SIZE_OPTIONS = [25, 50, 100];

const useStyles = makeStyles(theme => ({
  scroll: { overflowX: 'auto' },
  table: {
    minWidth: 900,
    // The default cell padding leaves too little room for ten columns at 1280 px.
    '& th, & td': { padding: theme.spacing(0.75, 1) },
    '& th:first-child, & td:first-child': { paddingLeft: theme.spacing(2) },
  },
  header: { whiteSpace: 'nowrap' },
  nowrap: { whiteSpace: 'nowrap' },
  progress: { height: 4 },
  progressPlaceholder: { height: 4 },
  number: { fontVariantNumeric: 'tabular-nums' },
  score: { fontWeight: theme.typography.fontWeightBold as number },
  zero: { color: theme.palette.text.secondary },
  name: { overflowWrap: 'anywhere', minWidth: 160 },
  owner: { minWidth: 110 },
  secondary: { color: theme.palette.text.secondary },
  stale: {
    display: 'block',
    color: theme.palette.warning.dark,
    fontSize: theme.typography.caption.fontSize,
  },
  visuallyHidden,
}));

interface Column {
  id: string;
  label: string;
  /** The backend sort key, for sortable columns. */
  sort?: TemplateSortKey;
  numeric?: boolean;
  render: (template: TemplateSummary) => ReactNode;
}

function Count(props: { value: number | undefined }) {
  const classes = useStyles();
  const value = props.value ?? 0;
  return (
    <span className={value === 0 ? classes.zero : undefined}>{value}</span>
  );
}

function Score(props: { score: number | null }) {
  const classes = useStyles();
  return props.score === null ? (
    <span className={classes.secondary}>No score</span>
  ) : (
    <span className={classes.score}>{props.score}</span>
  );
}

function LastRun(props: { template: TemplateSummary }) {
  const { lastRunState, lastRunTime } = props.template;
  const classes = useStyles();
  if (!lastRunState && !lastRunTime) {
    return <span className={classes.secondary}>Never</span>;
  }
  return (
    <>
      {lastRunState ?? 'Unknown'}
      {lastRunTime && (
        <time
          className={classes.secondary}
          dateTime={lastRunTime}
          title={formatAbsoluteTime(lastRunTime)}
          style={{ display: 'block' }}
        >
          {formatRelativeTime(lastRunTime)}
        </time>
      )}
    </>
  );
}

function Name(props: { template: TemplateSummary }) {
  const { template } = props;
  const classes = useStyles();
  return (
    <>
      <TemplateLink
        entityRef={template.entityRef}
        name={template.templateName}
      />
      {template.stale && (
        <span className={classes.stale}>
          Stale since {formatAbsoluteTime(template.stale.since)}
        </span>
      )}
    </>
  );
}

const COLUMNS: Column[] = [
  {
    id: 'name',
    label: 'Template',
    sort: 'name',
    render: t => <Name template={t} />,
  },
  {
    id: 'score',
    label: 'Score',
    sort: 'score',
    numeric: true,
    render: t => <Score score={t.score} />,
  },
  {
    id: 'fail',
    label: 'Fail',
    sort: 'fail',
    numeric: true,
    render: t => <Count value={t.counts.fail} />,
  },
  {
    id: 'warn',
    label: 'Warning',
    numeric: true,
    render: t => <Count value={t.counts.warn} />,
  },
  {
    id: 'unknown',
    label: 'Unknown',
    numeric: true,
    render: t => <Count value={t.counts.unknown} />,
  },
  {
    id: 'pass',
    label: 'Pass',
    numeric: true,
    render: t => <Count value={t.counts.pass} />,
  },
  {
    id: 'owner',
    label: 'Owner',
    sort: 'owner',
    render: t => <OwnerLink entityRef={t.owner} />,
  },
  {
    id: 'subscription',
    label: 'Subscription',
    sort: 'subscription',
    render: t => t.subscriptionName ?? t.subscriptionId,
  },
  {
    id: 'location',
    label: 'Location',
    sort: 'location',
    render: t => t.location ?? '',
  },
  {
    id: 'lastRun',
    label: 'Last run',
    sort: 'lastRun',
    render: t => <LastRun template={t} />,
  },
];

function HeaderLabel(props: { column: Column }) {
  // Words only: with an icon per count column the ten columns do not fit at 1280 px.
  return <>{props.column.label}</>;
}

/**
 * One page of templates. Sorting and paging are done by the backend: the header and the pager
 * only report what the user asked for.
 */
export function TemplatesTable(props: {
  response: TemplateListResponse;
  query: TemplateListQuery;
  loading: boolean;
  emptyMessage: ReactNode;
  onSort: (sort: TemplateSortKey, order: 'asc' | 'desc') => void;
  onPage: (offset: number, limit: number) => void;
}) {
  const { response, query, loading, emptyMessage, onSort, onPage } = props;
  const classes = useStyles();
  const limit = query.limit ?? response.limit;
  const cellClass = (column: Column) => {
    if (column.id === 'name') return classes.name;
    if (column.id === 'owner') return classes.owner;
    if (column.numeric) return `${classes.number} ${classes.nowrap}`;
    return column.id === 'location' || column.id === 'lastRun'
      ? classes.nowrap
      : undefined;
  };
  const page = Math.floor((query.offset ?? 0) / limit);

  return (
    <>
      {loading ? (
        <LinearProgress
          className={classes.progress}
          aria-label="Loading templates"
        />
      ) : (
        <div className={classes.progressPlaceholder} />
      )}
      <div className={classes.scroll}>
        <Table
          size="small"
          className={classes.table}
          aria-label="Image templates"
          aria-busy={loading}
        >
          <TableHead>
            <TableRow>
              {COLUMNS.map(column => {
                const active = column.sort && query.sort === column.sort;
                const direction = active ? query.order ?? 'asc' : 'asc';
                return (
                  <TableCell
                    key={column.id}
                    align={column.numeric ? 'right' : 'left'}
                    sortDirection={active ? direction : false}
                    className={classes.header}
                  >
                    {column.sort ? (
                      <TableSortLabel
                        active={Boolean(active)}
                        direction={direction}
                        onClick={() =>
                          onSort(
                            column.sort!,
                            active && direction === 'asc' ? 'desc' : 'asc',
                          )
                        }
                      >
                        <HeaderLabel column={column} />
                        {active && (
                          <span className={classes.visuallyHidden}>
                            {direction === 'desc'
                              ? ', sorted descending'
                              : ', sorted ascending'}
                          </span>
                        )}
                      </TableSortLabel>
                    ) : (
                      <HeaderLabel column={column} />
                    )}
                  </TableCell>
                );
              })}
            </TableRow>
          </TableHead>
          <TableBody>
            {response.items.length === 0 ? (
              <TableRow>
                <TableCell colSpan={COLUMNS.length}>
                  <Typography variant="body2">{emptyMessage}</Typography>
                </TableCell>
              </TableRow>
            ) : (
              response.items.map(template => (
                <TableRow key={template.templateId} hover>
                  {COLUMNS.map(column => (
                    <TableCell
                      key={column.id}
                      align={column.numeric ? 'right' : 'left'}
                      className={cellClass(column)}
                      data-column={column.id}
                    >
                      {column.render(template)}
                    </TableCell>
                  ))}
                </TableRow>
              ))
            )}
          </TableBody>
        </Table>
      </div>
      <TablePagination
        component="div"
        count={response.totalCount}
        page={
          // A shared link may point past the end after templates were removed.
          response.totalCount > 0 && page * limit >= response.totalCount
            ? Math.max(0, Math.ceil(response.totalCount / limit) - 1)
            : page
        }
        rowsPerPage={limit}
        rowsPerPageOptions={
          PAGE_SIZE_OPTIONS.includes(limit)
            ? PAGE_SIZE_OPTIONS
            : [...PAGE_SIZE_OPTIONS, limit].sort((a, b) => a - b)
        }
        onPageChange={(_event, next) => onPage(next * limit, limit)}
        onRowsPerPageChange={event =>
          onPage(0, parseInt(event.target.value, 10))
        }
        labelRowsPerPage="Templates per page:"
      />
    </>
  );
}
