import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Entity } from '@backstage/catalog-model';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { azureImageBuilderApiRef } from '../../api';
import {
  mockApi,
  rollupOf,
  teamFinding,
  templateSummary,
} from '../../__testUtils__/templates';
import { backendError } from '../../__testUtils__/mockScorecardApi';
import { TeamScorecardCard } from './TeamScorecardCard';

jest.setTimeout(30_000);

const team: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'platform', namespace: 'default' },
  spec: { type: 'department', children: ['team-a'] },
};

const user: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'User',
  metadata: { name: 'guest', namespace: 'development' },
  spec: { memberOf: ['group:default/team-a'] },
};

const good = templateSummary(
  'good',
  {
    'template-lock': 'pass',
    'vm-boot-optimization': 'pass',
    'own-subnets': 'pass',
  },
  { score: 100 },
);
const bad = templateSummary(
  'bad',
  {
    'template-lock': 'fail',
    'vm-boot-optimization': 'not-applicable',
    'own-subnets': 'warn',
  },
  { score: 20, owner: 'group:default/team-a' },
);
const middle = templateSummary(
  'middle',
  { 'template-lock': 'unknown', 'own-subnets': 'fail' },
  { score: 60 },
);
const unscored = templateSummary(
  'unscored',
  { 'template-lock': 'waived' },
  { score: null },
);

const templates = [good, middle, unscored, bad];
const findings = [
  teamFinding(bad, 'own-subnets', 'warn', 'medium'),
  teamFinding(middle, 'own-subnets', 'fail', 'medium'),
  teamFinding(bad, 'template-lock', 'fail', 'high'),
];

