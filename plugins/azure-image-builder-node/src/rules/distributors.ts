/*
 * Reading `properties.distribute` for the disaster recovery and gallery rules (RULES.md #2, #3,
 * #11–#13): the distributors, and the regions a SharedImage distributor replicates to. Unresolved
 * deployment template expressions are reported, not guessed, so each rule can tell whether they
 * make its answer undecidable.
 */
import {
  ArmResource,
  Evidence,
  JsonValue,
} from '@aib-scorecards/plugin-azure-image-builder-common';
import type { SnapshotIndex } from '../engine/SnapshotIndex';
import { freezeOutcome } from './memo';
import { RuleOutcome } from './types';
import { normalizeRegion } from '../engine/regions';
import {
  equalsIgnoreCase,
  isArmExpression,
  isNonEmptyString,
  isObject,
  observed,
  ScanCache,
  ScanMemo,
} from './util';

/** One object of `properties.distribute` (frozen: shared by the rules that read the template). */
export interface DistributorEntry {
  /** Its position in `properties.distribute`. */
  index: number;
  /** `properties.distribute[<index>]`. */
  path: string;
  value: Record<string, unknown>;
}

/**
 * The distributors of a template, and what could not be read of them. Read once per template and
 * shared by the rules (and the family index) that need it, so frozen.
 */
export interface Distribution {
  /** Every distributor that is an object, in order. */
  readonly entries: readonly DistributorEntry[];
  /**
   * Unresolved expressions that hide distributors or their type (`properties.distribute` itself,
   * an item, or a `type`): a SharedImage distributor may be among them.
   */
  readonly unresolved: readonly Evidence[];
  /** The SharedImage entries, when read by {@link readDistribution}. */
  readonly sharedImage?: readonly DistributorEntry[];
}

const NONE: readonly never[] = Object.freeze([]);

/** Distributions by template: five rules and the family index read each template's. */
const distributions = new WeakMap<ArmResource, Distribution>();
/** SharedImage entries of distributions that {@link readDistribution} did not make. */
const sharedImageEntries = new WeakMap<
  Distribution,
  readonly DistributorEntry[]
>();
const withoutGalleryOutcomes = new WeakMap<Distribution, RuleOutcome>();
/**
 * What a distributor's regions say (see {@link regionSpec}), with the template it was read for
 * (its location may be a region): read once per template, whichever scan asks.
 */
const specs = new WeakMap<
  DistributorEntry,
  { template: ArmResource; spec: unknown[] }
>();
/** The regions of each distributor, per scan (shared) and without one (not shared). */
const regionsInScan = new ScanCache<
  DistributorEntry,
  { template: ArmResource; regions: GalleryRegions }
>();
const unsharedRegions = new WeakMap<
  DistributorEntry,
  { template: ArmResource; regions: GalleryRegions }
>();
/** The regions of a scan by what they say: one frozen object for equal distributors. */
const sharedGalleryRegions = new ScanMemo<GalleryRegions>();

/**
 * Paths by position, made once: `properties.distribute[0]`, `…targetRegions[1]`. Only small
 * positions are kept, so no template can make the lists grow without bound.
 */
const MAX_CACHED_POSITION = 64;
const distributorPathList: DistributorPaths[] = [];

/** The paths below one distributor. */
interface DistributorPaths {
  path: string;
  type: string;
  storageAccountType: string;
  targetRegions: RegionPaths[];
  replicationRegions: string[];
}

/** The paths of one `targetRegions` entry. */
interface RegionPaths {
  name: string;
  replicaCount: string;
  storageAccountType: string;
}

function distributorPaths(index: number): DistributorPaths {
  if (index >= MAX_CACHED_POSITION) return makeDistributorPaths(index);
  return (distributorPathList[index] ??= makeDistributorPaths(index));
}

function makeDistributorPaths(index: number): DistributorPaths {
  const path = `properties.distribute[${index}]`;
  return {
    path,
    type: `${path}.type`,
    storageAccountType: `${path}.storageAccountType`,
    targetRegions: [],
    replicationRegions: [],
  };
}

function targetRegionPaths(paths: DistributorPaths, j: number): RegionPaths {
  if (j >= MAX_CACHED_POSITION) return makeTargetRegionPaths(paths, j);
  return (paths.targetRegions[j] ??= makeTargetRegionPaths(paths, j));
}

