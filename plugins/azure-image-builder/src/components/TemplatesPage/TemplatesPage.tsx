import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import Button from '@material-ui/core/Button';
import Paper from '@material-ui/core/Paper';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  Content,
  EmptyState,
  Header,
  Page,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import {
  TemplateListQuery,
  TemplateListResponse,
} from '@aib-scorecards/plugin-azure-image-builder-common';
import { useTemplateList } from '../../hooks/useTemplateList';
import { useRuleCatalog } from '../../hooks/useRules';
import { ExportCsvButton } from './ExportCsvButton';
import { RuleSummaryTable } from './RuleSummaryTable';
import { TemplateFilters } from './TemplateFilters';
import { TemplatesTable } from './TemplatesTable';
import {
  DEFAULT_PAGE_SIZE,
  hasFilters,
  parseTemplateQuery,
  toSearchParams,
} from './query';

const useStyles = makeStyles(theme => ({
  root: { display: 'grid', gap: theme.spacing(3), minWidth: 0 },
  toolbar: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    justifyContent: 'space-between',
    gap: theme.spacing(2),
  },
  results: { minWidth: 0 },
}));

/** Owners and subscriptions seen in the pages loaded so far, as options for the filters. */
function useSeenValues(response: TemplateListResponse | undefined) {
  const [seen, setSeen] = useState(() => ({
    owners: [] as string[],
    subscriptions: new Map<string, string | undefined>(),
  }));
  useEffect(() => {
    if (!response?.items.length) return;
    setSeen(prev => {
      const owners = new Set(prev.owners);
      const subscriptions = new Map(prev.subscriptions);
      let changed = false;
      for (const t of response.items) {
        if (t.owner && !owners.has(t.owner)) {
          owners.add(t.owner);
          changed = true;
        }
        if (
          t.subscriptionId &&
          (!subscriptions.has(t.subscriptionId) ||
            (t.subscriptionName && !subscriptions.get(t.subscriptionId)))
        ) {
          subscriptions.set(t.subscriptionId, t.subscriptionName);
          changed = true;
        }
      }
      return changed ? { owners: [...owners], subscriptions } : prev;
    });
  }, [response]);
  return seen;
}

/**
 * The templates page without a header: every template with its score, filtered, sorted and paged
 * by the backend, with the filters in the URL so a view can be shared.
 * @public
 */
export function TemplatesPageContent(props: { pageSize?: number }) {
  const pageSize = props.pageSize ?? DEFAULT_PAGE_SIZE;
  const classes = useStyles();
  const [searchParams, setSearchParams] = useSearchParams();
  const query = useMemo(
    () => parseTemplateQuery(searchParams, pageSize),
    [searchParams, pageSize],
  );
  const { loading, response, error, retry } = useTemplateList(query);
  const { rules } = useRuleCatalog();
  const seen = useSeenValues(response);
  const resultsRef = useRef<HTMLDivElement>(null);

  const update = useCallback(
    (changes: Partial<TemplateListQuery>) => {
      const next: TemplateListQuery = { ...query, ...changes };
      // Any change other than paging starts again at the first page.
      if (!('offset' in changes)) next.offset = 0;
      // Typing in the search box should not add a history entry per pause.
      const replace = Object.keys(changes).every(k => k === 'q');
      setSearchParams(toSearchParams(next, pageSize), { replace });
    },
    [query, setSearchParams, pageSize],
  );

  // A shared link may point past the last page once templates are gone: go to the last page.
  useEffect(() => {
    if (
      response &&
      !loading &&
      response.items.length === 0 &&
      (query.offset ?? 0) > 0 &&
      response.totalCount > 0
    ) {
      const limit = query.limit ?? pageSize;
      update({
        offset: Math.floor((response.totalCount - 1) / limit) * limit,
      });
    }
  }, [response, loading, query, pageSize, update]);

  const filtered = hasFilters(query);
  let results;
  if (error) {
    results = (
      <>
        <ResponseErrorPanel
          error={error}
          title="Could not load the templates"
        />
        <Button variant="outlined" onClick={retry}>
          Retry
        </Button>
      </>
    );
  } else if (!response) {
    results = <Progress />;
  } else if (response.totalCount === 0 && !filtered) {
    results = (
      <EmptyState
        missing="data"
        title="No image templates yet"
        description="Templates appear here once the backend has scanned the configured Azure subscriptions or snapshots. Scans run on a schedule (every 30 minutes by default)."
      />
    );
  } else {
    results = (
      <Paper className={classes.results}>
        <TemplatesTable
          response={response}
          query={query}
          loading={loading}
          emptyMessage={
            <>
              No templates match these filters.{' '}
              <Button
                color="primary"
                size="small"
                onClick={() =>
                  update({
                    owner: undefined,
                    subscription: undefined,
                    rule: undefined,
                    status: undefined,
                    q: undefined,
                  })
                }
              >
                Clear filters
              </Button>
            </>
          }
          onSort={(sort, order) => update({ sort, order })}
          onPage={(offset, limit) => update({ offset, limit })}
        />
      </Paper>
    );
  }

  return (
    <div className={classes.root}>
      <TemplateFilters
        query={query}
        rules={rules}
        seenOwners={seen.owners}
        knownSubscriptions={seen.subscriptions}
        onChange={update}
      />
      <div className={classes.toolbar} ref={resultsRef}>
        <Typography variant="body2" role="status" aria-live="polite">
          {response
            ? `${response.totalCount} template${
                response.totalCount === 1 ? '' : 's'
              }${filtered ? ' match the filters' : ''}`
            : ''}
        </Typography>
        <ExportCsvButton query={query} />
      </div>
      {results}
      <RuleSummaryTable
        owner={query.owner}
        rules={rules}
        selected={{ rule: query.rule, status: query.status }}
        onSelect={(rule, status) => {
          update({ rule, status });
          // The summary is below the table: bring the filtered table into view.
          resultsRef.current?.scrollIntoView?.({ block: 'start' });
        }}
      />
    </div>
  );
}

/**
 * The "Image templates" page for the legacy frontend system, with its header.
 * @public
 */
export function TemplatesPage(props: { pageSize?: number }) {
  return (
    <Page themeId="tool">
      <Header
        title="Image templates"
        subtitle="Best-practice scores of every Azure VM Image Builder template"
      />
      <Content>
        <TemplatesPageContent pageSize={props.pageSize} />
      </Content>
    </Page>
  );
}

/**
 * The page body for the new frontend system, where the app's page layout draws the header.
 * @internal
 */
export function NfsTemplatesPage(props: { pageSize?: number }) {
  return (
    <Content>
      <TemplatesPageContent pageSize={props.pageSize} />
    </Content>
  );
}
