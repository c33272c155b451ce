/*
 * The rules that read `properties.distribute` and triggers (RULES.md #3, #4, #11–#13) on the
 * shared fixtures (real templates, read at test time, never copied), checked against the fixtures'
 * own index, which was written by hand from the files.
 */
import fs from 'fs';
import path from 'path';
import { RuleOutcome } from './types';
import {
  FIXTURES_DIR,
  FixtureTemplate,
  readFixtureTemplates,
} from '../engine/__testUtils__/fixtures';
import { evaluateRule } from '../engine/__testUtils__/snapshots';
import { drMultiRegionDistributionRule } from './drMultiRegionDistribution';
import { galleryLockRule } from './galleryLock';
import { galleryReplicaCountRule } from './galleryReplicaCount';
import { galleryZoneRedundantStorageRule } from './galleryZoneRedundantStorage';
import { sourceImageTriggerRule } from './sourceImageTrigger';

interface IndexEntry {
  file: string;
  source?: string;
  distribute?: string;
}

const INDEX = path.join(FIXTURES_DIR, 'INDEX.json');
const describeFixtures = fs.existsSync(INDEX) ? describe : describe.skip;

/** Each fixture template with its index entry (entries of a file are in document order). */
function pairWithIndex(): Array<{
  fixture: FixtureTemplate;
  entry: IndexEntry;
}> {
  const entries: IndexEntry[] = JSON.parse(fs.readFileSync(INDEX, 'utf8'));
  const found = readFixtureTemplates();
  const pairs: Array<{ fixture: FixtureTemplate; entry: IndexEntry }> = [];
  for (const file of new Set(found.map(f => f.file))) {
    const templates = found.filter(f => f.file === file);
    const described = entries.filter(e => e.file === file && e.distribute);
    if (templates.length !== described.length) continue;
    templates.forEach((fixture, i) =>
      pairs.push({ fixture, entry: described[i] }),
    );
  }
  return pairs;
}

describeFixtures(
  'distribution and trigger rules on the shared fixtures',
  () => {
    const pairs = fs.existsSync(INDEX) ? pairWithIndex() : [];
    // The fixtures come without triggers or locks: the snapshot says they were not read.
    const run = (
      rule: Parameters<typeof evaluateRule>[0],
      fixture: FixtureTemplate,
    ): RuleOutcome =>
      evaluateRule(rule, fixture.template, { triggers: null, locks: null });

    it('pairs most fixture templates with their index entry', () => {
      expect(pairs.length).toBeGreaterThanOrEqual(20);
    });

    it('applies the gallery rules exactly where the index lists a SharedImage distributor', () => {
      const gallery = [
        galleryReplicaCountRule,
        galleryZoneRedundantStorageRule,
        galleryLockRule,
      ];
      const actual = pairs.map(({ fixture }) => [
        fixture.file,
        gallery.map(rule => run(rule, fixture).status === 'not-applicable'),
      ]);
      const expected = pairs.map(({ fixture, entry }) => [
        fixture.file,
        gallery.map(() => !entry.distribute!.includes('SharedImage')),
      ]);
      expect(actual).toEqual(expected);
    });

    it('never fails a gallery lock it could not read', () => {
      for (const { fixture } of pairs) {
        expect(run(galleryLockRule, fixture).status).not.toBe('fail');
      }
    });

    it('answers source-image-trigger not-applicable for managed image sources, else unknown', () => {
      const actual = pairs.map(({ fixture }) => [
        fixture.file,
        run(sourceImageTriggerRule, fixture).status,
      ]);
      const expected = pairs.map(({ fixture, entry }) => [
        fixture.file,
        entry.source?.startsWith('ManagedImage') ? 'not-applicable' : 'unknown',
      ]);
      expect(actual).toEqual(expected);
    });

    it('counts the two placeholder regions of the gallery quickstarts as two regions', () => {
      const quickstart = pairs.find(p =>
        p.fixture.file.endsWith(
          'qs1_linux_gallery.helloImageTemplateforSIG.json',
        ),
      );
      expect(quickstart).toBeDefined();
      expect(
        run(drMultiRegionDistributionRule, quickstart!.fixture),
      ).toMatchObject({
        status: 'pass',
        message: expect.stringMatching(/<region1>, <region2>/),
      });
    });

    it('is unknown for a deployment template whose replicationRegions is a parameter', () => {
      const baseline = pairs.find(p =>
        p.fixture.file.endsWith(
          'imagebuilder-windowsbaseline.azuredeploy.json',
        ),
      );
      expect(baseline).toBeDefined();
      expect(run(drMultiRegionDistributionRule, baseline!.fixture).status).toBe(
        'unknown',
      );
      expect(run(galleryReplicaCountRule, baseline!.fixture).status).toBe(
        'unknown',
      );
    });
  },
);
