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
import { RuleOutcome } from './types';
import { normalizeRegion } from '../engine/regions';
import {
  equalsIgnoreCase,
  isArmExpression,
  isNonEmptyString,
  isObject,
  observed,
} from './util';

/** One object of `properties.distribute`. */
export interface DistributorEntry {
  /** Its position in `properties.distribute`. */
  index: number;
  /** `properties.distribute[<index>]`. */
  path: string;
  value: Record<string, unknown>;
}

/** The distributors of a template, and what could not be read of them. */
export interface Distribution {
  /** Every distributor that is an object, in order. */
  entries: DistributorEntry[];
  /**
   * Unresolved expressions that hide distributors or their type (`properties.distribute` itself,
   * an item, or a `type`): a SharedImage distributor may be among them.
   */
  unresolved: Evidence[];
}

/** Evidence for a value that is an unresolved ARM template expression. */
export function expressionEvidence(path: string, value: unknown): Evidence {
  return {
    path,
    observed: observed(value),
    note: 'unresolved ARM template expression',
  };
}

/** The distributors of a template (`properties.distribute`). */
export function readDistribution(template: ArmResource): Distribution {
  const distribute = isObject(template.properties)
    ? template.properties.distribute
    : undefined;
  if (isArmExpression(distribute)) {
    return {
      entries: [],
      unresolved: [expressionEvidence('properties.distribute', distribute)],
    };
  }
  const entries: DistributorEntry[] = [];
  const unresolved: Evidence[] = [];
  if (Array.isArray(distribute)) {
    distribute.forEach((value, index) => {
      const path = `properties.distribute[${index}]`;
      if (isArmExpression(value)) {
        unresolved.push(expressionEvidence(path, value));
      } else if (isObject(value)) {
        entries.push({ index, path, value });
        if (isArmExpression(value.type)) {
          unresolved.push(expressionEvidence(`${path}.type`, value.type));
        }
      }
    });
  }
  return { entries, unresolved };
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
): DistributorEntry[] {
  return distribution.entries.filter(e => isDistributorType(e, 'SharedImage'));
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

/** The regions of one SharedImage distributor, and the expressions that hide some of them. */
export interface GalleryRegions {
  regions: GalleryRegion[];
  unresolved: Evidence[];
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
    targetRegions.forEach((region, j) => {
      const regionPath = `${path}.targetRegions[${j}]`;
      listed = true;
      if (isArmExpression(region)) {
        unresolved.push(expressionEvidence(regionPath, region));
        return;
      }
      if (!isObject(region)) return;
      if (isNonEmptyString(region.name) && !isArmExpression(region.name)) {
        targetNames.add(normalizeRegion(region.name));
      }
      regions.push({
        name: region.name,
        path: `${regionPath}.name`,
        source: 'targetRegions',
        replicaCountPath: `${regionPath}.replicaCount`,
        replicaCount: region.replicaCount,
        storagePath: `${regionPath}.storageAccountType`,
        storageAccountType: region.storageAccountType,
      });
    });
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
    replicationRegions.forEach((name, k) => {
      listed = true;
      if (
        isNonEmptyString(name) &&
        !isArmExpression(name) &&
        targetNames.has(normalizeRegion(name))
      ) {
        return;
      }
      regions.push({
        name,
        path: `${path}.replicationRegions[${k}]`,
        source: 'replicationRegions',
        storagePath: `${path}.storageAccountType`,
        storageAccountType: value.storageAccountType,
      });
    });
  }

  if (!listed) {
    regions.push({
      name: template.location,
      path: 'location',
      source: 'templateLocation',
      storagePath: `${path}.storageAccountType`,
      storageAccountType: value.storageAccountType,
    });
  }
  return { regions, unresolved, replicationRegionsExpression };
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
 */
export function withoutGalleryOutcome(
  distribution: Distribution,
): RuleOutcome | undefined {
  if (sharedImageDistributors(distribution).length > 0) return undefined;
  if (distribution.unresolved.length > 0) {
    return {
      status: 'unknown',
      message: `Whether the template distributes to an Azure Compute Gallery is unknown: ${distribution.unresolved
        .map(e => e.path)
        .join(', ')} is an unresolved template expression`,
      evidence: distribution.unresolved,
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
