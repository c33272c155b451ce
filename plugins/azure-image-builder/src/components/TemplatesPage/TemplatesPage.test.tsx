import {
  act,
  fireEvent,
  screen,
  waitFor,
  within,
} from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useLocation } from 'react-router-dom';
import { Entity } from '@backstage/catalog-model';
import { alertApiRef } from '@backstage/core-plugin-api';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { catalogApiRef, entityRouteRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { azureImageBuilderApiRef } from '../../api';
import {
  listResponse,
  mockApi,
  templateSummary,
} from '../../__testUtils__/templates';
import { backendError } from '../../__testUtils__/mockScorecardApi';
import { TemplatesPageContent } from './TemplatesPage';
import { SEARCH_DEBOUNCE_MS } from './SearchField';

const group = (name: string, displayName: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name, namespace: 'default' },
  spec: { type: 'team', profile: { displayName }, children: [] },
});

const ubuntu = templateSummary(
  'it-ubuntu',
  { 'template-lock': 'pass', 'own-subnets': 'fail' },
  { score: 50 },
);
const windows = templateSummary(
  'it-windows',
  { 'template-lock': 'warn', 'own-subnets': 'unknown' },
  {
    score: null,
    owner: 'group:default/team-b',
    subscriptionId: 'sub-2',
    subscriptionName: undefined,
    location: 'northeurope',
    lastRunState: undefined,
    lastRunTime: undefined,
    stale: { since: '2025-03-04T09:00:00Z', reason: 'AuthorizationFailed' },
  },
);

function CurrentSearch() {
  return <div data-testid="search">{useLocation().search}</div>;
}

const search = () =>
  new URLSearchParams(screen.getByTestId('search').textContent ?? '');

// MUI renders slowly in jsdom on a shared machine.
jest.setTimeout(30_000);

const alertApi = { post: jest.fn(), alert$: jest.fn() };

async function render(
  api = mockApi(),
  options: { url?: string; pageSize?: number } = {},
) {
  const catalogApi = catalogApiMock({
    entities: [group('team-a', 'Team A'), group('team-b', 'Team B')],
  });
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [azureImageBuilderApiRef, api],
        [catalogApiRef, catalogApi],
        [alertApiRef, alertApi],
      ]}
    >
      <TemplatesPageContent pageSize={options.pageSize} />
      <CurrentSearch />
    </TestApiProvider>,
    {
      routeEntries: [options.url ?? '/'],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    },
  );
  return api;
}

function rows() {
  const table = screen.getByRole('table', { name: 'Image templates' });
  return within(table).getAllByRole('row').slice(1);
}

function cell(row: HTMLElement, column: string) {
  return row.querySelector(`[data-column="${column}"]`)!;
}