function makeTargetRegionPaths(
  paths: DistributorPaths,
  j: number,
): RegionPaths {
  const regionPath = `${paths.path}.targetRegions[${j}]`;
  return {
    name: `${regionPath}.name`,
    replicaCount: `${regionPath}.replicaCount`,
    storageAccountType: `${regionPath}.storageAccountType`,
  };
}

function replicationRegionPath(paths: DistributorPaths, k: number): string {
  if (k >= MAX_CACHED_POSITION) return `${paths.path}.replicationRegions[${k}]`;
  return (paths.replicationRegions[
    k
  ] ??= `${paths.path}.replicationRegions[${k}]`);
}

/** Evidence for a value that is an unresolved ARM template expression. */
export function expressionEvidence(path: string, value: unknown): Evidence {
  return {
    path,
    observed: observed(value),
    note: 'unresolved ARM template expression',
  };
}

/** The distributors of a template (`properties.distribute`), read once per template. */
export function readDistribution(template: ArmResource): Distribution {
  let distribution = distributions.get(template);
  if (!distribution) {
    distribution = makeDistribution(template);
    distributions.set(template, distribution);
  }
  return distribution;
}

function makeDistribution(template: ArmResource): Distribution {
  const distribute = isObject(template.properties)
    ? template.properties.distribute
    : undefined;
  if (isArmExpression(distribute)) {
    return freezeDistribution(NONE, [
      expressionEvidence('properties.distribute', distribute),
    ]);
  }
  const entries: DistributorEntry[] = [];
  const unresolved: Evidence[] = [];
  if (Array.isArray(distribute)) {
    for (let index = 0; index < distribute.length; index++) {
      if (!(index in distribute)) continue; // a hole, as forEach skips
      const value: unknown = distribute[index];
      const paths = distributorPaths(index);
      if (isArmExpression(value)) {
        unresolved.push(expressionEvidence(paths.path, value));
      } else if (isObject(value)) {
        entries.push(Object.freeze({ index, path: paths.path, value }));
        if (isArmExpression(value.type)) {
          unresolved.push(expressionEvidence(paths.type, value.type));
        }
      }
    }
  }
  return freezeDistribution(entries, unresolved);
}

function freezeDistribution(
  entries: readonly DistributorEntry[],
  unresolved: Evidence[],
): Distribution {
  const all = entries.length > 0 ? Object.freeze(entries) : NONE;
  const shared = all.filter(e => isDistributorType(e, 'SharedImage'));
  unresolved.forEach(e => Object.freeze(e));
  return Object.freeze({
    entries: all,
    unresolved: unresolved.length > 0 ? Object.freeze(unresolved) : NONE,
    // Often every distributor is one: the list of all is then shared.
    sharedImage: shared.length === all.length ? all : Object.freeze(shared),
  });
}

/** Whether a distributor has the given `type` (`SharedImage`, `ManagedImage`, `VHD`), any casing. */
export function isDistributorType(
  entry: DistributorEntry,
  type: string,
): boolean {
  return equalsIgnoreCase(entry.value.type, type);
}

/** The SharedImage distributors (Azure Compute Gallery) of a distribution. */
export function sharedImageDistributors(
  distribution: Distribution,
): readonly DistributorEntry[] {
  if (distribution.sharedImage) return distribution.sharedImage;
  let entries = sharedImageEntries.get(distribution);
  if (!entries) {
    entries = Object.freeze(
      distribution.entries.filter(e => isDistributorType(e, 'SharedImage')),
    );
    sharedImageEntries.set(distribution, entries);
  }
  return entries;
}

/** A region a SharedImage distributor replicates the image version to. */
export interface GalleryRegion {
  /** The region name as written (may be an expression or not a string). */
  name: unknown;
  /** Where the region is named: `properties.distribute[0].targetRegions[1].name`, or `location`. */
  path: string;
  /**
   * `targetRegions` entry; `replicationRegions` entry (deprecated list of names); or the template's
   * location, when the distributor lists no region.
   */
  source: 'targetRegions' | 'replicationRegions' | 'templateLocation';
  /** Path of the replica count: only a `targetRegions` entry has one (others count as 1). */
  replicaCountPath?: string;
  replicaCount?: unknown;
  /** Path and value of the storage account type: the entry's own, or the distributor-level one. */
  storagePath: string;
  storageAccountType: unknown;
}

