import fs from 'fs';
import {
  FINDING_STATUSES,
  RuleMetadata,
  templateKey,
} from '@aib-scorecards/plugin-azure-image-builder-common';
import { DEFAULT_OWNERSHIP } from '../config/types';
import { resolveTemplateOwner, templateEntityRef } from '../entity';
import {
  makeLock,
  makeSnapshot,
  makeSubscription,
  makeTemplate,
  makeTrigger,
  RG,
  SUB,
  templateId,
} from './__testUtils__/snapshots';
import { FIXTURES_DIR, readFixtureTemplates } from './__testUtils__/fixtures';
import {
  customizerChecksumRule,
  ownSubnetsRule,
  templateLockRule,
  vmBootOptimizationRule,
} from '../rules';
import { ImageTemplateRule } from '../rules/types';
import { createRuleEngine } from './createRuleEngine';
import { scoreSnapshot } from './scoreSnapshot';
import { SnapshotIndex } from './SnapshotIndex';
import { templateFacts } from './templateFacts';

// The first four rules: the counts and scores below are theirs, whatever rules are added later.
const FIRST_RULES = [
  templateLockRule,
  vmBootOptimizationRule,
  ownSubnetsRule,
  customizerChecksumRule,
];
const engine = createRuleEngine({ rules: FIRST_RULES });
const options = { engine, sourceId: 'demo', ownership: DEFAULT_OWNERSHIP };

const RG_VNET = `/subscriptions/${SUB}/resourceGroups/net/providers/Microsoft.Network/virtualNetworks/vnet`;

function metadataOf(id: string): RuleMetadata {
  return {
    id,
    number: 99,
    title: id,
    practice: 'tests',
    origin: 'template-reference',
    severity: 'high',
    remediationUrl: 'https://example.com',
    description: id,
  };
}

