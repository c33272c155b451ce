// Tests of the new-frontend-system extensions for the templates page and the team scorecard
// (alpha.test.tsx covers the template tab and cards).
import { screen } from '@testing-library/react';
import { Entity } from '@backstage/catalog-model';
import { coreExtensionData } from '@backstage/frontend-plugin-api';
import {
  createExtensionTester,
  renderInTestApp,
} from '@backstage/frontend-test-utils';
import {
  catalogApiRef,
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import plugin, {
  azureImageBuilderPage,
  azureImageBuilderTeamCard,
} from './alpha';
import { azureImageBuilderApiRef } from './api';
import {
  listResponse,
  mockApi,
  rollupOf,
  templateSummary,
} from './__testUtils__/templates';

jest.setTimeout(30_000);

const group: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'team-a', namespace: 'default' },
  spec: { type: 'team', children: [] },
};
const user: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'User',
  metadata: { name: 'ana' },
  spec: { memberOf: ['team-a'] },
};
const component: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'web' },
  spec: {},
};

describe('alpha: templates page', () => {
  it('has the documented ids', () => {
    expect(plugin.getExtension('page:azure-image-builder')).toBeDefined();
    expect(
      plugin.getExtension('entity-card:azure-image-builder/team-scorecard'),
    ).toBeDefined();
  });

  it('is at /azure-image-builder with a title, an icon and a route ref, so the sidebar lists it', () => {
    const tester = createExtensionTester(azureImageBuilderPage);
    expect(tester.get(coreExtensionData.routePath)).toBe(
      '/azure-image-builder',
    );
    expect(tester.get(coreExtensionData.title)).toBe('Image templates');
    expect(tester.get(coreExtensionData.icon)).toBeDefined();
    expect(tester.get(coreExtensionData.routeRef)).toBeDefined();
  });

  it('lets app-config change the path, title and page size', async () => {
    const api = mockApi();
    api.listTemplates.mockResolvedValue(
      listResponse([templateSummary('t1', {})]),
    );
    const tester = createExtensionTester(azureImageBuilderPage, {
      config: { path: '/images', title: 'Images', pageSize: 50 },
    });
    expect(tester.get(coreExtensionData.routePath)).toBe('/images');
    expect(tester.get(coreExtensionData.title)).toBe('Images');
    await renderInTestApp(tester.reactElement(), {
      apis: [
        [azureImageBuilderApiRef, api],
        [catalogApiRef, catalogApiMock()],
      ],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    });
    // The page is loaded lazily, which takes a while in jsdom.
    expect(
      await screen.findByRole('link', { name: 't1' }, { timeout: 15_000 }),
    ).toHaveAttribute('href', '/catalog/default/resource/aib-t1');
    expect(screen.getByRole('heading', { name: 'Images' })).toBeInTheDocument();
    expect(api.listTemplates).toHaveBeenCalledWith({ offset: 0, limit: 50 });
  });

  it('rejects a page size the backend would refuse', () => {
    expect(() =>
      createExtensionTester(azureImageBuilderPage, {
        config: { pageSize: 1000 },
      }).get(coreExtensionData.routePath),
    ).toThrow(/pageSize/);
  });
});

describe('alpha: team scorecard card', () => {
  it('is a content card on group and user pages only', () => {
    const tester = createExtensionTester(azureImageBuilderTeamCard);
    expect(tester.get(EntityCardBlueprint.dataRefs.type)).toBe('content');
    const filter = tester.get(EntityCardBlueprint.dataRefs.filterFunction)!;
    expect(filter(group)).toBe(true);
    expect(filter(user)).toBe(true);
    expect(filter(component)).toBe(false);
  });

  it('lets app-config override the filter and the type', () => {
    const tester = createExtensionTester(azureImageBuilderTeamCard, {
      config: { filter: { kind: 'group' }, type: 'info' },
    });
    expect(tester.get(EntityCardBlueprint.dataRefs.type)).toBe('info');
    const filter = tester.get(EntityCardBlueprint.dataRefs.filterFunction)!;
    expect(filter(group)).toBe(true);
    expect(filter(user)).toBe(false);
  });

  it('renders the rollup of the current group, with the configured limits', async () => {
    const api = mockApi();
    api.getOwnerRollup.mockResolvedValue(
      rollupOf('group:default/team-a', [
        templateSummary('a', { 'template-lock': 'fail' }, { score: 10 }),
        templateSummary('b', { 'template-lock': 'pass' }, { score: 90 }),
      ]),
    );
    const tester = createExtensionTester(azureImageBuilderTeamCard, {
      config: { maxTemplates: 1 },
    });
    await renderInTestApp(
      <EntityProvider entity={group}>{tester.reactElement()}</EntityProvider>,
      {
        apis: [[azureImageBuilderApiRef, api]],
        mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      },
    );
    expect(
      await screen.findByTestId('aib-team-template-count', undefined, {
        timeout: 15_000,
      }),
    ).toHaveTextContent('2');
    expect(
      screen.getByRole('button', { name: 'Show all 2 templates' }),
    ).toBeInTheDocument();
  });
});