/**
 * The regions of one SharedImage distributor, and the expressions that hide some of them. Read
 * once per distributor and shared by the rules, so frozen.
 */
export interface GalleryRegions {
  readonly regions: readonly GalleryRegion[];
  readonly unresolved: readonly Evidence[];
  /**
   * The entry of `unresolved` for a `replicationRegions` that is an expression: those regions are
   * unknown, but they share the distributor-level `storageAccountType`.
   */
  replicationRegionsExpression?: Evidence;
}

/**
 * The regions of a SharedImage distributor: `targetRegions[]`, then the `replicationRegions[]` not
 * already among them (a region named in both is governed by its `targetRegions` entry); when
 * neither lists any, the template's location. Read once per distributor; given the scan's index,
 * distributors that say the same share one object, so that rules can share their outcomes.
 */
export function galleryRegions(
  template: ArmResource,
  distributor: DistributorEntry,
  scan?: SnapshotIndex,
): GalleryRegions {
  const known = scan
    ? regionsInScan.of(scan).get(distributor)
    : unsharedRegions.get(distributor);
  if (known && known.template === template) return known.regions;
  const spec = specOf(template, distributor);
  const regions = scan
    ? sharedGalleryRegions.find(scan, spec) ??
      sharedGalleryRegions.keep(scan, spec, buildRegions(spec))
    : buildRegions(spec);
  if (scan) regionsInScan.of(scan).set(distributor, { template, regions });
  else unsharedRegions.set(distributor, { template, regions });
  return regions;
}

/** {@link regionSpec}, read once per template: a template scored again is only re-shared. */
function specOf(template: ArmResource, distributor: DistributorEntry) {
  const known = specs.get(distributor);
  if (known && known.template === template) return known.spec;
  const spec = regionSpec(template, distributor);
  specs.set(distributor, { template, spec });
  return spec;
}

// A distributor's regions as a flat list of what they say, compared value by value: its
// position, then each region as its source, position in its list, name, replica count and
// storage account type (the paths follow from the positions), and each unresolved expression as
// UNRESOLVED, its path, value and whether it is the `replicationRegions`.
const UNRESOLVED = Symbol('unresolved');
const REGION_FIELDS = 5;
const UNRESOLVED_FIELDS = 4;

function regionSpec(
  template: ArmResource,
  distributor: DistributorEntry,
): unknown[] {
  const paths = distributorPaths(distributor.index);
  const { value } = distributor;
  const spec: unknown[] = [distributor.index];
  const unresolved: unknown[] = [];
  const replicationRegions = value.replicationRegions;
  // Only a `replicationRegions` list needs the names of the target regions.
  const targetNames =
    Array.isArray(replicationRegions) && replicationRegions.length > 0
      ? new Set<string>()
      : undefined;
  let listed = false;

  const targetRegions = value.targetRegions;
  if (isArmExpression(targetRegions)) {
    unresolved.push(
      UNRESOLVED,
      `${paths.path}.targetRegions`,
      targetRegions,
      false,
    );
    listed = true;
  } else if (Array.isArray(targetRegions)) {
    for (let j = 0; j < targetRegions.length; j++) {
      if (!(j in targetRegions)) continue; // a hole, as forEach skips
      const region: unknown = targetRegions[j];
      listed = true;
      if (isArmExpression(region)) {
        unresolved.push(
          UNRESOLVED,
          `${paths.path}.targetRegions[${j}]`,
          region,
          false,
        );
        continue;
      }
      if (!isObject(region)) continue;
      if (
        targetNames &&
        isNonEmptyString(region.name) &&
        !isArmExpression(region.name)
      ) {
        targetNames.add(normalizeRegion(region.name));
      }
      spec.push(
        'targetRegions',
        j,
        region.name,
        region.replicaCount,
        region.storageAccountType,
      );
    }
  }

  if (isArmExpression(replicationRegions)) {
    unresolved.push(
      UNRESOLVED,
      `${paths.path}.replicationRegions`,
      replicationRegions,
      true,
    );
    listed = true;
  } else if (Array.isArray(replicationRegions)) {
    for (let k = 0; k < replicationRegions.length; k++) {
      if (!(k in replicationRegions)) continue; // a hole, as forEach skips
      const name: unknown = replicationRegions[k];
      listed = true;
      if (
        isNonEmptyString(name) &&
        !isArmExpression(name) &&
        targetNames!.has(normalizeRegion(name))
      ) {
        continue;
      }
      spec.push(
        'replicationRegions',
        k,
        name,
        undefined,
        value.storageAccountType,
      );
    }
  }

  if (!listed) {
    spec.push(
      'templateLocation',
      0,
      template.location,
      undefined,
      value.storageAccountType,
    );
  }
  for (const item of unresolved) spec.push(item);
  return spec;
}