async function render(api = mockApi(), entity: Entity = team, props = {}) {
  await renderInTestApp(
    <TestApiProvider apis={[[azureImageBuilderApiRef, api]]}>
      <EntityProvider entity={entity}>
        <TeamScorecardCard {...props} />
      </EntityProvider>
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
  return api;
}

function withRollup(
  rollup = rollupOf('group:default/platform', templates, findings, [
    'group:default/platform',
    'group:default/team-a',
  ]),
) {
  const api = mockApi();
  api.getOwnerRollup.mockResolvedValue(rollup);
  return api;
}

describe('TeamScorecardCard', () => {
  it('asks for the rollup of the current group', async () => {
    const api = await render(withRollup());
    await screen.findByTestId('aib-team-template-count');
    expect(api.getOwnerRollup).toHaveBeenCalledWith({
      kind: 'Group',
      namespace: 'default',
      name: 'platform',
    });
  });

  it('shows the template count, average and worst score and the counts per status', async () => {
    await render(withRollup());
    expect(
      await screen.findByTestId('aib-team-template-count'),
    ).toHaveTextContent('4');
    // (100 + 60 + 20) / 3, rounded; the unscored template does not count.
    expect(screen.getByTestId('aib-team-average')).toHaveTextContent('60');
    expect(screen.getByTestId('aib-team-worst')).toHaveTextContent('20');
    const counts = screen.getByRole('list', {
      name: 'Team findings per status',
    });
    expect(
      within(counts)
        .getAllByRole('listitem')
        .map(li => li.textContent),
    ).toEqual([
      'Fail: 2',
      'Warning: 1',
      'Unknown: 1',
      'Pass: 3',
      'Not applicable: 1',
      'Waived: 1',
    ]);
    // The child group whose templates are included is named.
    expect(screen.getByText(/Includes the templates of/)).toHaveTextContent(
      'team-a',
    );
  });

  it('lists the findings to fix, failures first then by severity, with links to the templates', async () => {
    await render(withRollup());
    const list = await screen.findByRole('list', { name: 'Findings to fix' });
    const items = within(list).getAllByRole('listitem');
    expect(
      items.map(
        li =>
          `${li.getAttribute('data-status')} ${li.getAttribute('data-rule')}`,
      ),
    ).toEqual([
      'fail template-lock', // high
      'fail own-subnets', // medium
      'warn own-subnets',
    ]);
    expect(within(items[0]).getByRole('link', { name: 'bad' })).toHaveAttribute(
      'href',
      '/catalog/default/resource/aib-bad',
    );
    expect(within(items[0]).getByRole('img', { name: 'Fail' })).toBeVisible();
    expect(items[0]).toHaveTextContent(
      'Image template is protected by a delete lock',
    );
  });

  it('shows a rule × template matrix, worst template first, with named status icons', async () => {
    await render(withRollup());
    const matrix = await screen.findByRole('table', {
      name: 'Rules by template',
    });
    const [head, ...body] = within(matrix).getAllByRole('row');
    // Columns: rule ids in the rule pack's order.
    expect(
      within(head)
        .getAllByRole('columnheader')
        .map(th => th.textContent),
    ).toEqual([
      'Template',
      'Score',
      'template-lock',
      'vm-boot-optimization',
      'own-subnets',
    ]);
    // Rows: lowest score first, templates without a score last.
    expect(body.map(r => within(r).getByRole('rowheader').textContent)).toEqual(
      ['bad', 'middle', 'good', 'unscored'],
    );

    const badRow = body[0];
    expect(
      within(badRow)
        .getAllByRole('img')
        .map(img => img.getAttribute('data-status') ?? img.textContent),
    ).toEqual(['fail', 'not-applicable', 'warn']);
    expect(
      within(badRow).getByRole('img', { name: 'Not applicable' }),
    ).toBeInTheDocument();
    // A rule with no result for a template says so instead of showing an empty cell.
    const unscoredRow = body[3];
    expect(
      unscoredRow.querySelector('[data-rule="own-subnets"]'),
    ).toHaveTextContent('No result');
    expect(
      within(unscoredRow).getByRole('img', { name: 'Waived' }),
    ).toBeInTheDocument();
    // A legend spells out every icon.
    expect(
      within(screen.getByRole('list', { name: 'Legend' })).getAllByRole(
        'listitem',
      ),
    ).toHaveLength(6);
  });

  it('limits the findings and the matrix rows, with a button to show all', async () => {
    await render(withRollup(), team, { maxFindings: 2, maxTemplates: 2 });
    const list = await screen.findByRole('list', { name: 'Findings to fix' });
    expect(within(list).getAllByRole('listitem')).toHaveLength(2);
    await userEvent.click(
      screen.getByRole('button', { name: 'Show all 3 findings' }),
    );
    expect(within(list).getAllByRole('listitem')).toHaveLength(3);

    const matrix = screen.getByRole('table', { name: 'Rules by template' });
    expect(within(matrix).getAllByRole('row')).toHaveLength(3);
    await userEvent.click(
      screen.getByRole('button', { name: 'Show all 4 templates' }),
    );
    expect(within(matrix).getAllByRole('row')).toHaveLength(5);
  });

  it('says when the group owns no templates', async () => {
    await render(withRollup(rollupOf('group:default/platform', [])));
    expect(
      await screen.findByText(
        'No image templates are owned by this group or its child groups.',
      ),
    ).toBeInTheDocument();
    expect(screen.queryByRole('table')).toBeNull();
  });

  it('works on user pages with the templates of their groups', async () => {
    const api = withRollup(
      rollupOf('user:development/guest', [good], [], ['group:default/team-a']),
    );
    await render(api, user);
    expect(
      await screen.findByText(
        "Best practices of the image templates owned by this user's groups",
      ),
    ).toBeInTheDocument();
    expect(api.getOwnerRollup).toHaveBeenCalledWith({
      kind: 'User',
      namespace: 'development',
      name: 'guest',
    });
    expect(screen.getByTestId('aib-team-template-count')).toHaveTextContent(
      '1',
    );
    expect(screen.getByText(/No failures or warnings/)).toBeInTheDocument();
  });

  it('says when a user owns nothing', async () => {
    await render(withRollup(rollupOf('user:development/guest', [])), user);
    expect(
      await screen.findByText(
        'No image templates are owned by this user or their groups.',
      ),
    ).toBeInTheDocument();
  });

  it('shows the backend error and retries', async () => {
    const api = mockApi();
    api.getOwnerRollup.mockRejectedValueOnce(await backendError('db down'));
    await render(api);
    expect(await screen.findByText('db down')).toBeInTheDocument();
    api.getOwnerRollup.mockResolvedValue(
      rollupOf('group:default/platform', [good]),
    );
    await userEvent.click(screen.getByRole('button', { name: 'Retry' }));
    await waitFor(() =>
      expect(screen.getByTestId('aib-team-template-count')).toHaveTextContent(
        '1',
      ),
    );
  });
});
