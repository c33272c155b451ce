import fs from 'fs';
import path from 'path';
import {
  Finding,
  Snapshot,
} from '@aib-scorecards/plugin-azure-image-builder-common';
import { generateSnapshot } from '../../bench/generateSnapshot';
import { DEFAULT_OWNERSHIP } from '../config/types';
import { redactSecrets, redactString } from '../redaction';
import { createRuleEngine } from './createRuleEngine';
import { scoreSnapshot } from './scoreSnapshot';
import { SnapshotIndex } from './SnapshotIndex';
import { templateFacts } from './templateFacts';

/*
 * scoreSnapshot redacts through per-scan caches, and the rules share frozen evidence between
 * templates: the scorecards must hold exactly what plain redaction of the rules' findings gives.
 */

const engine = createRuleEngine();
const now = new Date('2026-11-26T00:00:00Z');
const EXAMPLE = path.resolve(
  __dirname,
  '../../../../examples/azure-snapshot.json',
);

function generated(): Snapshot {
  // Every rule's data: role assignments, shared identities, SAS URLs and inline passwords.
  return generateSnapshot({
    templates: 240,
    subscriptions: 2,
    full: true,
    capturedAt: now.toISOString(),
  });
}

/** The findings of each template, redacted one by one without any cache. */
function plainlyRedacted(snapshot: Snapshot): Finding[][] {
  const index = SnapshotIndex.build(snapshot);
  return index.templates.map(({ template, subscription }) =>
    engine.evaluate(template, subscription, index).map(f => ({
      ...f,
      message: redactString(f.message),
      evidence: redactSecrets(f.evidence),
    })),
  );
}

const snapshots: Array<[string, () => Snapshot]> = [
  ['the generated snapshot', generated],
  ...(fs.existsSync(EXAMPLE)
    ? [
        [
          'examples/azure-snapshot.json',
          () => JSON.parse(fs.readFileSync(EXAMPLE, 'utf8')),
        ] as [string, () => Snapshot],
      ]
    : []),
];

describe('scoreSnapshot redaction', () => {
  it.each(snapshots)(
    'gives the findings and facts plain redaction gives for %s',
    (_, load) => {
      const snapshot = load();
      const cards = scoreSnapshot(snapshot, {
        engine,
        sourceId: 's',
        ownership: DEFAULT_OWNERSHIP,
        now,
      });
      const expected = plainlyRedacted(snapshot);
      expect(cards.length).toBe(expected.length);
      cards.forEach((card, i) => {
        expect(JSON.stringify(card.findings)).toBe(JSON.stringify(expected[i]));
      });
      const index = SnapshotIndex.build(snapshot);
      expect(cards.map(c => c.facts)).toEqual(
        index.templates.map(t => templateFacts(t.template)),
      );
    },
  );

  it('keeps the generated SAS signatures and passwords out of every scorecard', () => {
    const snapshot = generated();
    const text = JSON.stringify(snapshot);
    // The snapshot does hold them.
    expect(text).toMatch(/sig=Zm9v\d+YmFy/);
    expect(text).toMatch(/s3cr3t-\d+/);
    expect(text).toMatch(/Pa55-w0rd-\d+/);
    const cards = JSON.stringify(
      scoreSnapshot(snapshot, {
        engine,
        sourceId: 's',
        ownership: DEFAULT_OWNERSHIP,
        now,
      }),
    );
    expect(cards).not.toMatch(/Zm9v\d+YmFy|s3cr3t-\d+|Pa55-w0rd-\d+/);
    expect(cards).toContain('[REDACTED]');
  });

  it('shares the evidence of a grant between the templates it covers, frozen', () => {
    const cards = scoreSnapshot(generated(), {
      engine,
      sourceId: 's',
      ownership: DEFAULT_OWNERSHIP,
      now,
    });
    const grants = (i: number) =>
      cards[i].findings
        .find(f => f.ruleId === 'template-access')!
        .evidence.map(e => e.observed);
    // Templates 1 and 2 are in different resource groups of one subscription: the subscription's
    // grants are evidence for both.
    const shared = grants(1).filter(o => grants(2).includes(o));
    expect(shared.length).toBeGreaterThan(0);
    for (const observed of shared) {
      expect(Object.isFrozen(observed)).toBe(true);
      expect(() => {
        (observed as Record<string, unknown>).scope = 'changed';
      }).toThrow(TypeError);
    }
  });
});
