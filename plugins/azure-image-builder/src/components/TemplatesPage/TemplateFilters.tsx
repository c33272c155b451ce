import Button from '@material-ui/core/Button';
import TextField from '@material-ui/core/TextField';
import { makeStyles } from '@material-ui/core/styles';
import {
  FINDING_STATUSES,
  FindingStatus,
  RuleCatalogEntry,
  TemplateListQuery,
} from '@aib-scorecards/plugin-azure-image-builder-common';
import { statusLabel } from '../ScorecardChecklist/status';
import { OwnerFilter } from './OwnerFilter';
import { SearchField } from './SearchField';
import { SubscriptionFilter } from './SubscriptionFilter';
import { hasFilters } from './query';

const useStyles = makeStyles(theme => ({
  root: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(220px, 1fr))',
    gap: theme.spacing(2),
    alignItems: 'start',
  },
  wide: { gridColumn: 'span 2' },
  clear: { alignSelf: 'center', justifySelf: 'start' },
}));

/** The filters of the templates page; every change is reported as a partial query. */
export function TemplateFilters(props: {
  query: TemplateListQuery;
  rules: RuleCatalogEntry[] | undefined;
  seenOwners: string[];
  knownSubscriptions: Map<string, string | undefined>;
  onChange: (changes: Partial<TemplateListQuery>) => void;
}) {
  const { query, rules, seenOwners, knownSubscriptions, onChange } = props;
  const classes = useStyles();
  const ruleIds = new Set((rules ?? []).map(r => r.id));
  const ruleOptions = [...(rules ?? []).filter(r => r.enabled)];
  // A rule from a shared link that the catalog no longer has still shows as selected.
  if (query.rule && !ruleIds.has(query.rule)) {
    ruleOptions.push({ id: query.rule, title: query.rule } as RuleCatalogEntry);
  }

  return (
    <div className={classes.root} role="search" aria-label="Filter templates">
      <div className={classes.wide}>
        <SearchField
          value={query.q ?? ''}
          onChange={q => onChange({ q: q || undefined })}
        />
      </div>
      <OwnerFilter
        value={query.owner ?? []}
        seenOwners={seenOwners}
        onChange={owner => onChange({ owner })}
      />
      <SubscriptionFilter
        value={query.subscription ?? []}
        known={knownSubscriptions}
        onChange={subscription => onChange({ subscription })}
      />
      <TextField
        id="aib-rule-filter"
        select
        variant="outlined"
        size="small"
        label="Rule"
        value={query.rule ?? ''}
        SelectProps={{ native: true }}
        InputLabelProps={{ shrink: true }}
        onChange={e => {
          const rule = e.target.value || undefined;
          // Picking a rule means "templates failing it" unless a status is already chosen.
          onChange(rule && !query.status ? { rule, status: 'fail' } : { rule });
        }}
      >
        <option value="">Any rule</option>
        {ruleOptions.map(rule => (
          <option key={rule.id} value={rule.id}>
            {rule.title === rule.id ? rule.id : `${rule.title} (${rule.id})`}
          </option>
        ))}
      </TextField>
      <TextField
        id="aib-status-filter"
        select
        variant="outlined"
        size="small"
        label="Status"
        helperText={query.rule ? 'of the selected rule' : 'of any finding'}
        value={query.status ?? ''}
        SelectProps={{ native: true }}
        InputLabelProps={{ shrink: true }}
        onChange={e =>
          onChange({
            status: (e.target.value || undefined) as FindingStatus | undefined,
          })
        }
      >
        <option value="">Any status</option>
        {FINDING_STATUSES.map(status => (
          <option key={status} value={status}>
            {statusLabel(status)}
          </option>
        ))}
      </TextField>
      {hasFilters(query) && (
        <Button
          className={classes.clear}
          variant="text"
          color="primary"
          onClick={() =>
            onChange({
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
      )}
    </div>
  );
}
