import { screen, within } from '@testing-library/react';
import { Entity } from '@backstage/catalog-model';
import {
  ApiBlueprint,
  coreExtensionData,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import {
  createExtensionTester,
  renderInTestApp,
} from '@backstage/frontend-test-utils';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import plugin, {
  azureImageBuilderApi,
  azureImageBuilderEntityContent,
} from './alpha';
import { azureImageBuilderApiRef, AzureImageBuilderClient } from './api';
import { scorecard, templateEntity } from './__testUtils__/fixtures';

const component: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'web' },
  spec: { type: 'azure-image-template' },
};

describe('alpha', () => {
  it('is the azure-image-builder plugin with the documented extension ids', () => {
    expect(plugin.id).toBe('azure-image-builder');
    expect(
      plugin.getExtension('entity-content:azure-image-builder/best-practices'),
    ).toBeDefined();
    expect(plugin.getExtension('api:azure-image-builder')).toBeDefined();
  });

  it('adds a "Best practices" tab at /best-practices', () => {
    const tester = createExtensionTester(azureImageBuilderEntityContent);
    expect(tester.get(coreExtensionData.routePath)).toBe('/best-practices');
    expect(tester.get(EntityContentBlueprint.dataRefs.title)).toBe(
      'Best practices',
    );
  });

  it('shows the tab only on image template entities, whatever their case', () => {
    const filter = createExtensionTester(azureImageBuilderEntityContent).get(
      EntityContentBlueprint.dataRefs.filterFunction,
    )!;
    expect(filter(templateEntity)).toBe(true);
    expect(
      filter({
        ...templateEntity,
        kind: 'resource',
        spec: { type: 'Azure-Image-Template' },
      }),
    ).toBe(true);
    expect(filter(component)).toBe(false);
    expect(filter({ ...templateEntity, spec: { type: 'database' } })).toBe(
      false,
    );
  });

  it('lets app-config override the title and filter', () => {
    const tester = createExtensionTester(azureImageBuilderEntityContent, {
      config: { title: 'Image scorecard', filter: { kind: 'component' } },
    });
    expect(tester.get(EntityContentBlueprint.dataRefs.title)).toBe(
      'Image scorecard',
    );
    const filter = tester.get(EntityContentBlueprint.dataRefs.filterFunction)!;
    expect(filter(component)).toBe(true);
    expect(filter(templateEntity)).toBe(false);
  });

  it('renders the checklist of the current entity', async () => {
    const api = { getScorecardByEntity: jest.fn(async () => scorecard) };
    const tester = createExtensionTester(azureImageBuilderEntityContent);
    await renderInTestApp(
      <EntityProvider entity={templateEntity}>
        {tester.reactElement()}
      </EntityProvider>,
      {
        apis: [[azureImageBuilderApiRef, api]],
        mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      },
    );
    const findings = await screen.findByRole('region', { name: 'Findings' });
    // Grouped by best-practice section; the first section is that of rule 1.
    expect(within(findings).getAllByRole('listitem')[0]).toHaveAttribute(
      'aria-label',
      'template-lock',
    );
  });

  it('provides the backend client', () => {
    const factory = createExtensionTester(azureImageBuilderApi).get(
      ApiBlueprint.dataRefs.factory,
    );
    expect(factory.api.id).toBe(azureImageBuilderApiRef.id);
    expect(Object.values(factory.deps).map(d => d.id)).toEqual([
      discoveryApiRef.id,
      fetchApiRef.id,
    ]);
    const client = factory.factory({
      discoveryApi: { getBaseUrl: jest.fn() },
      fetchApi: { fetch: jest.fn() },
    } as any);
    expect(client).toBeInstanceOf(AzureImageBuilderClient);
  });
});
