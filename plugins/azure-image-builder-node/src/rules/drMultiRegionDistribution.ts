import {
  ArmResource,
  Evidence,
} from '@aib-scorecards/plugin-azure-image-builder-common';
import { SnapshotIndex } from '../engine/SnapshotIndex';
import {
  Distribution,
  galleryRegions,
  isDistributorType,
  readDistribution,
  regionKey,
} from './distributors';
import { freezeOutcome } from './memo';
import { RuleOutcome } from './types';
import { defineRule, isArmExpression, observed, ScanMemo } from './util';

const SHARED = Symbol('SharedImage');
const MANAGED = Symbol('ManagedImage');
const VHD = Symbol('VHD');
// Outcomes by what the distributors name (see the rule).
const sharedOutcomes = new ScanMemo<RuleOutcome>();

/**
 * RULES.md #3: the images are distributed to two or more distinct regions. Regions: a SharedImage
 * distributor's `targetRegions[].name` and `replicationRegions[]` (none listed: the template's
 * location); a ManagedImage distributor's `location`; the template's location for a VHD.
 * @public
 */
export const drMultiRegionDistributionRule = defineRule(
  'dr-multi-region-distribution',
  ({ template, index }) => {
    const distribution = readDistribution(template);
    if (distribution.unresolved.length > 0) {
      return judge(template, distribution, index);
    }
    // What each distributor names: equal ones share the outcome.
    const keys: unknown[] = [];
    for (const entry of distribution.entries) {
      if (isDistributorType(entry, 'SharedImage')) {
        keys.push(SHARED, entry.index, galleryRegions(template, entry, index));
      } else if (isDistributorType(entry, 'ManagedImage')) {
        keys.push(MANAGED, entry.index, entry.value.location);
      } else if (isDistributorType(entry, 'VHD')) {
        keys.push(VHD, entry.index, template.location);
      }
    }
    // Without any, the outcome quotes properties.distribute as a whole.
    if (keys.length === 0) return judge(template, distribution, index);
    return (
      sharedOutcomes.find(index, keys) ??
      sharedOutcomes.keep(
        index,
        keys,
        freezeOutcome(judge(template, distribution, index)),
      )
    );
  },
);

function judge(
  template: ArmResource,
  distribution: Distribution,
  index: SnapshotIndex,
): RuleOutcome {
  /** Distinct regions by comparison key, with the first spelling seen. */
  const regions = new Map<string, string>();
  const evidence: Evidence[] = [];
  const unresolved: Evidence[] = [...distribution.unresolved];
  const undecided: string[] = distribution.unresolved.map(e => e.path!);

  const addRegion = (name: unknown, path: string, note: string) => {
    const key = regionKey(name);
    if (key === undefined) {
      undecided.push(path);
      evidence.push({
        path,
        observed: observed(name),
        note: `${note}; ${
          isArmExpression(name)
            ? 'unresolved ARM template expression'
            : 'no region name'
        }`,
      });
      return;
    }
    evidence.push({ path, observed: observed(name), note });
    if (!regions.has(key)) regions.set(key, name as string);
  };

  for (const entry of distribution.entries) {
    const label = `distributor #${entry.index}`;
    if (isDistributorType(entry, 'SharedImage')) {
      const gallery = galleryRegions(template, entry, index);
      unresolved.push(...gallery.unresolved);
      undecided.push(...gallery.unresolved.map(e => e.path!));
      for (const region of gallery.regions) {
        addRegion(
          region.name,
          region.path,
          region.source === 'templateLocation'
            ? `SharedImage ${label} lists no region: the template's location`
            : `SharedImage ${label} (${region.source})`,
        );
      }
    } else if (isDistributorType(entry, 'ManagedImage')) {
      addRegion(
        entry.value.location,
        `${entry.path}.location`,
        `ManagedImage ${label}`,
      );
    } else if (isDistributorType(entry, 'VHD')) {
      addRegion(
        template.location,
        'location',
        `VHD ${label}: the template's location`,
      );
    }
  }

  const names = [...regions.values()];
  if (regions.size >= 2) {
    return {
      status: 'pass',
      message: `Images are distributed to ${regions.size} regions: ${names.join(
        ', ',
      )}`,
      evidence,
    };
  }
  if (undecided.length > 0) {
    return {
      status: 'unknown',
      message: `Whether images are distributed to two or more regions is unknown: no region could be read at ${undecided.join(
        ', ',
      )} (unresolved template expression or absent)${
        names.length > 0 ? `; known region: ${names[0]}` : ''
      }`,
      evidence: [...evidence, ...unresolved],
    };
  }
  if (regions.size === 1) {
    return {
      status: 'fail',
      message: `Images are distributed to one region only (${names[0]}): distribute to a second region so that a regional outage does not stop deployments`,
      evidence,
    };
  }
  return {
    status: 'fail',
    message:
      'The template distributes images to no region (properties.distribute has no ManagedImage, SharedImage or VHD distributor)',
    evidence: [
      {
        path: 'properties.distribute',
        observed: observed(
          (template.properties as { distribute?: unknown } | undefined)
            ?.distribute,
        ),
        expected: 'distributors to two or more regions',
      },
    ],
  };
}
