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
import { freezeOutcome } from './memo';
import { RuleOutcome } from './types';
import { normalizeRegion } from '../engine/regions';
import {
  equalsIgnoreCase,
  isArmExpression,
  isNonEmptyString,
  isObject,
  observed,
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
}

/** Distributions by template: five rules and the family index read each template's. */
const distributions = new WeakMap<ArmResource, Distribution>();
const sharedImageEntries = new WeakMap<
  Distribution,
  readonly DistributorEntry[]
>();
const withoutGalleryOutcomes = new WeakMap<
  Distribution,
  RuleOutcome | undefined
>();
/** By distributor, with the template it was read for (its location may be a region). */
const galleryRegionsOf = new WeakMap<
  DistributorEntry,
  { template: ArmResource; regions: GalleryRegions }
>();

/**
 * Paths by position, made once: `properties.distribute[0]`, `…targetRegions[1]`. Only small
 * positions are kept, so no template can make the list grow without bound.
 */
const MAX_CACHED_POSITION = 64;
const distributorPaths: string[] = [];
const regionPaths = new Map<string, RegionPaths[]>();

/** The paths of one `targetRegions` entry. */
interface RegionPaths {
  name: string;
  replicaCount: string;
  storageAccountType: string;
}

function distributorPath(index: number): string {
  if (index >= MAX_CACHED_POSITION) return `properties.distribute[${index}]`;
  return (distributorPaths[index] ??= `properties.distribute[${index}]`);
}

function targetRegionPaths(path: string, j: number): RegionPaths {
  if (j >= MAX_CACHED_POSITION) return makeRegionPaths(path, j);
  let byPosition = regionPaths.get(path);
  if (!byPosition) {
    if (regionPaths.size >= MAX_CACHED_POSITION) {
      return makeRegionPaths(path, j);
    }
    byPosition = [];
    regionPaths.set(path, byPosition);
  }
  return (byPosition[j] ??= makeRegionPaths(path, j));
}

function makeRegionPaths(path: string, j: number): RegionPaths {
  const regionPath = `${path}.targetRegions[${j}]`;
  return {
    name: `${regionPath}.name`,
    replicaCount: `${regionPath}.replicaCount`,
    storageAccountType: `${regionPath}.storageAccountType`,
  };
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
    return freezeDistribution(
      [],
      [expressionEvidence('properties.distribute', distribute)],
    );
  }
  const entries: DistributorEntry[] = [];
  const unresolved: Evidence[] = [];
  if (Array.isArray(distribute)) {
    for (let index = 0; index < distribute.length; index++) {
      if (!(index in distribute)) continue; // a hole, as forEach skips
      const value: unknown = distribute[index];
      const path = distributorPath(index);
      if (isArmExpression(value)) {
        unresolved.push(expressionEvidence(path, value));
      } else if (isObject(value)) {
        entries.push(Object.freeze({ index, path, value }));
        if (isArmExpression(value.type)) {
          unresolved.push(expressionEvidence(`${path}.type`, value.type));
        }
      }
    }
  }
  return freezeDistribution(entries, unresolved);
}

function freezeDistribution(
  entries: DistributorEntry[],
  unresolved: Evidence[],
): Distribution {
  unresolved.forEach(e => Object.freeze(e));
  return Object.freeze({
    entries: Object.freeze(entries),
    unresolved: Object.freeze(unresolved),
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
 * neither lists any, the template's location.
 */
export function galleryRegions(
  template: ArmResource,
  distributor: DistributorEntry,
): GalleryRegions {
  const known = galleryRegionsOf.get(distributor);
  if (known && known.template === template) return known.regions;
  const regions = readGalleryRegions(template, distributor);
  galleryRegionsOf.set(distributor, { template, regions });
  return regions;
}

function readGalleryRegions(
  template: ArmResource,
  distributor: DistributorEntry,
): GalleryRegions {
  const { path, value } = distributor;
  const regions: GalleryRegion[] = [];
  const unresolved: Evidence[] = [];
  const targetNames = new Set<string>();
  let listed = false;

  const targetRegions = value.targetRegions;
  if (isArmExpression(targetRegions)) {
    unresolved.push(expressionEvidence(`${path}.targetRegions`, targetRegions));
    listed = true;
  } else if (Array.isArray(targetRegions)) {
    for (let j = 0; j < targetRegions.length; j++) {
      if (!(j in targetRegions)) continue; // a hole, as forEach skips
      const region: unknown = targetRegions[j];
      listed = true;
      if (isArmExpression(region)) {
        unresolved.push(
          expressionEvidence(`${path}.targetRegions[${j}]`, region),
        );
        continue;
      }
      if (!isObject(region)) continue;
      if (isNonEmptyString(region.name) && !isArmExpression(region.name)) {
        targetNames.add(normalizeRegion(region.name));
      }
      const paths = targetRegionPaths(path, j);
      regions.push(
        Object.freeze({
          name: region.name,
          path: paths.name,
          source: 'targetRegions',
          replicaCountPath: paths.replicaCount,
          replicaCount: region.replicaCount,
          storagePath: paths.storageAccountType,
          storageAccountType: region.storageAccountType,
        }),
      );
    }
  }

  const replicationRegions = value.replicationRegions;
  let replicationRegionsExpression: Evidence | undefined;
  if (isArmExpression(replicationRegions)) {
    replicationRegionsExpression = expressionEvidence(
      `${path}.replicationRegions`,
      replicationRegions,
    );
    unresolved.push(replicationRegionsExpression);
    listed = true;
  } else if (Array.isArray(replicationRegions)) {
    for (let k = 0; k < replicationRegions.length; k++) {
      if (!(k in replicationRegions)) continue; // a hole, as forEach skips
      const name: unknown = replicationRegions[k];
      listed = true;
      if (
        isNonEmptyString(name) &&
        !isArmExpression(name) &&
        targetNames.has(normalizeRegion(name))
      ) {
        continue;
      }
      regions.push(
        Object.freeze({
          name,
          path: `${path}.replicationRegions[${k}]`,
          source: 'replicationRegions',
          storagePath: `${path}.storageAccountType`,
          storageAccountType: value.storageAccountType,
        }),
      );
    }
  }

  if (!listed) {
    regions.push(
      Object.freeze({
        name: template.location,
        path: 'location',
        source: 'templateLocation',
        storagePath: `${path}.storageAccountType`,
        storageAccountType: value.storageAccountType,
      }),
    );
  }
  unresolved.forEach(e => Object.freeze(e));
  return Object.freeze({
    regions: Object.freeze(regions),
    unresolved: Object.freeze(unresolved),
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
  if (withoutGalleryOutcomes.has(distribution)) {
    return withoutGalleryOutcomes.get(distribution);
  }
  const made = makeWithoutGalleryOutcome(distribution);
  const outcome = made && freezeOutcome(made);
  withoutGalleryOutcomes.set(distribution, outcome);
  return outcome;
}

function makeWithoutGalleryOutcome(
  distribution: Distribution,
): RuleOutcome | undefined {
  if (sharedImageDistributors(distribution).length > 0) return undefined;
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
