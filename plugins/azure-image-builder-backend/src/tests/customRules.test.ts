/*
 * A backend module adds a rule through the node package's extension point; the plugin runs it,
 * stores its findings, and applies config and exemptions to it like to the pack's rules.
 */
import { Scorecard } from '@aib-scorecards/plugin-azure-image-builder-common';
import {
  azureImageBuilderRulesExtensionPoint,
  ImageTemplateRule,
} from '@aib-scorecards/plugin-azure-image-builder-node';
import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  createMockDirectory,
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import request from 'supertest';
import { azureImageBuilderPlugin } from '../plugin';
import {
  imageTemplate,
  snapshot,
  subscription,
} from '../__testUtils__/snapshots';

jest.setTimeout(60_000);

const SUB = '44444444-4444-4444-4444-444444444444';
const BASE = '/api/azure-image-builder';
const RULE_ID = 'acme-cost-center';

const tagged = {
  ...imageTemplate(SUB, 'tagged'),
  tags: { owner: 'team-images', 'cost-center': 'cc-42' },
};
const untagged = imageTemplate(SUB, 'untagged');
const exempted = imageTemplate(SUB, 'exempted');

/** A rule of the installation: every template must carry a `cost-center` tag. */
const costCenterRule: ImageTemplateRule = {
  metadata: {
    id: RULE_ID,
    number: 100,
    title: 'Templates carry a cost center',
    practice: 'Acme conventions',
    origin: 'custom',
    severity: 'high',
    remediationUrl: 'https://wiki.acme.example/cost-centers',
    description: 'The template has a cost-center tag.',
  },
  evaluate: ({ template }) => {
    const value = template.tags?.['cost-center'];
    const evidence = [{ path: 'tags.cost-center', observed: value ?? null }];
    return value
      ? { status: 'pass', message: `Cost center ${value}`, evidence }
      : { status: 'fail', message: 'No cost-center tag', evidence };
  },
};

function rulesModule(...rules: ImageTemplateRule[]) {
  return createBackendModule({
    pluginId: 'azure-image-builder',
    moduleId: 'test-rules',
    register(reg) {
      reg.registerInit({
        deps: { rules: azureImageBuilderRulesExtensionPoint },
        async init({ rules: extension }) {
          extension.addRules(...rules);
        },
      });
    },
  });
}

