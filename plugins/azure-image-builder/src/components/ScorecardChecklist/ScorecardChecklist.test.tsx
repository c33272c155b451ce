import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { CompoundEntityRef, Entity } from '@backstage/catalog-model';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { ResponseError } from '@backstage/errors';
import { Scorecard } from '@aib-scorecards/plugin-azure-image-builder-common';
import { AzureImageBuilderApi, azureImageBuilderApiRef } from '../../api';
import { ScorecardChecklist } from './ScorecardChecklist';
import { scorecard, templateEntity } from '../../__testUtils__/fixtures';

const NOW = Date.parse('2025-03-04T13:15:00Z');

async function render(
  api: jest.Mocked<AzureImageBuilderApi>,
  entity: Entity = templateEntity,
) {
  return renderInTestApp(
    <TestApiProvider apis={[[azureImageBuilderApiRef, api]]}>
      <EntityProvider entity={entity}>
        <ScorecardChecklist />
      </EntityProvider>
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

function mockApi(
  result: Promise<Scorecard | undefined>,
): jest.Mocked<AzureImageBuilderApi> {
  return {
    getScorecardByEntity: jest.fn(async (_ref: CompoundEntityRef) => result),
  };
}

function finding(ruleId: string) {
  const list = screen.getByRole('list', { name: 'Findings' });
  return within(list).getByRole('listitem', { name: ruleId });
}

describe('ScorecardChecklist', () => {
  beforeEach(() => {
    jest.spyOn(Date, 'now').mockReturnValue(NOW);
  });
  afterEach(() => {
    jest.restoreAllMocks();
  });

  it('asks for the scorecard of the current entity', async () => {
    const api = mockApi(Promise.resolve(scorecard));
    await render(api);
    await screen.findByRole('list', { name: 'Findings' });
    expect(api.getScorecardByEntity).toHaveBeenCalledWith({
      kind: 'Resource',
      namespace: 'default',
      name: 'aib-ubuntu-base-1a2b3c',
    });
  });

  it('lists failures first, then by severity and rule number', async () => {
    await render(mockApi(Promise.resolve(scorecard)));
    const list = await screen.findByRole('list', { name: 'Findings' });
    const order = within(list)
      .getAllByRole('listitem')
      .map(li => li.getAttribute('aria-label'));
    expect(order).toEqual([
      'template-identity-privilege', // fail, high, rule 9
      'customizer-checksum', // fail, high, rule 14
      'custom-rule', // fail, high, not in the rule pack
      'own-subnets', // fail, medium
      'gallery-replica-count', // warn
      'template-lock', // unknown
      'vm-boot-optimization', // pass
      'gallery-lock', // not-applicable
      'template-access', // waived
    ]);
  });

  it('shows each status as an icon with a name and as a word', async () => {
    await render(mockApi(Promise.resolve(scorecard)));
    await screen.findByRole('list', { name: 'Findings' });
    const expected: Record<string, string> = {
      'own-subnets': 'Fail',
      'gallery-replica-count': 'Warning',
      'template-lock': 'Unknown',
      'vm-boot-optimization': 'Pass',
      'gallery-lock': 'Not applicable',
      'template-access': 'Waived',
    };
    for (const [ruleId, word] of Object.entries(expected)) {
      const item = finding(ruleId);
      expect(within(item).getByRole('img', { name: word })).toBeInTheDocument();
      expect(within(item).getByText(word)).toBeVisible();
    }
    expect(finding('gallery-lock')).toHaveAttribute(
      'data-status',
      'not-applicable',
    );
  });

  it('shows the rule title, id, severity and message', async () => {
    await render(mockApi(Promise.resolve(scorecard)));
    await screen.findByRole('list', { name: 'Findings' });
    const item = finding('own-subnets');
    expect(
      within(item).getByRole('heading', {
        name: 'The build runs in your own subnets',
      }),
    ).toBeInTheDocument();
    expect(within(item).getByText('own-subnets')).toBeInTheDocument();
    expect(within(item).getByText('Severity: medium')).toBeInTheDocument();
    expect(
      within(item).getByText(
        'The build runs in a subnet Azure creates, not in yours.',
      ),
    ).toBeInTheDocument();
    // A rule outside the pack falls back to its id as the title.
    expect(
      within(finding('custom-rule')).getByRole('heading', {
        name: 'custom-rule',
      }),
    ).toBeInTheDocument();
  });

  it('links each finding to its remediation page in a new tab', async () => {
    await render(mockApi(Promise.resolve(scorecard)));
    await screen.findByRole('list', { name: 'Findings' });
    const link = within(finding('own-subnets')).getByRole('link', {
      name: /how to fix/i,
    });
    expect(link).toHaveAttribute(
      'href',
      'https://learn.microsoft.com/azure/virtual-machines/linux/image-builder-json#vnetconfig-optional',
    );
    expect(link).toHaveAttribute('target', '_blank');
    expect(link.getAttribute('rel')).toContain('noopener');
  });

  it('never renders a non-http remediation link, falling back to the rule metadata', async () => {
    await render(mockApi(Promise.resolve(scorecard)));
    await screen.findByRole('list', { name: 'Findings' });
    const link = within(finding('customizer-checksum')).getByRole('link', {
      name: /how to fix/i,
    });
    expect(link).toHaveAttribute(
      'href',
      'https://learn.microsoft.com/azure/virtual-machines/linux/image-builder-json#properties-customize',
    );
    expect(document.querySelector('a[href^="javascript:"]')).toBeNull();
  });

  it('shows the evidence: path, observed value, expected, and for unknown the collection and code', async () => {
    await render(mockApi(Promise.resolve(scorecard)));
    await screen.findByRole('list', { name: 'Findings' });

    const subnets = within(finding('own-subnets'));
    expect(
      subnets.getByText('properties.vmProfile.vnetConfig'),
    ).toBeInTheDocument();
    expect(subnets.getByText('not set')).toBeInTheDocument();
    expect(
      subnets.getByText('a build subnet and a container instance subnet'),
    ).toBeInTheDocument();

    const checksum = within(finding('customizer-checksum'));
    expect(
      checksum.getByText(
        '{"type":"Shell","scriptUri":"https://example.com/a.sh"}',
      ).tagName,
    ).toBe('CODE');

    const replicas = within(finding('gallery-replica-count'));
    expect(replicas.getByText('2').tagName).toBe('CODE');

    const lock = within(finding('template-lock'));
    expect(lock.getByText('Could not read')).toBeInTheDocument();
    expect(lock.getByText('locks')).toBeInTheDocument();
    expect(lock.getByText('AuthorizationFailed')).toBeInTheDocument();

    expect(
      within(finding('template-access')).getByText(
        /Waived by user:default\/alice until 2099-01-31: migration in progress \(rule result without the waiver: Fail\)/,
      ),
    ).toBeInTheDocument();
  });

  it('shows the score, the counts, the owner and when it was scanned', async () => {
    await render(mockApi(Promise.resolve(scorecard)));
    await screen.findByRole('list', { name: 'Findings' });

    expect(screen.getByTestId('aib-score')).toHaveTextContent('42 / 100');
    const counts = screen.getByRole('list', { name: 'Findings per status' });
    expect(
      within(counts)
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
    expect(screen.getByRole('link', { name: /team-images/ })).toHaveAttribute(
      'href',
      '/catalog/default/group/team-images',
    );
    expect(
      screen.getByText('3 hours ago (2025-03-04 10:15 UTC)'),
    ).toBeInTheDocument();
    expect(screen.getByRole('link', { name: /azure portal/i })).toHaveAttribute(
      'href',
      expect.stringContaining(
        `https://portal.azure.com/#resource/subscriptions/`,
      ),
    );
    expect(screen.queryByText(/stale since/i)).not.toBeInTheDocument();
  });

  it('says "No score" when no rule applied', async () => {
    await render(
      mockApi(Promise.resolve({ ...scorecard, score: null, findings: [] })),
    );
    expect(await screen.findByTestId('aib-score')).toHaveTextContent(
      'No score',
    );
    expect(
      screen.getByText('No rule produced a result for this template.'),
    ).toBeInTheDocument();
  });

  it('warns when the scorecard is stale', async () => {
    await render(
      mockApi(
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
    const banner = await screen.findByRole('status');
    expect(banner).toHaveTextContent('This scorecard may be out of date');
    expect(banner).toHaveTextContent(
      'Stale since 2025-03-04 12:15 UTC (1 hour ago) because the subscription could not be listed (AuthorizationFailed).',
    );
  });

  it('explains that the scan runs on a schedule when there is no scorecard yet', async () => {
    const api = mockApi(Promise.resolve(undefined));
    await render(api);
    expect(await screen.findByText('No scorecard yet')).toBeInTheDocument();
    expect(screen.getByText(/scanned on a schedule/)).toBeInTheDocument();

    api.getScorecardByEntity.mockResolvedValueOnce(scorecard);
    await userEvent.click(screen.getByRole('button', { name: 'Check again' }));
    expect(
      await screen.findByRole('list', { name: 'Findings' }),
    ).toBeInTheDocument();
    expect(api.getScorecardByEntity).toHaveBeenCalledTimes(2);
  });

  it('shows the error when the backend fails', async () => {
    const response = new Response(
      JSON.stringify({
        error: { name: 'Error', message: 'database is down' },
        request: { method: 'GET', url: '/x' },
        response: { statusCode: 500 },
      }),
      { status: 500, headers: { 'Content-Type': 'application/json' } },
    );
    const error = await ResponseError.fromResponse(response);
    await render(mockApi(Promise.reject(error)));
    expect(await screen.findByText('database is down')).toBeInTheDocument();
    expect(screen.queryByRole('list', { name: 'Findings' })).toBeNull();
  });

  it('asks for the annotation when the entity has none, without calling the backend', async () => {
    const api = mockApi(Promise.resolve(scorecard));
    await render(api, {
      ...templateEntity,
      metadata: { name: 'no-annotation' },
    });
    expect(
      await screen.findByText('management.azure.com/resourceId'),
    ).toBeInTheDocument();
    expect(api.getScorecardByEntity).not.toHaveBeenCalled();
  });
});
