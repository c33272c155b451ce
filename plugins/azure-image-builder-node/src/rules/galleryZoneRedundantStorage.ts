import {
  ArmResource,
  Evidence,
} from '@aib-scorecards/plugin-azure-image-builder-common';
import { SnapshotIndex } from '../engine/SnapshotIndex';
import {
  Distribution,
  GalleryRegion,
  galleryRegions,
  readDistribution,
  sharedImageDistributors,
  withoutGalleryOutcome,
} from './distributors';
import { freezeOutcome } from './memo';
import { RuleOutcome } from './types';
import {
  defineRule,
  equalsIgnoreCase,
  isArmExpression,
  observed,
  ScanMemo,
} from './util';

const ZRS = 'Standard_ZRS';

function regionName(region: GalleryRegion): string {
  return typeof region.name === 'string' && region.name
    ? region.name
    : region.path;
}

// Outcomes by what the distributors say (see the rule).
const sharedOutcomes = new ScanMemo<RuleOutcome>();

/**
 * RULES.md #12: every region a SharedImage distributor replicates to stores the image version on
 * zone-redundant storage: the `targetRegions` entry's `storageAccountType`, or the distributor-level
 * one for `replicationRegions` (and for the template's location when no region is listed).
 * @public
 */
export const galleryZoneRedundantStorageRule = defineRule(
  'gallery-zone-redundant-storage',
  ({ template, index }) => {
    const distribution = readDistribution(template);
    const withoutGallery = withoutGalleryOutcome(distribution);
    if (withoutGallery) return withoutGallery;
    if (distribution.unresolved.length > 0) {
      return judgeAll(template, distribution, index);
    }
    // Equal distributors share their regions (and positions, their paths): and the outcome.
    const keys: unknown[] = [];
    for (const d of sharedImageDistributors(distribution)) {
      keys.push(
        d.index,
        galleryRegions(template, d, index),
        d.value.storageAccountType,
      );
    }
    return (
      sharedOutcomes.find(index, keys) ??
      sharedOutcomes.keep(
        index,
        keys,
        freezeOutcome(judgeAll(template, distribution, index)),
      )
    );
  },
);

function judgeAll(
  template: ArmResource,
  distribution: Distribution,
  index: SnapshotIndex,
): RuleOutcome {
  const evidence: Evidence[] = [];
  const other: string[] = [];
  /** Expressions that hide regions (not in `evidence`), and every undecidable path. */
  const hidden: Evidence[] = [...distribution.unresolved];
  const undecided: string[] = hidden.map(e => e.path!);
  let regionCount = 0;
  for (const d of sharedImageDistributors(distribution)) {
    const gallery = galleryRegions(template, d, index);
    const regions = [...gallery.regions];
    // Unknown replicationRegions still share the distributor-level storage type: judge that.
    const unresolved = gallery.unresolved.filter(
      e => e !== gallery.replicationRegionsExpression,
    );
    if (gallery.replicationRegionsExpression) {
      regions.push({
        name: 'replicationRegions (unresolved)',
        path: gallery.replicationRegionsExpression.path!,
        source: 'replicationRegions',
        storagePath: `${d.path}.storageAccountType`,
        storageAccountType: d.value.storageAccountType,
      });
    }
    hidden.push(...unresolved);
    undecided.push(...unresolved.map(e => e.path!));
    for (const region of regions) {
      regionCount++;
      const type = region.storageAccountType;
      const expression = isArmExpression(type);
      evidence.push({
        path: region.storagePath,
        observed: observed(type),
        expected: ZRS,
        note: `region ${regionName(region)} of SharedImage distributor #${
          d.index
        }${
          region.source === 'targetRegions'
            ? ''
            : ' (distributor-level storageAccountType)'
        }${
          type === undefined || type === null
            ? ': omitted, which means Standard_LRS'
            : ''
        }${expression ? ': unresolved ARM template expression' : ''}`,
      });
      if (equalsIgnoreCase(type, ZRS)) continue;
      if (expression) {
        undecided.push(region.storagePath);
      } else {
        other.push(
          `${regionName(region)} (${
            typeof type === 'string' ? type : 'Standard_LRS by default'
          })`,
        );
      }
    }
  }

  if (other.length > 0) {
    return {
      status: 'warn',
      message: `${
        other.length
      } gallery region(s) do not use zone-redundant storage: ${other.join(
        ', ',
      )}. Set storageAccountType to ${ZRS}`,
      evidence,
    };
  }
  if (undecided.length > 0) {
    return {
      status: 'unknown',
      message: `Whether every gallery region uses ${ZRS} is unknown: unresolved template expression(s) at ${[
        ...new Set(undecided),
      ].join(', ')}`,
      evidence: [...evidence, ...hidden],
    };
  }
  return {
    status: 'pass',
    message: `Every gallery region uses zone-redundant storage (${ZRS}, ${regionCount} region(s))`,
    evidence,
  };
}
