/* Exemptions applied where templates are scored (scoreSnapshot). */
import { computeScore } from '@aib-scorecards/plugin-azure-image-builder-common';
import { DEFAULT_OWNERSHIP } from '../config/types';
import {
  makeSnapshot,
  makeSubscription,
  makeTemplate,
} from '../engine/__testUtils__/snapshots';
import { createRuleEngine } from '../engine/createRuleEngine';
import { scoreSnapshot } from '../engine/scoreSnapshot';
import {
  customizerChecksumRule,
  ownSubnetsRule,
  templateLockRule,
  vmBootOptimizationRule,
} from '../rules';
import { createExemptions } from './createExemptions';
import { ExemptionConfig } from './types';

// The first four rules of the pack, so the statuses below do not move as rules are added.
const engine = createRuleEngine({
  rules: [
    templateLockRule,
    vmBootOptimizationRule,
    ownSubnetsRule,
    customizerChecksumRule,
  ],
});

// No lock (template-lock: fail, medium), boot optimization on (pass, low), no subnet (fail).
const teamTemplate = makeTemplate(
  'team-template',
  { optimize: { vmBoot: { state: 'Enabled' } } },
  { tags: { owner: 'team-images' } },
);
const otherTemplate = makeTemplate(
  'other-template',
  { optimize: { vmBoot: { state: 'Enabled' } } },
  { tags: { owner: 'team-windows' } },
);
const snapshot = makeSnapshot([
  makeSubscription({ imageTemplates: [teamTemplate, otherTemplate] }),
]);

const lockExemption: ExemptionConfig = {
  rule: 'template-lock',
  selector: { owner: 'team-images' },
  reason: 'Locks come with the landing zone migration',
  grantedBy: 'group:default/platform',
  expires: '2026-12-31',
};

function score(exemptions: ExemptionConfig[] | undefined, now?: Date) {
  return scoreSnapshot(snapshot, {
    engine,
    sourceId: 'demo',
    ownership: DEFAULT_OWNERSHIP,
    ...(exemptions
      ? { exemptions: createExemptions(exemptions, { engine }) }
      : {}),
    ...(now ? { now } : {}),
  });
}

describe('scoreSnapshot with exemptions', () => {
  const scanTime = new Date('2026-11-20T10:00:00Z');

  it('waives the findings an exemption selects, keeps the status, and leaves them out of the score', () => {
    const [plain] = score(undefined);
    const [team, other] = score([lockExemption], scanTime);

    const lock = team.findings.find(f => f.ruleId === 'template-lock')!;
    expect(lock).toMatchObject({
      status: 'waived',
      underlyingStatus: 'fail',
      severity: 'medium',
      waiver: {
        reason: 'Locks come with the landing zone migration',
        grantedBy: 'group:default/platform',
        expires: '2026-12-31',
      },
    });
    // The message and evidence still say what the rule found.
    const plainLock = plain.findings.find(f => f.ruleId === 'template-lock')!;
    expect(lock.message).toBe(plainLock.message);
    expect(lock.evidence).toEqual(plainLock.evidence);

    expect(team.counts.waived).toBe(1);
    expect(team.counts.fail).toBe(plain.counts.fail - 1);
    expect(team.score).toBe(
      computeScore(team.findings.filter(f => f.ruleId !== 'template-lock')),
    );
    expect(team.score).toBeGreaterThan(plain.score!);

    // The template of another owner is scored as before.
    expect(other.findings.map(f => f.status)).not.toContain('waived');
    expect(other.score).toBe(plain.score);
  });

  it('stops waiving once the exemption has expired at the scan time', () => {
    const [team] = score(
      [{ ...lockExemption, expires: '2026-11-20T09:59:59Z' }],
      scanTime,
    );
    expect(team.counts.waived).toBe(0);
    expect(team.findings.find(f => f.ruleId === 'template-lock')?.status).toBe(
      'fail',
    );
  });

  it('compares with the current time when no scan time is given', () => {
    const [future] = score([{ ...lockExemption, expires: '2999-12-31' }]);
    expect(future.counts.waived).toBe(1);
    const [past] = score([{ ...lockExemption, expires: '2000-01-01' }]);
    expect(past.counts.waived).toBe(0);
  });

  it('selects by the entity ref the scorecard names', () => {
    const [team] = score(undefined);
    const [exempted] = score(
      [
        {
          ...lockExemption,
          rule: 'own-subnets',
          selector: { entityRef: team.entityRef },
        },
      ],
      scanTime,
    );
    expect(
      exempted.findings.find(f => f.ruleId === 'own-subnets'),
    ).toMatchObject({ status: 'waived', underlyingStatus: 'fail' });
  });

  it('gives a template whose only applicable rule is waived no score', () => {
    const onlyLock = createRuleEngine({ rules: [templateLockRule] });
    const [team] = scoreSnapshot(snapshot, {
      engine: onlyLock,
      sourceId: 'demo',
      ownership: DEFAULT_OWNERSHIP,
      exemptions: createExemptions([lockExemption], { engine: onlyLock }),
      now: scanTime,
    });
    expect(team.score).toBeNull();
    expect(team.counts.waived).toBe(1);
  });
});