describe('rules added by a backend module', () => {
  const mockDir = createMockDirectory();

  beforeEach(() => {
    mockDir.setContent({
      'snapshot.json': JSON.stringify(
        snapshot(subscription(SUB, [tagged, untagged, exempted])),
      ),
    });
  });

  function start(extra: object, modules = [rulesModule(costCenterRule)]) {
    return startTestBackend({
      features: [
        azureImageBuilderPlugin,
        ...modules,
        mockServices.rootConfig.factory({
          data: {
            azureImageBuilder: {
              sources: [
                {
                  id: 'test',
                  type: 'file',
                  path: mockDir.resolve('snapshot.json'),
                },
              ],
              schedule: {
                frequency: { minutes: 30 },
                timeout: { minutes: 1 },
                initialDelay: { seconds: 0 },
              },
              ...extra,
            },
          },
        }),
        mockServices.scheduler.factory({
          includeInitialDelayedTasksOnStartup: true,
        }),
      ],
    });
  }

  async function scorecardOf(
    server: Parameters<typeof request>[0],
    id: string,
  ): Promise<Scorecard> {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const response = await request(server)
        .get(`${BASE}/scorecards/by-resource-id`)
        .query({ id })
        .set('Authorization', mockCredentials.user.header());
      if (response.status === 200) return response.body;
      if (Date.now() > deadline) {
        throw new Error(`Timed out waiting for the scorecard of ${id}`);
      }
      await new Promise(resolve => setTimeout(resolve, 100));
    }
  }

  it('stores the findings of the added rule, with config and exemptions applied', async () => {
    const { server } = await start({
      rules: { [RULE_ID]: { severity: 'medium' } },
      exemptions: [
        {
          rule: RULE_ID,
          selector: { templateId: exempted.id },
          reason: 'Sandbox template, deleted next sprint',
          grantedBy: 'user:default/jane',
          expires: '2999-12-31',
        },
      ],
    });

    const taggedCard = await scorecardOf(server, tagged.id);
    expect(taggedCard.findings.find(f => f.ruleId === RULE_ID)).toEqual({
      ruleId: RULE_ID,
      status: 'pass',
      severity: 'medium', // configured over the rule's own `high`
      message: 'Cost center cc-42',
      evidence: [{ path: 'tags.cost-center', observed: 'cc-42' }],
      remediationUrl: 'https://wiki.acme.example/cost-centers',
    });
    // Added rules come after the pack (by number), so the pack's findings are still there.
    expect(taggedCard.findings.at(-1)?.ruleId).toBe(RULE_ID);
    expect(taggedCard.findings.map(f => f.ruleId)).toContain('template-lock');

    const untaggedCard = await scorecardOf(server, untagged.id);
    expect(untaggedCard.findings.find(f => f.ruleId === RULE_ID)).toMatchObject(
      { status: 'fail', message: 'No cost-center tag' },
    );

    const exemptedCard = await scorecardOf(server, exempted.id);
    expect(exemptedCard.findings.find(f => f.ruleId === RULE_ID)).toMatchObject(
      {
        status: 'waived',
        underlyingStatus: 'fail',
        waiver: {
          reason: 'Sandbox template, deleted next sprint',
          grantedBy: 'user:default/jane',
          expires: '2999-12-31',
        },
      },
    );
    expect(exemptedCard.counts.waived).toBe(1);
    // The same template but for the waiver: the waived fail no longer lowers the score.
    expect(exemptedCard.score).toBeGreaterThan(untaggedCard.score!);
  });

  it('does not waive with an exemption that has expired', async () => {
    const { server } = await start({
      exemptions: [
        {
          rule: RULE_ID,
          selector: { templateId: exempted.id },
          reason: 'Was a sandbox',
          grantedBy: 'user:default/jane',
          expires: '2000-01-01',
        },
      ],
    });
    const card = await scorecardOf(server, exempted.id);
    expect(card.findings.find(f => f.ruleId === RULE_ID)).toMatchObject({
      status: 'fail',
    });
    expect(card.counts.waived).toBe(0);
  });

  it('leaves out the added rule when config disables it', async () => {
    const { server } = await start({ rules: { disabled: [RULE_ID] } });
    const card = await scorecardOf(server, untagged.id);
    expect(card.findings.map(f => f.ruleId)).not.toContain(RULE_ID);
    expect(card.findings.map(f => f.ruleId)).toContain('template-lock');
  });

  it('fails start-up when config names a rule that no module added', async () => {
    await expect(
      start({ rules: { [RULE_ID]: { severity: 'low' } } }, []),
    ).rejects.toThrow(
      `Invalid config at azureImageBuilder.rules.${RULE_ID}: unknown rule "${RULE_ID}"`,
    );
  });

  it('fails start-up when an exemption names a disabled rule', async () => {
    await expect(
      start({
        rules: { disabled: [RULE_ID] },
        exemptions: [
          {
            rule: RULE_ID,
            selector: { owner: 'team-images' },
            reason: 'r',
            grantedBy: 'g',
            expires: '2999-12-31',
          },
        ],
      }),
    ).rejects.toThrow(
      `Invalid config at azureImageBuilder.exemptions[0].rule: "${RULE_ID}" is not an enabled rule`,
    );
  });

  it('fails start-up when an added rule takes the id of another rule', async () => {
    const impostor: ImageTemplateRule = {
      ...costCenterRule,
      metadata: { ...costCenterRule.metadata, id: 'template-lock' },
    };
    await expect(start({}, [rulesModule(impostor)])).rejects.toThrow(
      "Cannot add rule 'template-lock' through azureImageBuilderRulesExtensionPoint: a built-in rule has that id",
    );
    await expect(
      start({}, [rulesModule(costCenterRule, costCenterRule)]),
    ).rejects.toThrow(
      `Cannot add rule '${RULE_ID}' through azureImageBuilderRulesExtensionPoint: a rule with that id was already added`,
    );
  });
});
