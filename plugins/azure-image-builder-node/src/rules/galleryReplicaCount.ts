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
import { defineRule, isArmExpression, observed, ScanMemo } from './util';

/** Microsoft's recommendation: at least three replicas per region (RULES.md #11). */
const DEFAULT_MIN_REPLICAS = 3;

/**
 * The `minReplicas` option: a whole number of at least 1. The engine checks config against the
 * option specs of the pack (`BUILTIN_RULE_OPTIONS`) and fills in the default; this guards direct
 * callers.
 */
function minReplicasOption(options: { [key: string]: unknown }): number {
  const value = options.minReplicas;
  if (value === undefined) return DEFAULT_MIN_REPLICAS;
  const n = toCount(value);
  if (n === undefined || n < 1) {
    throw new Error(
      `Invalid option minReplicas of rule gallery-replica-count: expected a whole number of at least 1, got ${JSON.stringify(
        value,
      )}`,
    );
  }
  return n;
}

/** A whole number, also when hand-written JSON quotes it. */
function toCount(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (typeof value === 'string' && /^\s*\d+\s*$/.test(value)) {
    return Number(value);
  }
  return undefined;
}

function regionName(region: GalleryRegion): string {
  return typeof region.name === 'string' && region.name
    ? region.name
    : region.path;
}

type Verdict = 'ok' | 'low' | 'undecided';

/** The replica count of one region, and the evidence for it. */
function judge(
  region: GalleryRegion,
  distributor: number,
  min: number,
): { verdict: Verdict; count?: number; evidence: Evidence } {
  const expected = `at least ${min}`;
  const where = `region ${regionName(
    region,
  )} of SharedImage distributor #${distributor}`;
  if (region.source !== 'targetRegions') {
    return {
      verdict: min <= 1 ? 'ok' : 'low',
      count: 1,
      evidence: {
        path: region.path,
        observed: observed(region.name),
        expected,
        note: `${where}: ${
          region.source === 'replicationRegions'
            ? 'named only in replicationRegions'
            : "no region listed, the template's location"
        }, which has 1 replica`,
      },
    };
  }
  const path = region.replicaCountPath!;
  const value = region.replicaCount;
  if (value === undefined || value === null) {
    return {
      verdict: min <= 1 ? 'ok' : 'low',
      count: 1,
      evidence: {
        path,
        observed: null,
        expected,
        note: `${where}: replicaCount omitted, which means 1 replica`,
      },
    };
  }
  if (isArmExpression(value)) {
    return {
      verdict: 'undecided',
      evidence: {
        path,
        observed: value,
        expected,
        note: `${where}: unresolved ARM template expression`,
      },
    };
  }
  const count = toCount(value);
  return {
    verdict: count !== undefined && count >= min ? 'ok' : 'low',
    count,
    evidence: {
      path,
      observed: observed(value),
      expected,
      note: count === undefined ? `${where}: not a replica count` : where,
    },
  };
}

// Outcomes by what the distributors say (see the rule).
const sharedOutcomes = new ScanMemo<RuleOutcome>();

/**
 * RULES.md #11: every region a SharedImage distributor replicates to has at least `minReplicas`
 * (default 3) replicas; an omitted `replicaCount`, or a region given only in `replicationRegions`,
 * counts as 1.
 * @public
 */
export const galleryReplicaCountRule = defineRule(
  'gallery-replica-count',
  ({ template, index, options }) => {
    const min = minReplicasOption(options);
    const distribution = readDistribution(template);
    const withoutGallery = withoutGalleryOutcome(distribution);
    if (withoutGallery) return withoutGallery;
    if (distribution.unresolved.length > 0) {
      return judgeAll(template, distribution, min, index);
    }
    // Equal distributors share their regions (and positions, their paths): and the outcome.
    const keys: unknown[] = [min];
    for (const d of sharedImageDistributors(distribution)) {
      keys.push(d.index, galleryRegions(template, d, index));
    }
    return (
      sharedOutcomes.find(index, keys) ??
      sharedOutcomes.keep(
        index,
        keys,
        freezeOutcome(judgeAll(template, distribution, min, index)),
      )
    );
  },
);

function judgeAll(
  template: ArmResource,
  distribution: Distribution,
  min: number,
  index: SnapshotIndex,
): RuleOutcome {
  const evidence: Evidence[] = [];
  const low: string[] = [];
  /** Expressions that hide regions (not in `evidence`), and every undecidable path. */
  const hidden: Evidence[] = [...distribution.unresolved];
  const undecided: string[] = hidden.map(e => e.path!);
  let regionCount = 0;
  for (const d of sharedImageDistributors(distribution)) {
    const { regions, unresolved } = galleryRegions(template, d, index);
    hidden.push(...unresolved);
    undecided.push(...unresolved.map(e => e.path!));
    for (const region of regions) {
      regionCount++;
      const result = judge(region, d.index, min);
      evidence.push(result.evidence);
      if (result.verdict === 'low') {
        low.push(
          `${regionName(region)} (${
            result.count === undefined ? 'invalid count' : result.count
          })`,
        );
      } else if (result.verdict === 'undecided') {
        undecided.push(result.evidence.path!);
      }
    }
  }

  if (low.length > 0) {
    return {
      status: 'fail',
      message: `${
        low.length
      } gallery region(s) have fewer than ${min} replicas: ${low.join(
        ', ',
      )}. Set targetRegions[].replicaCount to ${min} or more`,
      evidence,
    };
  }
  if (undecided.length > 0) {
    return {
      status: 'unknown',
      message: `Whether every gallery region has at least ${min} replicas is unknown: unresolved template expression(s) at ${undecided.join(
        ', ',
      )}`,
      evidence: [...evidence, ...hidden],
    };
  }
  return {
    status: 'pass',
    message: `Every gallery region has at least ${min} replicas (${regionCount} region(s))`,
    evidence,
  };
}