function buildRegions(spec: readonly unknown[]): GalleryRegions {
  const paths = distributorPaths(spec[0] as number);
  const regions: GalleryRegion[] = [];
  const unresolved: Evidence[] = [];
  let replicationRegionsExpression: Evidence | undefined;
  let i = 1;
  while (i < spec.length) {
    if (spec[i] === UNRESOLVED) {
      const evidence = Object.freeze(
        expressionEvidence(spec[i + 1] as string, spec[i + 2]),
      );
      unresolved.push(evidence);
      if (spec[i + 3]) replicationRegionsExpression = evidence;
      i += UNRESOLVED_FIELDS;
      continue;
    }
    const source = spec[i] as GalleryRegion['source'];
    const position = spec[i + 1] as number;
    const name = spec[i + 2];
    let region: GalleryRegion;
    if (source === 'targetRegions') {
      const regionPaths = targetRegionPaths(paths, position);
      region = {
        name,
        path: regionPaths.name,
        source,
        replicaCountPath: regionPaths.replicaCount,
        replicaCount: spec[i + 3],
        storagePath: regionPaths.storageAccountType,
        storageAccountType: spec[i + 4],
      };
    } else {
      region = {
        name,
        path:
          source === 'replicationRegions'
            ? replicationRegionPath(paths, position)
            : 'location',
        source,
        storagePath: paths.storageAccountType,
        storageAccountType: spec[i + 4],
      };
    }
    regions.push(Object.freeze(region));
    i += REGION_FIELDS;
  }
  return Object.freeze({
    regions: Object.freeze(regions),
    unresolved: unresolved.length > 0 ? Object.freeze(unresolved) : NONE,
    replicationRegionsExpression,
  });
}

/**
 * A region name to compare (RULES.md: case-insensitive, blanks ignored), `undefined` when it is not
 * a usable name (absent, empty or an unresolved expression).
 */
export function regionKey(name: unknown): string | undefined {
  if (!isNonEmptyString(name) || isArmExpression(name)) return undefined;
  return normalizeRegion(name);
}

/** The types of the distributors, for the evidence of a `not-applicable`. */
export function distributorTypes(distribution: Distribution): JsonValue[] {
  return distribution.entries.map(e => observed(e.value.type) ?? null);
}

/**
 * The outcome of a gallery rule (#11–#13) for a template without a SharedImage distributor:
 * `not-applicable`, or `unknown` when an expression may hide one. `undefined` when there is one.
 * Made once per distribution (three rules ask) and frozen.
 */
export function withoutGalleryOutcome(
  distribution: Distribution,
): RuleOutcome | undefined {
  if (sharedImageDistributors(distribution).length > 0) return undefined;
  let outcome = withoutGalleryOutcomes.get(distribution);
  if (!outcome) {
    outcome = freezeOutcome(makeWithoutGalleryOutcome(distribution));
    withoutGalleryOutcomes.set(distribution, outcome);
  }
  return outcome;
}

function makeWithoutGalleryOutcome(distribution: Distribution): RuleOutcome {
  if (distribution.unresolved.length > 0) {
    return {
      status: 'unknown',
      message: `Whether the template distributes to an Azure Compute Gallery is unknown: ${distribution.unresolved
        .map(e => e.path)
        .join(', ')} is an unresolved template expression`,
      evidence: distribution.unresolved as Evidence[],
    };
  }
  return {
    status: 'not-applicable',
    message:
      'The template distributes to no Azure Compute Gallery (no SharedImage distributor)',
    evidence: [
      {
        path: 'properties.distribute[].type',
        observed: distributorTypes(distribution),
        expected: 'SharedImage for the rule to apply',
      },
    ],
  };
}