describe('scoreSnapshot', () => {
  const good = makeTemplate(
    'Good-Template',
    {
      optimize: { vmBoot: { state: 'Enabled' } },
      vmProfile: {
        vnetConfig: {
          subnetId: `${RG_VNET}/subnets/build`,
          containerInstanceSubnetId: `${RG_VNET}/subnets/aci`,
        },
      },
    },
    { tags: { owner: 'team-images' } },
  );
  const bare = makeTemplate('bare', {}, { location: undefined });
  const SUB2 = '00000000-0000-0000-0000-000000000002';
  const elsewhere = {
    ...makeTemplate('elsewhere'),
    id: templateId('elsewhere', 'rg2', SUB2),
  };
  const subscription = makeSubscription({
    imageTemplates: [good, bare],
    locks: [makeLock(good.id, 'CanNotDelete')],
  });
  const snapshot = makeSnapshot([
    subscription,
    makeSubscription({
      subscriptionId: SUB2,
      imageTemplates: [elsewhere],
      locks: null,
      errors: [{ collection: 'locks', code: 'AuthorizationFailed' }],
    }),
    makeSubscription({ subscriptionId: 'unreadable', imageTemplates: null }),
  ]);

  it('makes one scorecard per template, in snapshot order', () => {
    const cards = scoreSnapshot(snapshot, options);
    expect(cards.map(c => c.templateName)).toEqual([
      'Good-Template',
      'bare',
      'elsewhere',
    ]);
  });

  it('fills every field of the scorecard', () => {
    const [card] = scoreSnapshot(snapshot, options);
    expect(card).toEqual({
      templateId: templateKey(good.id),
      resourceId: good.id,
      templateName: 'Good-Template',
      subscriptionId: SUB,
      resourceGroup: RG,
      location: 'westeurope',
      entityRef: templateEntityRef(good.id),
      owner: resolveTemplateOwner(good, subscription, DEFAULT_OWNERSHIP),
      sourceId: 'demo',
      score: 100,
      counts: {
        pass: 3,
        fail: 0,
        warn: 0,
        unknown: 0,
        'not-applicable': 1,
        waived: 0,
      },
      findings: engine.evaluate(
        good,
        subscription,
        SnapshotIndex.build(snapshot),
      ),
      scannedAt: '2026-11-20T10:00:00Z',
      facts: templateFacts(good),
    });
    expect(card.templateId).toBe(card.resourceId.toLowerCase());
    expect(card.entityRef).toMatch(/^resource:default\//);
    expect(card.owner).toBe('group:default/team-images');
  });

  it('scores what applies and leaves out the location when there is none', () => {
    const [, bareCard, elsewhereCard] = scoreSnapshot(snapshot, options);
    expect(bareCard.location).toBeUndefined();
    expect('location' in bareCard).toBe(false);
    // template-lock fail (2), vm-boot fail (1), own-subnets fail (2); checksum not applicable.
    expect(bareCard.score).toBe(0);
    expect(bareCard.owner).toBe(DEFAULT_OWNERSHIP.defaultOwner);
    // Locks unknown: left out of the score, never a failure.
    expect(elsewhereCard.subscriptionId).toBe(SUB2);
    expect(elsewhereCard.findings[0]).toMatchObject({
      ruleId: 'template-lock',
      status: 'unknown',
      evidence: [{ collection: 'locks', code: 'AuthorizationFailed' }],
    });
    expect(elsewhereCard.counts.unknown).toBe(1);
  });

  it('has no score when no rule applies', () => {
    const onlyUnknown = createRuleEngine({
      rules: FIRST_RULES,
      config: {
        disabled: [
          'vm-boot-optimization',
          'own-subnets',
          'customizer-checksum',
        ],
      },
    });
    const [, , card] = scoreSnapshot(snapshot, {
      ...options,
      engine: onlyUnknown,
    });
    expect(card.score).toBeNull();
  });

  it('redacts secrets in messages and evidence', () => {
    const leaky: ImageTemplateRule = {
      metadata: { ...metadataOf('leaky') },
      evaluate: () => ({
        status: 'fail',
        message:
          'download https://a.blob.core.windows.net/c/s.sh?sv=1&sig=TOPSECRETSIG',
        evidence: [
          {
            path: 'properties.customize[0].scriptUri',
            observed:
              'https://a.blob.core.windows.net/c/s.sh?sv=1&sig=TOPSECRETSIG',
          },
        ],
      }),
    };
    const cards = scoreSnapshot(snapshot, {
      ...options,
      engine: createRuleEngine({ rules: [leaky] }),
    });
    const text = JSON.stringify(cards);
    expect(text).not.toContain('TOPSECRETSIG');
    expect(cards[0].findings[0].evidence[0].observed).toContain(
      'https://a.blob.core.windows.net/c/s.sh',
    );
  });

  it('uses an index it is given', () => {
    const index = SnapshotIndex.build(snapshot);
    const spy = jest.spyOn(SnapshotIndex, 'build');
    scoreSnapshot(snapshot, { ...options, index });
    expect(spy).not.toHaveBeenCalled();
    spy.mockRestore();
  });

  it('scores nothing for a snapshot without readable templates', () => {
    expect(
      scoreSnapshot(
        makeSnapshot([makeSubscription({ imageTemplates: null })]),
        options,
      ),
    ).toEqual([]);
  });

  it('scores 10,000 templates and redacts their evidence', () => {
    const bigSnapshot = (n: number) => {
      const templates = Array.from({ length: n }, (_, i) =>
        makeTemplate(
          `t${i}`,
          {
            optimize: { vmBoot: { state: i % 2 ? 'Enabled' : 'Disabled' } },
            customize: [
              {
                type: 'Shell',
                name: 'a',
                scriptUri: `https://e.com/${i}/a.sh?sig=abc${i}`,
              },
              {
                type: 'File',
                sourceUri: 'https://e.com/f',
                sha256Checksum: 'ab',
              },
            ],
          },
          { tags: { owner: `team-${i % 50}` } },
        ),
      );
      return makeSnapshot([
        makeSubscription({
          imageTemplates: templates,
          triggers: templates.map(t => makeTrigger(t.id)),
          locks: templates
            .filter((_, i) => i % 3 === 0)
            .map(t => makeLock(t.id, 'CanNotDelete')),
        }),
      ]);
    };
    const big = bigSnapshot(10_000);
    const cards = scoreSnapshot(big, options);
    expect(cards).toHaveLength(10_000);
    expect(JSON.stringify(cards[0])).not.toContain('abc0');
  });
});

// Real templates written by others (Azure samples, REST API examples), read from ../shared when
// it is there: each is scored as a bare template (no triggers, no locks) without a crash.
const describeFixtures = fs.existsSync(FIXTURES_DIR) ? describe : describe.skip;

describeFixtures('scoreSnapshot on the shared fixtures', () => {
  const found = fs.existsSync(FIXTURES_DIR) ? readFixtureTemplates() : [];
  const bareSnapshot = makeSnapshot([
    makeSubscription({
      imageTemplates: found.map(f => f.template),
      triggers: null,
      locks: null,
      roleAssignments: null,
      roleDefinitions: null,
      userAssignedIdentities: null,
    }),
  ]);
  const cards = scoreSnapshot(bareSnapshot, options);

  it('finds the image templates of every shape', () => {
    const files = new Set(found.map(f => f.file.split('/')[0]));
    expect([...files]).toEqual(
      expect.arrayContaining(['azvmimagebuilder', 'rest-api-specs']),
    );
    expect(found.length).toBeGreaterThanOrEqual(20);
    expect(cards).toHaveLength(found.length);
  });

  it('gives every template a finding per rule with a valid status and score', () => {
    for (const card of cards) {
      expect(card.findings.map(f => f.ruleId)).toEqual(
        engine.rules.map(r => r.metadata.id),
      );
      for (const finding of card.findings) {
        expect(FINDING_STATUSES).toContain(finding.status);
        expect(finding.message.length).toBeGreaterThan(0);
      }
      expect(
        card.score === null || (card.score >= 0 && card.score <= 100),
      ).toBe(true);
    }
  });

  it('gives a valid finding for every built-in rule, and finds no embedded secret', () => {
    const all = scoreSnapshot(bareSnapshot, {
      ...options,
      engine: createRuleEngine(),
    });
    for (const card of all) {
      for (const finding of card.findings) {
        expect(FINDING_STATUSES).toContain(finding.status);
        // A crashing rule turns into `unknown` with a RuleError: none may crash.
        expect(finding.evidence).not.toContainEqual(
          expect.objectContaining({ code: 'RuleError' }),
        );
      }
      // The fixtures are public samples: none embeds a secret (redaction agrees, see its tests).
      expect(
        card.findings.find(f => f.ruleId === 'no-embedded-secrets')?.status,
      ).not.toBe('fail');
    }
  });

  it('answers unknown for template-lock, since locks were not read', () => {
    for (const card of cards) {
      expect(card.findings[0]).toMatchObject({
        ruleId: 'template-lock',
        status: 'unknown',
        evidence: [{ collection: 'locks', code: 'NotCollected' }],
      });
    }
  });

  it('fails own-subnets wherever Azure Policy 2154edb9 (private link) is non-compliant', () => {
    const withoutVnet = found
      .map((f, i) => ({ f, card: cards[i] }))
      .filter(
        ({ f }) => f.template.properties?.vmProfile?.vnetConfig === undefined,
      );
    expect(withoutVnet.length).toBeGreaterThan(0);
    expect(
      withoutVnet.map(({ f, card }) => [f.file, card.findings[2].status]),
    ).toEqual(withoutVnet.map(({ f }) => [f.file, 'fail']));
  });

  it('agrees with the fixtures index on checksums and subnets', () => {
    const indexPath = `${FIXTURES_DIR}/INDEX.json`;
    if (!fs.existsSync(indexPath)) return;
    const entries: Array<Record<string, any>> = JSON.parse(
      fs.readFileSync(indexPath, 'utf8'),
    ).filter((e: Record<string, any>) => typeof e.uriSteps === 'number');
    const expectedByFile = new Map<string, string[]>();
    for (const e of entries) {
      let checksum = 'pass';
      if (e.uriSteps === 0) checksum = 'not-applicable';
      else if (e.withSha < e.uriSteps) checksum = 'fail';
      let subnets = 'fail';
      if (e.subnetId && !e.aciSubnet) subnets = 'warn';
      else if (e.subnetId) subnets = 'pass-or-warn';
      const list = expectedByFile.get(e.file) ?? [];
      list.push(`${checksum}/${subnets}`);
      expectedByFile.set(e.file, list);
    }
    const actualByFile = new Map<string, string[]>();
    found.forEach((f, i) => {
      const { findings } = cards[i];
      const subnets =
        findings[2].status === 'pass' ||
        (findings[2].status === 'warn' &&
          !/Only the build subnet/.test(findings[2].message))
          ? 'pass-or-warn'
          : findings[2].status;
      const list = actualByFile.get(f.file) ?? [];
      list.push(`${findings[3].status}/${subnets}`);
      actualByFile.set(f.file, list);
    });
    const sorted = (m: Map<string, string[]>) =>
      Object.fromEntries([...m].map(([file, list]) => [file, list.sort()]));
    // The index was written independently of this code: the same templates, the same verdicts.
    expect(sorted(actualByFile)).toEqual(sorted(expectedByFile));
  });
});
