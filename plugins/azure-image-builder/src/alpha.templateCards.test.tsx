import { screen } from '@testing-library/react';
import { Entity } from '@backstage/catalog-model';
import { ExtensionDefinition } from '@backstage/frontend-plugin-api';
import {
  createExtensionTester,
  renderInTestApp,
} from '@backstage/frontend-test-utils';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import plugin, {
  azureImageBuilderScoreCard,
  azureImageTemplateOverviewCard,
} from './alpha';
import { azureImageBuilderApiRef } from './api';
import { scorecardWithFacts, templateEntity } from './__testUtils__/fixtures';

const group: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'team-images' },
  spec: { type: 'team', children: [] },
};
const database: Entity = {
  ...templateEntity,
  spec: { type: 'database', owner: 'group:default/team-images' },
};

// What app-config may set on these cards (the blueprint's `filter` and `type`).
type CardConfig =
  typeof azureImageTemplateOverviewCard extends ExtensionDefinition<infer P>
    ? P['configInput']
    : never;

const cards = {
  'template-overview': {
    type: 'info',
    tester: (config?: CardConfig) =>
      createExtensionTester(azureImageTemplateOverviewCard, { config }),
  },
  score: {
    type: 'content',
    tester: (config?: CardConfig) =>
      createExtensionTester(azureImageBuilderScoreCard, { config }),
  },
} as const;

describe.each(Object.entries(cards))(
  'entity-card:azure-image-builder/%s',
  (name, { type, tester }) => {
    it('is an extension of the plugin with the documented id', () => {
      expect(
        plugin.getExtension(
          `entity-card:azure-image-builder/${name as keyof typeof cards}`,
        ),
      ).toBeDefined();
    });

    it(`is an ${type} card on image template entities only, whatever their case`, () => {
      const t = tester();
      expect(t.get(EntityCardBlueprint.dataRefs.type)).toBe(type);
      const filter = t.get(EntityCardBlueprint.dataRefs.filterFunction)!;
      expect(filter(templateEntity)).toBe(true);
      expect(
        filter({
          ...templateEntity,
          kind: 'RESOURCE',
          spec: { type: 'Azure-Image-Template' },
        }),
      ).toBe(true);
      expect(filter(group)).toBe(false);
      expect(filter(database)).toBe(false);
    });

    it('lets app-config override the filter and the type', () => {
      const other = type === 'info' ? 'content' : 'info';
      const t = tester({
        filter: { kind: 'resource', 'spec.type': 'database' },
        type: other,
      });
      expect(t.get(EntityCardBlueprint.dataRefs.type)).toBe(other);
      const filter = t.get(EntityCardBlueprint.dataRefs.filterFunction)!;
      expect(filter(database)).toBe(true);
      expect(filter(templateEntity)).toBe(false);
    });
  },
);

describe('template cards in the new frontend system', () => {
  async function renderCard(name: keyof typeof cards) {
    const api = {
      getScorecardByEntity: jest.fn(async () => scorecardWithFacts),
    };
    await renderInTestApp(
      <EntityProvider entity={templateEntity}>
        {cards[name].tester().reactElement()}
      </EntityProvider>,
      {
        apis: [[azureImageBuilderApiRef, api]],
        mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      },
    );
    return api;
  }

  it('renders the overview card of the current entity', async () => {
    const api = await renderCard('template-overview');
    expect(
      await screen.findByLabelText('Image template overview'),
    ).toHaveTextContent('Standard_D4s_v5');
    expect(api.getScorecardByEntity).toHaveBeenCalledWith(
      expect.objectContaining({ name: templateEntity.metadata.name }),
    );
  });

  it('renders the score card of the current entity', async () => {
    await renderCard('score');
    expect(await screen.findByTestId('aib-score')).toHaveTextContent(
      '42 / 100',
    );
    expect(
      screen.getByRole('list', { name: 'Top failing findings' }),
    ).toBeInTheDocument();
  });
});
