import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Entity } from '@backstage/catalog-model';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { Finding } from '@aib-scorecards/plugin-azure-image-builder-common';
import { azureImageBuilderApiRef } from '../../api';
import { ScorecardChecklist } from './ScorecardChecklist';
import {
  RESOURCE_ID,
  scorecard,
  scorecardWithFacts,
  templateEntity,
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
        <ScorecardChecklist />
      </EntityProvider>
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

function checklist() {
  return screen.getByRole('region', { name: 'Findings' });
}

function finding(ruleId: string) {
  return within(checklist()).getByRole('listitem', { name: ruleId });
}

function ruleIds(container: HTMLElement) {
  return within(container)
    .getAllByRole('listitem')
    .map(li => li.getAttribute('aria-label'));
}

describe('ScorecardChecklist', () => {
  beforeEach(() => {
    jest.spyOn(Date, 'now').mockReturnValue(NOW);
  });
  afterEach(() => {
    jest.restoreAllMocks();
    window.history.replaceState(null, '', '/');
  });

  it('asks for the scorecard of the current entity', async () => {
    const api = mockScorecardApi(Promise.resolve(scorecard));
    await render(api);
    await screen.findByRole('region', { name: 'Findings' });
    expect(api.getScorecardByEntity).toHaveBeenCalledWith({
      kind: 'Resource',
      namespace: 'default',
      name: 'aib-ubuntu-base-1a2b3c',
    });
  });

  it('shows a progress bar while loading', async () => {
    await render(pendingScorecardApi());
    expect(await screen.findByTestId('progress')).toBeInTheDocument();
    expect(screen.queryByRole('region', { name: 'Findings' })).toBeNull();
  });

  it('groups findings by best-practice section, in the order of their first rule', async () => {
    await render(mockScorecardApi(Promise.resolve(scorecard)));
    await screen.findByRole('region', { name: 'Findings' });
    const headings = within(checklist())
      .getAllByRole('heading', { level: 3 })
      .map(h => h.textContent);
    expect(headings).toEqual([
      'Use resource locks for image templates', // rule 1
      'Enable VM boot optimization', // rule 5
      'Specify subnets', // rule 6
      'Least privilege: image template', // rule 7
      'Least privilege: template identity', // rule 9
      'Azure Compute Gallery best practices', // rule 11
      'Image template reference: customize', // rule 14
      'Other rules', // not in the rule pack
    ]);
    const gallery = within(checklist()).getByRole('list', {
      name: 'Azure Compute Gallery best practices',
    });
    expect(ruleIds(gallery)).toEqual(['gallery-replica-count', 'gallery-lock']);
    expect(
      within(checklist()).getByRole('region', {
        name: 'Azure Compute Gallery best practices',
      }),
    ).toHaveTextContent('Warning: 1 · Not applicable: 1');
  });

  it('lists failures first within a section, then by severity', async () => {
    const extra: Finding[] = [
      {
        ruleId: 'gallery-zone-redundant-storage',
        status: 'fail',
        severity: 'low',
        message: 'northeurope uses Standard_LRS.',
        evidence: [],
        remediationUrl: 'https://learn.microsoft.com/x',
      },
      {
        ruleId: 'no-embedded-secrets',
        status: 'fail',
        severity: 'high',
        message: 'A SAS token is embedded.',
        evidence: [],
        remediationUrl: 'https://learn.microsoft.com/x',
      },
    ];
    await render(
      mockScorecardApi(
        Promise.resolve({
          ...scorecard,
          findings: [...scorecard.findings, ...extra],
        }),
      ),
    );
    await screen.findByRole('region', { name: 'Findings' });
    const gallery = within(checklist()).getByRole('list', {
      name: 'Azure Compute Gallery best practices',
    });
    // A low-severity failure (rule 12) before a warning (rule 11).
    expect(ruleIds(gallery)).toEqual([
      'gallery-zone-redundant-storage',
      'gallery-replica-count',
      'gallery-lock',
    ]);
    const customize = within(checklist()).getByRole('list', {
      name: 'Image template reference: customize',
    });
    // Same status and severity: by rule number (14 before 16).
    expect(ruleIds(customize)).toEqual([
      'customizer-checksum',
      'no-embedded-secrets',
    ]);
  });

  it('lists what needs attention at the top, failures first, linking into the checklist', async () => {
    await render(mockScorecardApi(Promise.resolve(scorecard)));
    const attention = await screen.findByRole('list', {
      name: 'Needs attention',
    });
    const items = within(attention).getAllByRole('listitem');
    expect(items.map(li => within(li).getByRole('link').textContent)).toEqual([
      'The template identity holds only what it needs', // fail, high, rule 9
      'Downloaded customizer files are pinned by checksum', // fail, high, rule 14
      'custom-rule', // fail, high, not in the pack
      'The build runs in your own subnets', // fail, medium
      'Gallery image versions have enough replicas', // warn
    ]);
    expect(within(items[0]).getByRole('img', { name: 'Fail' })).toBeVisible();
    expect(
      within(items[4]).getByRole('img', { name: 'Warning' }),
    ).toBeVisible();
    expect(
      screen.getByText(/4 failures and 1 warning, most important first\./),
    ).toBeInTheDocument();
    expect(screen.getByText(/1 result could not be checked/)).toBeVisible();

    const link = within(items[3]).getByRole('link');
    expect(link).toHaveAttribute('href', '#aib-rule-own-subnets');
    await userEvent.click(link);
    expect(document.activeElement).toBe(finding('own-subnets'));
    expect(window.location.hash).toBe('#aib-rule-own-subnets');
  });

  it('says when nothing needs attention', async () => {
    await render(
      mockScorecardApi(
        Promise.resolve({
          ...scorecard,
          findings: scorecard.findings.filter(
            f => f.status !== 'fail' && f.status !== 'warn',
          ),
        }),
      ),
    );
    expect(
      await screen.findByText(
        /Nothing needs attention: no rule failed or warned\./,
      ),
    ).toBeInTheDocument();
    expect(screen.queryByRole('list', { name: 'Needs attention' })).toBeNull();
  });

  it('opens at the finding named in the URL fragment', async () => {
    window.history.replaceState(null, '', '/#aib-rule-template-lock');
    await render(mockScorecardApi(Promise.resolve(scorecard)));
    await screen.findByRole('region', { name: 'Findings' });
    expect(document.activeElement).toBe(finding('template-lock'));
  });

  it('shows each status as an icon with a name and as a word', async () => {
    await render(mockScorecardApi(Promise.resolve(scorecard)));
    await screen.findByRole('region', { name: 'Findings' });
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
      expect(
        within(item).getAllByRole('img', { name: word })[0],
      ).toBeInTheDocument();
      expect(within(item).getAllByText(word)[0]).toBeVisible();
    }
    expect(finding('gallery-lock')).toHaveAttribute(
      'data-status',
      'not-applicable',
    );
  });

  it('shows the rule title, id, severity and message', async () => {
    await render(mockScorecardApi(Promise.resolve(scorecard)));
    await screen.findByRole('region', { name: 'Findings' });
    const item = finding('own-subnets');
    expect(
      within(item).getByRole('heading', {
        level: 4,
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
    await render(mockScorecardApi(Promise.resolve(scorecard)));
    await screen.findByRole('region', { name: 'Findings' });
    const link = within(finding('own-subnets')).getByRole('link', {
      name: /how to fix/i,
    });
    expect(link).toHaveAttribute(
      'href',
      'https://learn.microsoft.com/azure/virtual-machines/linux/image-builder-json#vnetconfig-optional',
    );
    expect(link).toHaveAccessibleName(
      'How to fix: The build runs in your own subnets (opens in a new tab)',
    );
    expect(link).toHaveAttribute('target', '_blank');
    expect(link.getAttribute('rel')).toContain('noopener');
  });

  it('never renders a non-http remediation link, falling back to the rule metadata', async () => {
    await render(mockScorecardApi(Promise.resolve(scorecard)));
    await screen.findByRole('region', { name: 'Findings' });
    const link = within(finding('customizer-checksum')).getByRole('link', {
      name: /how to fix/i,
    });
    expect(link).toHaveAttribute(
      'href',
      'https://learn.microsoft.com/azure/virtual-machines/linux/image-builder-json#properties-customize',
    );
    expect(document.querySelector('a[href^="javascript:"]')).toBeNull();
  });

  it('shows the evidence: property path, observed value and what was expected', async () => {
    await render(mockScorecardApi(Promise.resolve(scorecard)));
    await screen.findByRole('region', { name: 'Findings' });

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
    expect(replicas.getByText('≥ 3')).toBeInTheDocument();
  });

  it('collapses a long observed value behind a button', async () => {
    const principals = Array.from({ length: 12 }, (_, i) => ({
      principalId: `00000000-0000-0000-0000-00000000000${i}`,
      role: 'Contributor',
    }));
    await render(
      mockScorecardApi(
        Promise.resolve({
          ...scorecard,
          findings: scorecard.findings.map(x =>
            x.ruleId === 'template-access'
              ? { ...x, evidence: [{ path: 'access', observed: principals }] }
              : x,
          ),
        }),
      ),
    );
    await screen.findByRole('region', { name: 'Findings' });
    const item = within(finding('template-access'));
    const full = JSON.stringify(principals);
    expect(item.getByText(`${full.slice(0, 160)}…`).tagName).toBe('CODE');
    const button = item.getByRole('button', {
      name: `Show all ${full.length} characters`,
    });
    expect(button).toHaveAttribute('aria-expanded', 'false');
    await userEvent.click(button);
    expect(item.getByText(full)).toBeInTheDocument();
    expect(item.getByRole('button', { name: 'Show less' })).toHaveAttribute(
      'aria-expanded',
      'true',
    );
  });

  it('says in words why a result is unknown: what could not be read, the code, and what it means', async () => {
    await render(mockScorecardApi(Promise.resolve(scorecardWithFacts)));
    await screen.findByRole('region', { name: 'Findings' });
    const lock = finding('template-lock');
    expect(lock).toHaveTextContent(
      "Why unknown: Could not read locks: AuthorizationFailed — the scanner's identity lacks Reader (or another role that can read locks) on subscription Platform Production (00000000-0000-0000-0000-000000000001).",
    );
  });

  it('shows the waiver: reason, who granted it, until when, and the result without it', async () => {
    await render(mockScorecardApi(Promise.resolve(scorecard)));
    await screen.findByRole('region', { name: 'Findings' });
    const item = finding('template-access');
    const waiver = within(item).getByLabelText('Waiver for template-access');
    const text = waiver.textContent;
    expect(text).toContain('Waiver reasonmigration in progress');
    expect(text).toContain('Waived until2099-01-31');
    expect(within(waiver).getByRole('link', { name: /alice/ })).toHaveAttribute(
      'href',
      '/catalog/default/user/alice',
    );
    expect(
      within(waiver).getByRole('img', { name: 'Fail' }),
    ).toBeInTheDocument();
  });

  it('shows the score, the counts, the owner and when it was scanned', async () => {
    await render(mockScorecardApi(Promise.resolve(scorecard)));
    await screen.findByRole('region', { name: 'Findings' });

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
    expect(screen.queryByText(/stale since/i)).not.toBeInTheDocument();
  });

  it('links the template to the Azure portal; without facts, only the template', async () => {
    await render(mockScorecardApi(Promise.resolve(scorecard)));
    await screen.findByRole('region', { name: 'Findings' });
    const links = within(
      screen.getByRole('list', { name: 'Azure portal links' }),
    ).getAllByRole('link');
    expect(links.map(a => a.getAttribute('href'))).toEqual([
      `https://portal.azure.com/#/resource${RESOURCE_ID}`,
    ]);
    expect(links[0]).toHaveAccessibleName(
      'ubuntu-base (template in the Azure portal, opens in a new tab)',
    );
    expect(links[0]).toHaveAttribute('target', '_blank');
  });

  it('links the staging resource group and the identities on the portal and tenant of the view URL', async () => {
    const viewUrl = `https://portal.azure.us/#@contoso.onmicrosoft.us/resource${RESOURCE_ID}`;
    await render(mockScorecardApi(Promise.resolve(scorecardWithFacts)), {
      ...templateEntity,
      metadata: {
        ...templateEntity.metadata,
        annotations: {
          ...templateEntity.metadata.annotations,
          'backstage.io/view-url': viewUrl,
        },
      },
    });
    await screen.findByRole('region', { name: 'Findings' });
    const list = screen.getByRole('list', { name: 'Azure portal links' });
    expect(list).toHaveTextContent(
      'Template: ubuntu-base' +
        ' (template in the Azure portal, opens in a new tab)' +
        'Staging resource group: rg-aib-staging-ubuntu' +
        ' (staging resource group in the Azure portal, opens in a new tab)' +
        'Identity: id-aib-ubuntu (identity in the Azure portal, opens in a new tab)' +
        'Build VM identity: id-aib-buildvm' +
        ' (build VM identity in the Azure portal, opens in a new tab)',
    );
    const base = 'https://portal.azure.us/#@contoso.onmicrosoft.us/resource';
    expect(
      within(list)
        .getAllByRole('link')
        .map(a => a.getAttribute('href')),
    ).toEqual([
      viewUrl,
      `${base}${scorecardWithFacts.facts!.stagingResourceGroup}`,
      `${base}${scorecardWithFacts.facts!.identities[0]}`,
      `${base}${scorecardWithFacts.facts!.buildVmIdentities[0]}`,
    ]);
    expect(
      screen.getByText(
        'Platform Production (00000000-0000-0000-0000-000000000001)',
      ),
    ).toBeInTheDocument();
  });

  it('says "No score" when no rule applied', async () => {
    await render(
      mockScorecardApi(
        Promise.resolve({ ...scorecard, score: null, findings: [] }),
      ),
    );
    expect(await screen.findByTestId('aib-score')).toHaveTextContent(
      'No score',
    );
    expect(
      screen.getByText('No rule produced a result for this template.'),
    ).toBeInTheDocument();
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
    const banner = await screen.findByRole('status');
    expect(banner).toHaveTextContent('This scorecard may be out of date');
    expect(banner).toHaveTextContent(
      'Stale since 2025-03-04 12:15 UTC (1 hour ago) because the subscription could not be listed (AuthorizationFailed).',
    );
  });

  it('explains that the scan runs on a schedule when there is no scorecard yet', async () => {
    const api = mockScorecardApi(Promise.resolve(undefined));
    await render(api);
    expect(await screen.findByText('No scorecard yet')).toBeInTheDocument();
    expect(screen.getByText(/scanned on a schedule/)).toBeInTheDocument();

    api.getScorecardByEntity.mockResolvedValueOnce(scorecard);
    await userEvent.click(screen.getByRole('button', { name: 'Check again' }));
    expect(
      await screen.findByRole('region', { name: 'Findings' }),
    ).toBeInTheDocument();
    expect(api.getScorecardByEntity).toHaveBeenCalledTimes(2);
  });

  it('shows the error when the backend fails', async () => {
    const error = await backendError('database is down');
    await render(mockScorecardApi(Promise.reject(error)));
    expect(await screen.findByText('database is down')).toBeInTheDocument();
    expect(screen.queryByRole('region', { name: 'Findings' })).toBeNull();
  });

  it('asks for the annotation when the entity has none, without calling the backend', async () => {
    const api = mockScorecardApi(Promise.resolve(scorecard));
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
