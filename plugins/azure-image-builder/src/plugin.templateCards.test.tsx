import { screen } from '@testing-library/react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import {
  EntityAzureImageBuilderScoreCard,
  EntityAzureImageTemplateOverviewCard,
} from './plugin';
import * as index from './index';
import { azureImageBuilderApiRef } from './api';
import { scorecardWithFacts, templateEntity } from './__testUtils__/fixtures';
import { mockScorecardApi } from './__testUtils__/mockScorecardApi';

async function render(card: JSX.Element) {
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [
          azureImageBuilderApiRef,
          mockScorecardApi(Promise.resolve(scorecardWithFacts)),
        ],
      ]}
    >
      <EntityProvider entity={templateEntity}>{card}</EntityProvider>
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

describe('legacy template cards', () => {
  it('are exported from the package', () => {
    expect(index.EntityAzureImageTemplateOverviewCard).toBe(
      EntityAzureImageTemplateOverviewCard,
    );
    expect(index.EntityAzureImageBuilderScoreCard).toBe(
      EntityAzureImageBuilderScoreCard,
    );
  });

  it('load and render the overview card', async () => {
    await render(<EntityAzureImageTemplateOverviewCard />);
    expect(
      await screen.findByLabelText('Image template overview'),
    ).toHaveTextContent('Partially succeeded');
  });

  it('load and render the score card, with a configurable number of findings', async () => {
    await render(<EntityAzureImageBuilderScoreCard maxFindings={2} />);
    expect(await screen.findByTestId('aib-score')).toHaveTextContent(
      '42 / 100',
    );
    expect(screen.getByText('and 3 more')).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: /view the full checklist/i }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/resource/aib-ubuntu-base-1a2b3c/best-practices',
    );
  });
});
