import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Entity } from '@backstage/catalog-model';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { azureImageBuilderApiRef } from '../../api';
import { TemplateOverviewCard } from './TemplateOverviewCard';
import {
  scorecard,
  scorecardWithFacts,
  templateEntity,
  templateFacts,
} from '../../__testUtils__/fixtures';
import {
  backendError,
  mockScorecardApi,
  pendingScorecardApi,
  ScorecardApi,
} from '../../__testUtils__/mockScorecardApi';

const NOW = Date.parse('2025-03-04T13:15:00Z');

async function render(api: ScorecardApi, entity: Entity = templateEntity) {
  return renderInTestApp(
    <TestApiProvider apis={[[azureImageBuilderApiRef, api]]}>
      <EntityProvider entity={entity}>
        <TemplateOverviewCard />
      </EntityProvider>
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

/** The overview as term → text. */
function rows(): Record<string, string> {
  const dl = screen.getByLabelText('Image template overview');
  const result: Record<string, string> = {};
  for (const dt of Array.from(dl.querySelectorAll(':scope > dt'))) {
    result[dt.textContent!] = (
      dt.nextElementSibling as HTMLElement
    ).textContent!;
  }
  return result;
}

describe('TemplateOverviewCard', () => {
  beforeEach(() => {
    jest.spyOn(Date, 'now').mockReturnValue(NOW);
  });
  afterEach(() => {
    jest.restoreAllMocks();
  });

  it('shows the facts of the template', async () => {
    await render(mockScorecardApi(Promise.resolve(scorecardWithFacts)));
    const overview = await screen.findByLabelText('Image template overview');
    expect(screen.getByText('Image template').tagName).toBe('H2');
    const r = rows();
    expect(Object.keys(r)).toEqual([
      'Location',
      'Source image',
      'Distribution',
      'Identity',
      'Build VM identity',
      'Build VM size',
      'Staging resource group',
      'Last run',
      'Provisioning state',
      'Subscription',
      'Resource group',
    ]);
    expect(r.Location).toBe('westeurope');
    expect(r['Source image']).toBe(
      'Canonical:0001-com-ubuntu-server-jammy:22_04-lts-gen2:latest (PlatformImage)',
    );
    expect(r['Build VM size']).toBe('Standard_D4s_v5');
    expect(r.Subscription).toBe(
      'Platform Production (00000000-0000-0000-0000-000000000001)',
    );

    const targets = within(overview).getByRole('list', {
      name: 'Distribution targets',
    });
    expect(
      within(targets)
        .getAllByRole('listitem')
        .map(li => li.textContent),
    ).toEqual([
      'SharedImage: ubuntu-baseRegions: westeurope, northeurope',
      'VHD: ubuntu-base-vhdNo region listed',
    ]);
    // A gallery image id links to the portal; a run output name is text.
    expect(
      within(targets).getByRole('link', { name: /ubuntu-base \(image/ }),
    ).toHaveAttribute(
      'href',
      `https://portal.azure.com/#/resource${templateFacts.distributions[0].target}`,
    );
    expect(
      within(targets).queryByRole('link', { name: /vhd/ }),
    ).not.toBeInTheDocument();

    expect(
      screen.getByRole('link', {
        name: 'id-aib-ubuntu (identity in the Azure portal, opens in a new tab)',
      }),
    ).toHaveAttribute(
      'href',
      `https://portal.azure.com/#/resource${templateFacts.identities[0]}`,
    );
    expect(
      screen.getByRole('link', { name: /rg-aib-staging-ubuntu/ }),
    ).toHaveAttribute(
      'href',
      `https://portal.azure.com/#/resource${templateFacts.stagingResourceGroup}`,
    );
  });

  it('shows the last run and provisioning state as icon and words, with the time', async () => {
    await render(mockScorecardApi(Promise.resolve(scorecardWithFacts)));
    await screen.findByLabelText('Image template overview');
    expect(
      screen.getByRole('img', { name: 'Partially succeeded' }),
    ).toBeInTheDocument();
    expect(screen.getByRole('img', { name: 'Succeeded' })).toBeInTheDocument();
    const lastRun = rows()['Last run'];
    expect(lastRun).toContain('Partially succeeded (Distributing)');
    expect(lastRun).toContain('Ended 12 hours ago (2025-03-04 01:12 UTC)');
    expect(lastRun).toContain('Distribution to northeurope timed out.');
  });

  it('says what is not set rather than leaving blanks', async () => {
    await render(
      mockScorecardApi(
        Promise.resolve({
          ...scorecardWithFacts,
          facts: { distributions: [], identities: [], buildVmIdentities: [] },
        }),
      ),
    );
    await screen.findByLabelText('Image template overview');
    const r = rows();
    expect(r).toMatchObject({
      Location: 'westeurope', // from the scorecard
      'Source image': 'not set',
      Distribution: 'none',
      Identity: 'none',
      'Build VM size': 'default (not set)',
      'Last run': 'never run',
      'Provisioning state': 'not reported',
    });
    expect(r['Build VM identity']).toBeUndefined();
    expect(r['Staging resource group']).toBeUndefined();
  });

  it('renders a scorecard without facts (stored before they existed)', async () => {
    await render(mockScorecardApi(Promise.resolve(scorecard)));
    await screen.findByLabelText('Image template overview');
    expect(
      screen.getByText(/details .* appear after the next scan/),
    ).toBeInTheDocument();
    expect(Object.keys(rows())).toEqual([
      'Location',
      'Subscription',
      'Resource group',
    ]);
  });

  it('shows a progress bar while loading', async () => {
    await render(pendingScorecardApi());
    expect(await screen.findByTestId('progress')).toBeInTheDocument();
    expect(screen.getByText('Image template')).toBeInTheDocument();
  });

  it('says there is no scorecard yet and checks again on request', async () => {
    const api = mockScorecardApi(Promise.resolve(undefined));
    await render(api);
    expect(await screen.findByText('No scorecard yet')).toBeInTheDocument();
    api.getScorecardByEntity.mockResolvedValueOnce(scorecardWithFacts);
    await userEvent.click(screen.getByRole('button', { name: 'Check again' }));
    expect(
      await screen.findByLabelText('Image template overview'),
    ).toBeInTheDocument();
  });

  it('shows the backend error and retries', async () => {
    const api = mockScorecardApi(
      Promise.reject(await backendError('database is down')),
    );
    await render(api);
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent(
      /^Could not load the scorecard\. Request failed with 500.*: database is down/,
    );
    api.getScorecardByEntity.mockResolvedValueOnce(scorecardWithFacts);
    await userEvent.click(
      within(alert).getByRole('button', { name: 'Try again' }),
    );
    expect(
      await screen.findByLabelText('Image template overview'),
    ).toBeInTheDocument();
  });

  it('explains a missing annotation without calling the backend', async () => {
    const api = mockScorecardApi(Promise.resolve(scorecardWithFacts));
    await render(api, { ...templateEntity, metadata: { name: 'bare' } });
    expect(
      await screen.findByText('management.azure.com/resourceId'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/annotation, so it has no scorecard/),
    ).toBeInTheDocument();
    expect(api.getScorecardByEntity).not.toHaveBeenCalled();
  });
});
