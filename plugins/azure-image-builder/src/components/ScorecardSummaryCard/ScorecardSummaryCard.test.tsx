import { screen, within } from '@testing-library/react';
import { Entity } from '@backstage/catalog-model';
import { RouteRef } from '@backstage/core-plugin-api';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { Scorecard } from '@aib-scorecards/plugin-azure-image-builder-common';
import { azureImageBuilderApiRef } from '../../api';
import { rootRouteRef } from '../../routes';
import { ScorecardSummaryCard } from './ScorecardSummaryCard';
import { scorecard, templateEntity } from '../../__testUtils__/fixtures';
import {
  backendError,
  mockScorecardApi,
  pendingScorecardApi,
  ScorecardApi,
} from '../../__testUtils__/mockScorecardApi';

const NOW = Date.parse('2025-03-04T13:15:00Z');
const TAB = '/catalog/default/resource/aib-ubuntu-base-1a2b3c/best-practices';

async function render(
  api: ScorecardApi,
  options: {
    entity?: Entity;
    maxFindings?: number;
    mountedRoutes?: Record<string, RouteRef<any>>;
  } = {},
) {
  const {
    entity = templateEntity,
    maxFindings,
    mountedRoutes = { '/catalog/:namespace/:kind/:name': entityRouteRef },
  } = options;
  return renderInTestApp(
    <TestApiProvider apis={[[azureImageBuilderApiRef, api]]}>
      <EntityProvider entity={entity}>
        <ScorecardSummaryCard maxFindings={maxFindings} />
      </EntityProvider>
    </TestApiProvider>,
    { mountedRoutes },
  );
}

function topFindings() {
  return within(
    screen.getByRole('list', { name: 'Top failing findings' }),
  ).getAllByRole('listitem');
}

describe('ScorecardSummaryCard', () => {
  beforeEach(() => {
    jest.spyOn(Date, 'now').mockReturnValue(NOW);
  });
  afterEach(() => {
    jest.restoreAllMocks();
  });

  it('shows the score, the counts per status and when it was scanned', async () => {
    await render(mockScorecardApi(Promise.resolve(scorecard)));
    expect(await screen.findByTestId('aib-score')).toHaveTextContent(
      '42 / 100',
    );
    expect(
      within(screen.getByRole('list', { name: 'Findings per status' }))
        .getAllByRole('listitem')
        .map(li => li.textContent),
    ).toEqual([
      'Fail: 4',
      'Warning: 1',
      'Unknown: 1',
      'Pass: 1',
      'Not applicable: 1',
      'Waived: 1',
    ]);
    expect(screen.getByText(/^Scanned/)).toHaveTextContent(
      'Scanned 3 hours ago (2025-03-04 10:15 UTC)',
    );
  });

  it('lists the top three failing findings, linked into the tab, and how many more', async () => {
    await render(mockScorecardApi(Promise.resolve(scorecard)));
    await screen.findByTestId('aib-score');
    expect(
      screen.getByRole('heading', {
        name: 'Needs attention: 4 failures and 1 warning',
      }),
    ).toBeInTheDocument();
    const items = topFindings();
    expect(items.map(li => li.textContent)).toEqual([
      'FailThe template identity holds only what it needshigh severity',
      'FailDownloaded customizer files are pinned by checksumhigh severity',
      'Failcustom-rulehigh severity',
    ]);
    expect(within(items[0]).getByRole('img', { name: 'Fail' })).toBeVisible();
    expect(within(items[1]).getByRole('link')).toHaveAttribute(
      'href',
      `${TAB}#aib-rule-customizer-checksum`,
    );
    expect(screen.getByText('and 2 more')).toBeInTheDocument();
  });

  it('links to the "Best practices" tab', async () => {
    await render(mockScorecardApi(Promise.resolve(scorecard)));
    await screen.findByTestId('aib-score');
    expect(
      screen.getByRole('link', { name: /view the full checklist/i }),
    ).toHaveAttribute('href', TAB);
  });

  it('links through the tab route when the app mounts it elsewhere', async () => {
    await render(mockScorecardApi(Promise.resolve(scorecard)), {
      mountedRoutes: {
        '/catalog/:namespace/:kind/:name': entityRouteRef,
        '/image-scorecard': rootRouteRef,
      },
    });
    await screen.findByTestId('aib-score');
    expect(
      screen.getByRole('link', { name: /view the full checklist/i }),
    ).toHaveAttribute('href', '/image-scorecard');
  });

  it('renders without links when no route is mounted, rather than crash', async () => {
    await render(mockScorecardApi(Promise.resolve(scorecard)), {
      mountedRoutes: {},
    });
    await screen.findByTestId('aib-score');
    expect(
      screen.queryByRole('link', { name: /view the full checklist/i }),
    ).toBeNull();
    expect(within(topFindings()[0]).queryByRole('link')).toBeNull();
    expect(topFindings()[0]).toHaveTextContent(
      'The template identity holds only what it needs',
    );
  });

  it('lists as many findings as configured', async () => {
    await render(mockScorecardApi(Promise.resolve(scorecard)), {
      maxFindings: 1,
    });
    await screen.findByTestId('aib-score');
    expect(topFindings()).toHaveLength(1);
    expect(screen.getByText('and 4 more')).toBeInTheDocument();
  });

  it('says when nothing needs attention, and "No score" when no rule applied', async () => {
    const clean: Scorecard = {
      ...scorecard,
      score: null,
      findings: scorecard.findings.filter(f => f.status === 'pass'),
    };
    await render(mockScorecardApi(Promise.resolve(clean)));
    expect(await screen.findByTestId('aib-score')).toHaveTextContent(
      'No score',
    );
    expect(
      screen.getByRole('heading', { name: 'Nothing needs attention' }),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('list', { name: 'Top failing findings' }),
    ).toBeNull();
  });

  it('says since when and why the scorecard is stale', async () => {
    await render(
      mockScorecardApi(
        Promise.resolve({
          ...scorecard,
          stale: {
            since: '2025-03-04T12:15:00Z',
            reason:
              'the subscription could not be listed (AuthorizationFailed)',
          },
        }),
      ),
    );
    await screen.findByTestId('aib-score');
    expect(screen.getByRole('alert')).toHaveTextContent(
      'Stale since 2025-03-04 12:15 UTC because the subscription could not be listed (AuthorizationFailed).',
    );
  });

  it('has loading, no-scorecard and error states', async () => {
    const { unmount } = await render(pendingScorecardApi());
    expect(await screen.findByTestId('progress')).toBeInTheDocument();
    unmount();

    const empty = await render(mockScorecardApi(Promise.resolve(undefined)));
    expect(await screen.findByText('No scorecard yet')).toBeInTheDocument();
    // The tab stays linked: it says the same and can be checked again there.
    expect(
      screen.queryByRole('link', { name: /view the full checklist/i }),
    ).toBeInTheDocument();
    empty.unmount();

    await render(
      mockScorecardApi(Promise.reject(await backendError('database is down'))),
    );
    expect(await screen.findByRole('alert')).toHaveTextContent(
      /database is down/,
    );
  });
});