describe('TemplatesPageContent', () => {
  beforeEach(() => {
    jest.spyOn(Date, 'now').mockReturnValue(Date.parse('2025-03-04T10:00:00Z'));
  });
  afterEach(() => jest.restoreAllMocks());

  it('asks the backend for the first page and shows one row per template', async () => {
    const api = mockApi();
    api.listTemplates.mockResolvedValue(listResponse([ubuntu, windows]));
    await render(api);

    await screen.findByRole('link', { name: 'it-ubuntu' });
    expect(api.listTemplates).toHaveBeenCalledWith({ offset: 0, limit: 25 });
    const [first, second] = rows();
    expect(
      within(first).getByRole('link', { name: 'it-ubuntu' }),
    ).toHaveAttribute('href', '/catalog/default/resource/aib-it-ubuntu');
    expect(cell(first, 'score')).toHaveTextContent('50');
    expect(cell(first, 'fail')).toHaveTextContent('1');
    expect(cell(first, 'pass')).toHaveTextContent('1');
    expect(cell(first, 'warn')).toHaveTextContent('0');
    expect(
      within(cell(first, 'owner') as HTMLElement).getByRole('link'),
    ).toHaveAttribute('href', '/catalog/default/group/team-a');
    expect(cell(first, 'subscription')).toHaveTextContent('Production');
    expect(cell(first, 'location')).toHaveTextContent('westeurope');
    expect(cell(first, 'lastRun')).toHaveTextContent('Succeeded3 days ago');

    expect(cell(second, 'score')).toHaveTextContent('No score');
    expect(cell(second, 'subscription')).toHaveTextContent('sub-2');
    expect(cell(second, 'lastRun')).toHaveTextContent('Never');
    expect(cell(second, 'name')).toHaveTextContent(
      'Stale since 2025-03-04 09:00 UTC',
    );
    expect(screen.getByRole('status')).toHaveTextContent('2 templates');
  });

  it('renders only the page it got, however many templates there are', async () => {
    const api = mockApi();
    const page = Array.from({ length: 25 }, (_, i) =>
      templateSummary(`t-${String(i).padStart(4, '0')}`, {}),
    );
    api.listTemplates.mockResolvedValue(listResponse(page, 5000));
    await render(api);
    await screen.findByRole('link', { name: 't-0000' });
    expect(rows()).toHaveLength(25);
    expect(screen.getByText('1-25 of 5000')).toBeInTheDocument();
    expect(api.listTemplates).toHaveBeenCalledTimes(1);
    expect(api.listTemplates.mock.calls[0][0]).toMatchObject({ limit: 25 });
  });

  it('pages through the backend with offset and limit', async () => {
    const api = mockApi();
    api.listTemplates.mockImplementation(async q =>
      listResponse(
        [templateSummary(`page-at-${q?.offset}`, {})],
        60,
        q?.offset,
        q?.limit,
      ),
    );
    await render(api);
    await screen.findByRole('link', { name: 'page-at-0' });

    await userEvent.click(screen.getByRole('button', { name: 'Next page' }));
    await screen.findByRole('link', { name: 'page-at-25' });
    expect(api.listTemplates).toHaveBeenLastCalledWith({
      offset: 25,
      limit: 25,
    });
    expect(search().get('offset')).toBe('25');

    // Changing the page size goes back to the first page.
    await userEvent.click(screen.getByRole('button', { name: /per page/i }));
    await userEvent.click(screen.getByRole('option', { name: '50' }));
    await waitFor(() =>
      expect(api.listTemplates).toHaveBeenLastCalledWith({
        offset: 0,
        limit: 50,
      }),
    );
    expect(search().get('limit')).toBe('50');
    expect(search().get('offset')).toBeNull();
  });

  it('reads the filters from the URL, so a link can be shared', async () => {
    const api = mockApi();
    await render(api, {
      url: '/?owner=group%3Adefault%2Fteam-b&subscription=sub-2&rule=template-lock&status=warn&q=win&sort=score&order=desc&offset=50',
    });
    await waitFor(() =>
      expect(api.listTemplates).toHaveBeenCalledWith({
        owner: ['group:default/team-b'],
        subscription: ['sub-2'],
        rule: 'template-lock',
        status: 'warn',
        q: 'win',
        sort: 'score',
        order: 'desc',
        offset: 50,
        limit: 25,
      }),
    );
    expect(screen.getByLabelText('Search')).toHaveValue('win');
    expect(screen.getByLabelText('Rule')).toHaveValue('template-lock');
    expect(screen.getByLabelText('Status')).toHaveValue('warn');
    expect(api.getRuleSummary).toHaveBeenCalledWith({
      owner: ['group:default/team-b'],
    });
  });

  it('filters by owner: the selected groups go to the URL and to the backend', async () => {
    const api = mockApi();
    api.listTemplates.mockResolvedValue(listResponse([ubuntu]));
    await render(api);
    await screen.findByRole('link', { name: 'it-ubuntu' });

    const owner = screen.getByLabelText('Owner');
    await userEvent.click(owner);
    await userEvent.type(owner, 'team-b');
    await userEvent.click(
      await screen.findByRole('option', { name: 'Team B (team-b)' }),
    );

    await waitFor(() =>
      expect(api.listTemplates).toHaveBeenLastCalledWith({
        owner: ['group:default/team-b'],
        offset: 0,
        limit: 25,
      }),
    );
    expect(search().getAll('owner')).toEqual(['group:default/team-b']);
    expect(api.getRuleSummary).toHaveBeenLastCalledWith({
      owner: ['group:default/team-b'],
    });
  });

  it('a filter change goes back to the first page', async () => {
    const api = mockApi();
    api.listTemplates.mockResolvedValue(listResponse([ubuntu], 100, 50));
    await render(api, { url: '/?offset=50' });
    await screen.findByRole('link', { name: 'it-ubuntu' });

    await userEvent.selectOptions(screen.getByLabelText('Status'), 'unknown');
    await waitFor(() =>
      expect(api.listTemplates).toHaveBeenLastCalledWith({
        status: 'unknown',
        offset: 0,
        limit: 25,
      }),
    );
    expect(search().get('offset')).toBeNull();
  });

  it('choosing a rule lists the templates failing it, unless a status is chosen', async () => {
    const api = mockApi();
    await render(api);
    const rule = await screen.findByLabelText('Rule');
    await waitFor(() =>
      expect(
        within(rule).getByRole('option', {
          name: 'Image template is protected by a delete lock (template-lock)',
        }),
      ).toBeInTheDocument(),
    );
    await userEvent.selectOptions(rule, 'template-lock');
    await waitFor(() =>
      expect(search().toString()).toBe('rule=template-lock&status=fail'),
    );
    await userEvent.selectOptions(screen.getByLabelText('Status'), 'warn');
    await userEvent.selectOptions(screen.getByLabelText('Rule'), 'own-subnets');
    await waitFor(() =>
      expect(search().toString()).toBe('rule=own-subnets&status=warn'),
    );
  });

  it('searches once typing pauses, not on every key', async () => {
    const api = mockApi();
    await render(api);
    await waitFor(() => expect(api.listTemplates).toHaveBeenCalledTimes(1));

    await userEvent.type(screen.getByLabelText('Search'), 'ubu');
    expect(api.listTemplates).toHaveBeenCalledTimes(1);
    await waitFor(
      () =>
        expect(api.listTemplates).toHaveBeenLastCalledWith({
          q: 'ubu',
          offset: 0,
          limit: 25,
        }),
      { timeout: SEARCH_DEBOUNCE_MS * 5 },
    );
    expect(api.listTemplates).toHaveBeenCalledTimes(2);
    expect(search().get('q')).toBe('ubu');
  });

  it('sorts by a column header, toggling the direction', async () => {
    const api = mockApi();
    api.listTemplates.mockResolvedValue(listResponse([ubuntu]));
    await render(api);
    await screen.findByRole('link', { name: 'it-ubuntu' });

    await userEvent.click(screen.getByRole('button', { name: 'Score' }));
    await waitFor(() =>
      expect(api.listTemplates).toHaveBeenLastCalledWith({
        sort: 'score',
        order: 'asc',
        offset: 0,
        limit: 25,
      }),
    );
    const header = screen.getByRole('columnheader', {
      name: /Score, sorted ascending/,
    });
    expect(header).toHaveAttribute('aria-sort', 'ascending');

    await userEvent.click(
      screen.getByRole('button', { name: 'Score, sorted ascending' }),
    );
    await waitFor(() =>
      expect(api.listTemplates).toHaveBeenLastCalledWith({
        sort: 'score',
        order: 'desc',
        offset: 0,
        limit: 25,
      }),
    );
    // Columns the backend cannot sort by are not buttons.
    expect(screen.queryByRole('button', { name: 'Pass' })).toBeNull();
  });

  it('exports the current filters as CSV through the API, without paging', async () => {
    const api = mockApi();
    const createObjectURL = jest.fn(() => 'blob:csv');
    const revokeObjectURL = jest.fn();
    Object.assign(URL, { createObjectURL, revokeObjectURL });
    const click = jest
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(() => {});
    const blob = new Blob(['name,score\n']);
    api.exportTemplatesCsv.mockResolvedValue(blob);

    await render(api, {
      url: '/?owner=group%3Adefault%2Fteam-a&status=fail&sort=name&order=asc&offset=25',
    });
    await userEvent.click(
      await screen.findByRole('button', { name: 'Export CSV' }),
    );

    await waitFor(() => expect(click).toHaveBeenCalled());
    expect(api.exportTemplatesCsv).toHaveBeenCalledWith({
      owner: ['group:default/team-a'],
      status: 'fail',
      sort: 'name',
      order: 'asc',
    });
    expect(createObjectURL).toHaveBeenCalledWith(blob);
    const link = click.mock.instances[0] as unknown as HTMLAnchorElement;
    expect(link.download).toMatch(/^image-templates-\d{4}-\d{2}-\d{2}\.csv$/);
  });

  it('says so when the export fails', async () => {
    const api = mockApi();
    api.exportTemplatesCsv.mockRejectedValue(await backendError('boom'));
    await render(api);
    await userEvent.click(
      await screen.findByRole('button', { name: 'Export CSV' }),
    );
    await waitFor(() =>
      expect(alertApi.post).toHaveBeenCalledWith({
        message: 'Could not export the templates: boom',
        severity: 'error',
      }),
    );
    expect(
      screen.getByRole('button', { name: 'Export CSV' }),
    ).not.toBeDisabled();
  });

  it('filters the table by a rule when its failure count is selected in the summary', async () => {
    const api = mockApi();
    api.getRuleSummary.mockResolvedValue({
      templateCount: 10,
      rules: [
        {
          ruleId: 'template-lock',
          counts: {
            fail: 1,
            warn: 0,
            unknown: 1,
            pass: 8,
            'not-applicable': 0,
            waived: 0,
          },
        },
        {
          ruleId: 'own-subnets',
          counts: {
            fail: 3,
            warn: 5,
            unknown: 0,
            pass: 2,
            'not-applicable': 0,
            waived: 0,
          },
        },
      ],
    });
    await render(api);
    const summary = await screen.findByRole('table', {
      name: 'Results per rule',
    });
    // Most failures first.
    expect(
      within(summary)
        .getAllByRole('row')
        .slice(1)
        .map(r => r.getAttribute('data-rule')),
    ).toEqual(['own-subnets', 'template-lock']);
    expect(
      within(summary).getByRole('rowheader', {
        name: /The build runs in your own subnets/,
      }),
    ).toBeInTheDocument();

    await userEvent.click(
      within(summary).getByRole('button', {
        name: 'Show the 3 templates with fail for own-subnets',
      }),
    );
    await waitFor(() =>
      expect(api.listTemplates).toHaveBeenLastCalledWith({
        rule: 'own-subnets',
        status: 'fail',
        offset: 0,
        limit: 25,
      }),
    );
    expect(
      within(summary).getByRole('button', {
        name: 'Show the 3 templates with fail for own-subnets',
      }),
    ).toHaveAttribute('aria-pressed', 'true');
    // A pass count is not a filter button; zero counts neither.
    expect(
      within(summary).queryByRole('button', { name: /with pass/ }),
    ).toBeNull();
    expect(
      within(summary).queryByRole('button', {
        name: /with warning for template-lock/,
      }),
    ).toBeNull();
  });

  it('explains an empty organisation, and an empty filter result', async () => {
    const api = mockApi();
    await render(api);
    expect(
      await screen.findByText('No image templates yet'),
    ).toBeInTheDocument();
  });

  it('offers to clear the filters when nothing matches', async () => {
    const api = mockApi();
    await render(api, { url: '/?q=nothing' });
    expect(
      await screen.findByText(/No templates match these filters/),
    ).toBeInTheDocument();
    const clear = screen.getAllByRole('button', { name: 'Clear filters' });
    await userEvent.click(clear[clear.length - 1]);
    await waitFor(() => expect(search().toString()).toBe(''));
    expect(screen.getByLabelText('Search')).toHaveValue('');
  });

  it('shows the backend error and retries', async () => {
    const api = mockApi();
    api.listTemplates.mockRejectedValueOnce(await backendError('db down'));
    await render(api);
    expect(await screen.findByText('db down')).toBeInTheDocument();
    api.listTemplates.mockResolvedValue(listResponse([ubuntu]));
    await userEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(
      await screen.findByRole('link', { name: 'it-ubuntu' }),
    ).toBeInTheDocument();
  });

  it('goes to the last page when a shared link points past the end', async () => {
    const api = mockApi();
    api.listTemplates.mockImplementation(async q =>
      (q?.offset ?? 0) >= 30
        ? listResponse([], 30, q?.offset)
        : listResponse([templateSummary('last-page', {})], 30, q?.offset),
    );
    await render(api, { url: '/?offset=100' });
    await screen.findByRole('link', { name: 'last-page' });
    expect(search().get('offset')).toBe('25');
  });

  it('uses the configured page size', async () => {
    const api = mockApi();
    await render(api, { pageSize: 100 });
    await waitFor(() =>
      expect(api.listTemplates).toHaveBeenCalledWith({ offset: 0, limit: 100 }),
    );
  });

  it('keeps every control reachable with the keyboard', async () => {
    const api = mockApi();
    api.listTemplates.mockResolvedValue(listResponse([ubuntu], 60));
    await render(api);
    await screen.findByRole('link', { name: 'it-ubuntu' });
    const reached = new Set<Element>();
    for (let i = 0; i < 40; i++) {
      await userEvent.tab();
      if (document.activeElement) reached.add(document.activeElement);
    }
    for (const element of [
      screen.getByLabelText('Search'),
      screen.getByLabelText('Owner'),
      screen.getByLabelText('Rule'),
      screen.getByLabelText('Status'),
      screen.getByRole('button', { name: 'Export CSV' }),
      screen.getByRole('button', { name: 'Score' }),
      screen.getByRole('link', { name: 'it-ubuntu' }),
      screen.getByRole('button', { name: 'Next page' }),
    ]) {
      expect(reached).toContain(element);
    }
    act(() => {
      fireEvent.keyDown(document.activeElement!, { key: 'Escape' });
    });
  });
});
