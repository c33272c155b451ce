/*
 * Image families across a whole snapshot, for rule `dr-replicated-template` (RULES.md #2): which
 * other templates build the same image, and where they are. Built once per snapshot and family
 * tag, so that the rule answers each template in time independent of the snapshot's size.
 */
import {
  ArmResource,
  Evidence,
} from '@aib-scorecards/plugin-azure-image-builder-common';
import {
  readDistribution,
  sharedImageDistributors,
} from '../rules/distributors';
import {
  isArmExpression,
  isNonEmptyString,
  isObject,
  observed,
} from '../rules/util';
import { galleryImageDefinitionId, normalizeArmId, parseArmId } from './armId';
import { normalizeRegion } from './regions';
import type {
  IndexedTemplate,
  ScanFailure,
  SnapshotIndex,
} from './SnapshotIndex';

/** The tag that names a template's image family unless configured otherwise. @public */
export const DEFAULT_FAMILY_TAG = 'image-family';

/**
 * The image family of a template (RULES.md #2): the value of the family tag if set, else the set
 * of gallery image definitions it distributes to, else its name. `unresolved` when the value that
 * decides it is an unresolved deployment template expression.
 * @public
 */
export type ImageFamily =
  | {
      source: 'tag' | 'gallery-images' | 'name';
      /** What families are compared by: namespaced by source, case-insensitive. */
      key: string;
      /** The tag value, the image definition ids or the name, as written. */
      value: string | string[];
      /** Where the family was read, with how it was derived in each `note`. */
      evidence: Evidence[];
    }
  | { source: 'unresolved'; evidence: Evidence[] };

/**
 * The image family of one template. Tag names compare case-insensitively (as Azure's do); tag
 * values, image definition ids and names compare case-insensitively, ignoring surrounding blanks.
 * @public
 */
export function deriveImageFamily(
  template: ArmResource,
  familyTag: string = DEFAULT_FAMILY_TAG,
): ImageFamily {
  return deriveFamily(template, familyTag, makeTagFamily);
}

const hasOwn = Object.prototype.hasOwnProperty;

/** Makes the family named by tag `name` with `value` (a non-empty string, not an expression). */
type TagFamilyMaker = (
  name: string,
  value: string,
  familyTag: string,
) => ImageFamily;

function makeTagFamily(
  name: string,
  value: string,
  familyTag: string,
): ImageFamily {
  return {
    source: 'tag',
    key: `tag:${value.trim().toLowerCase()}`,
    value,
    evidence: [
      {
        path: `tags.${name}`,
        observed: value,
        note: `image family: the value of tag ${familyTag}`,
      },
    ],
  };
}

function deriveFamily(
  template: ArmResource,
  familyTag: string,
  tagFamily: TagFamilyMaker,
): ImageFamily {
  const tags: unknown = template.tags;
  if (isArmExpression(tags)) {
    return {
      source: 'unresolved',
      evidence: [unresolvedEvidence('tags', tags)],
    };
  }
  if (isObject(tags)) {
    const wanted = familyTag.toLowerCase();
    // for…in lists the same names as Object.keys, in the same order, without making a list.
    for (const name in tags) {
      if (!hasOwn.call(tags, name)) continue;
      if (name !== wanted && name.toLowerCase() !== wanted) continue;
      const value = tags[name];
      if (isArmExpression(value)) {
        return {
          source: 'unresolved',
          evidence: [unresolvedEvidence(`tags.${name}`, value)],
        };
      }
      if (isNonEmptyString(value)) return tagFamily(name, value, familyTag);
    }
  }

  const distribution = readDistribution(template);
  if (distribution.unresolved.length > 0) {
    // A SharedImage distributor may be hidden: the set of image definitions is not known.
    return {
      source: 'unresolved',
      evidence: [...distribution.unresolved],
    };
  }
  const definitions = new Map<string, string>();
  const evidence: Evidence[] = [];
  for (const d of sharedImageDistributors(distribution)) {
    const id = d.value.galleryImageId;
    const path = `${d.path}.galleryImageId`;
    if (isArmExpression(id)) {
      return { source: 'unresolved', evidence: [unresolvedEvidence(path, id)] };
    }
    if (!isNonEmptyString(id)) continue;
    const definition = galleryImageDefinitionId(id.trim());
    const key = normalizeArmId(definition);
    if (!definitions.has(key)) definitions.set(key, definition);
    evidence.push({
      path,
      observed: id,
      note: `image family: the gallery image definitions the template distributes to (no ${familyTag} tag)`,
    });
  }
  if (definitions.size > 0) {
    const keys = [...definitions.keys()].sort();
    return {
      source: 'gallery-images',
      key: `gallery:${keys.join('|')}`,
      value: keys.map(k => definitions.get(k)!),
      evidence,
    };
  }

  // `unknown`: isArmExpression narrows a `string` to `never` in its false branch.
  const name: unknown = isNonEmptyString(template.name)
    ? template.name
    : parseArmId(template.id).name;
  if (isArmExpression(name)) {
    return {
      source: 'unresolved',
      evidence: [unresolvedEvidence('name', name)],
    };
  }
  if (!isNonEmptyString(name)) {
    return {
      source: 'unresolved',
      evidence: [
        { path: 'name', observed: null, note: 'the template has no name' },
      ],
    };
  }
  return {
    source: 'name',
    key: `name:${name.trim().toLowerCase()}`,
    value: name,
    evidence: [
      {
        path: 'name',
        observed: name,
        note: `image family: the template name (no ${familyTag} tag, no gallery image definition)`,
      },
    ],
  };
}

/** The region of a template to compare, `undefined` when absent or an expression. @public */
export function templateRegion(template: ArmResource): string | undefined {
  const location: unknown = template.location;
  if (!isNonEmptyString(location) || isArmExpression(location)) {
    return undefined;
  }
  return normalizeRegion(location);
}

/**
 * Other templates of a family, relative to one template, each list cut at `limit`. The lists may
 * be shared with the siblings of other templates (they are frozen then).
 * @public
 */
export interface FamilySiblings {
  /**
   * Siblings in a known location other than the template's (every sibling with a known location
   * when the template's own is unknown).
   */
  elsewhere: readonly IndexedTemplate[];
  elsewhereCount: number;
  /** How many distinct known locations the siblings are in. */
  locationCount: number;
  /** Siblings in the template's location. */
  sameLocation: readonly IndexedTemplate[];
  sameLocationCount: number;
  /** Siblings whose location is absent or an expression. */
  unknownLocation: readonly IndexedTemplate[];
  unknownLocationCount: number;
  /**
   * Templates whose family is unresolved, not known to be in the template's location: any of them
   * could be a sibling elsewhere.
   */
  unresolvedFamily: readonly IndexedTemplate[];
  unresolvedFamilyCount: number;
}

/**
 * The part of {@link FamilySiblings} that is the same for every template of a family in one
 * known location (the template itself is never in it): computed once per family and location.
 */
interface ElsewhereSiblings {
  elsewhere: readonly IndexedTemplate[];
  elsewhereCount: number;
  locationCount: number;
  unresolvedFamily: readonly IndexedTemplate[];
  unresolvedFamilyCount: number;
}

/** The templates of one family (or of unresolved family), by location. */
class LocationBuckets {
  readonly byLocation = new Map<string, IndexedTemplate[]>();
  readonly unknownLocation: IndexedTemplate[] = [];

  /** Adds a template; returns its position in the list of its location. */
  add(entry: IndexedTemplate, region: string | undefined): number {
    if (region === undefined) return this.unknownLocation.push(entry) - 1;
    const list = this.byLocation.get(region);
    if (list) return list.push(entry) - 1;
    this.byLocation.set(region, [entry]);
    return 0;
  }
}

/** Where a template of the index was put. */
interface Membership {
  entry: IndexedTemplate;
  template: ArmResource;
  family: ImageFamily;
  bucketKey: string;
  region: string | undefined;
  /** Its position in the list of its bucket and location. */
  position: number;
}

const UNRESOLVED_BUCKET = '?unresolved';
const cache = new WeakMap<SnapshotIndex, Map<string, FamilyIndex>>();

/**
 * The templates of a snapshot grouped by image family and location. Obtain it with
 * {@link FamilyIndex.of}: it is built on first use, once per snapshot index and family tag, in
 * time linear in the number of templates.
 * @public
 */
export class FamilyIndex {
  /**
   * The parts of the scan that may hide a template: a subscription whose image templates could not
   * be listed, or that failed as a whole.
   */
  readonly templateListFailures: readonly ScanFailure[];

  private readonly buckets = new Map<string, LocationBuckets>();
  /**
   * Where each template of the index was put, by template object: rules pass the index's own
   * templates. A template listed twice (ids compare case-insensitively) is put once, as its first.
   */
  private readonly membersByTemplate = new Map<ArmResource, Membership>();
  /**
   * By family key (or the unresolved bucket), location and limit: {@link ElsewhereSiblings}, and
   * the siblings of a template of the family there that is not among the first `limit` listed.
   */
  private readonly siblingsCache = new Map<
    string,
    Map<
      string,
      Map<number, { elsewhere: ElsewhereSiblings; all?: FamilySiblings }>
    >
  >();
  /** Tag families by tag name and value as written: one frozen object for all their templates. */
  private readonly tagFamilies = new Map<string, Map<string, ImageFamily>>();
  private readonly internTagFamily: TagFamilyMaker = (name, value, tag) => {
    let byValue = this.tagFamilies.get(name);
    if (!byValue) {
      byValue = new Map();
      this.tagFamilies.set(name, byValue);
    }
    let family = byValue.get(value);
    if (!family) {
      family = makeTagFamily(name, value, tag);
      family.evidence.forEach(e => Object.freeze(e));
      Object.freeze(family.evidence);
      family = Object.freeze(family);
      byValue.set(value, family);
    }
    return family;
  };

  /** The family index of a snapshot index for a family tag (default `image-family`). */
  static of(
    index: SnapshotIndex,
    familyTag: string = DEFAULT_FAMILY_TAG,
  ): FamilyIndex {
    let byTag = cache.get(index);
    if (!byTag) {
      byTag = new Map();
      cache.set(index, byTag);
    }
    // Azure tag names are case-insensitive, so one index serves every casing of the tag.
    const tagKey = familyTag.toLowerCase();
    let familyIndex = byTag.get(tagKey);
    if (!familyIndex) {
      familyIndex = new FamilyIndex(index, familyTag);
      byTag.set(tagKey, familyIndex);
    }
    return familyIndex;
  }

  private constructor(
    private readonly index: SnapshotIndex,
    readonly familyTag: string,
  ) {
    this.templateListFailures = index.scanFailures.filter(
      f => f.collection === 'imageTemplates' || f.collection === 'subscription',
    );
    for (const entry of index.templates) {
      // The index answers an id with its first template: later ones of the same id are skipped.
      if (index.repeatedTemplates.has(entry)) continue;
      const family = deriveFamily(
        entry.template,
        familyTag,
        this.internTagFamily,
      );
      const bucketKey =
        family.source === 'unresolved' ? UNRESOLVED_BUCKET : family.key;
      const region = templateRegion(entry.template);
      let bucket = this.buckets.get(bucketKey);
      if (!bucket) {
        bucket = new LocationBuckets();
        this.buckets.set(bucketKey, bucket);
      }
      const position = bucket.add(entry, region);
      const member: Membership = {
        entry,
        template: entry.template,
        family,
        bucketKey,
        region,
        position,
      };
      this.membersByTemplate.set(entry.template, member);
    }
  }

  /** The family of a template; computed once for the templates of the snapshot. */
  familyOf(template: ArmResource): ImageFamily {
    const known = this.membersByTemplate.get(template);
    if (known) return known.family;
    const member = this.memberById(template.id);
    return member && member.template === template
      ? member.family
      : deriveImageFamily(template, this.familyTag);
  }

  /** The membership of the template of the index with this id (any casing). */
  private memberById(templateId: string): Membership | undefined {
    const entry = this.index.getTemplate(templateId);
    return entry && this.membersByTemplate.get(entry.template);
  }

  /** {@link templateRegion} of a template; computed once for the templates of the snapshot. */
  regionOf(template: ArmResource): string | undefined {
    const known = this.membersByTemplate.get(template);
    return known ? known.region : templateRegion(template);
  }

  /**
   * The other templates of `template`'s family (`family` from {@link FamilyIndex.familyOf}), by
   * location relative to its own; at most `limit` of each kind are listed, all are counted. Costs
   * O(locations + limit), whatever the size of the family.
   */
  siblings(
    template: ArmResource,
    family: ImageFamily,
    limit = 10,
  ): FamilySiblings {
    const member =
      this.membersByTemplate.get(template) ?? this.memberById(template.id);
    const region =
      member && member.template === template
        ? member.region
        : templateRegion(template);
    const familyKey =
      family.source === 'unresolved' ? UNRESOLVED_BUCKET : family.key;
    if (
      region !== undefined &&
      family.source !== 'unresolved' &&
      member !== undefined &&
      member.region === region &&
      member.bucketKey === familyKey &&
      member.position >= limit &&
      Number.isInteger(limit) &&
      limit >= 0
    ) {
      // Not among the first `limit` of its location: its siblings are those of any such template.
      return this.siblingsOfOthers(familyKey, region, limit);
    }

    // Where the template itself was indexed, so that it is not its own sibling.
    const holdsSelf = (bucketKey: string, location: string | undefined) =>
      member !== undefined &&
      member.bucketKey === bucketKey &&
      member.region === location;
    // In a known location the template is in none of the lists of other locations: those are
    // the same for the whole family there.
    const elsewhere =
      region !== undefined && (member === undefined || member.region === region)
        ? this.cachedSiblings(familyKey, region, limit).elsewhere
        : this.collectElsewhere(familyKey, region, limit, member, holdsSelf);

    const sameLocation: IndexedTemplate[] = [];
    const unknownLocation: IndexedTemplate[] = [];
    let sameLocationCount = 0;
    let unknownLocationCount = 0;
    let locationCount = elsewhere.locationCount;
    const bucket =
      family.source === 'unresolved' ? undefined : this.buckets.get(familyKey);
    if (bucket) {
      const same =
        region === undefined ? undefined : bucket.byLocation.get(region);
      if (same) {
        sameLocationCount = collect(
          same,
          member,
          holdsSelf(familyKey, region),
          limit,
          sameLocation,
        );
        if (sameLocationCount > 0) locationCount++;
      }
      unknownLocationCount = collect(
        bucket.unknownLocation,
        member,
        holdsSelf(familyKey, undefined),
        limit,
        unknownLocation,
      );
    }
    return {
      elsewhere: elsewhere.elsewhere,
      elsewhereCount: elsewhere.elsewhereCount,
      locationCount,
      sameLocation,
      sameLocationCount,
      unknownLocation,
      unknownLocationCount,
      unresolvedFamily: elsewhere.unresolvedFamily,
      unresolvedFamilyCount: elsewhere.unresolvedFamilyCount,
    };
  }

  /**
   * The cached siblings of a family in a known location: {@link ElsewhereSiblings} made at once,
   * frozen; `all` is filled by {@link FamilyIndex.siblingsOfOthers}.
   */
  private cachedSiblings(
    familyKey: string,
    region: string,
    limit: number,
  ): { elsewhere: ElsewhereSiblings; all?: FamilySiblings } {
    let byRegion = this.siblingsCache.get(familyKey);
    if (!byRegion) {
      byRegion = new Map();
      this.siblingsCache.set(familyKey, byRegion);
    }
    let byLimit = byRegion.get(region);
    if (!byLimit) {
      byLimit = new Map();
      byRegion.set(region, byLimit);
    }
    let cached = byLimit.get(limit);
    if (!cached) {
      const made = this.collectElsewhere(
        familyKey,
        region,
        limit,
        undefined,
        () => false,
      );
      Object.freeze(made.elsewhere);
      Object.freeze(made.unresolvedFamily);
      cached = { elsewhere: Object.freeze(made) };
      byLimit.set(limit, cached);
    }
    return cached;
  }

  /**
   * The siblings of a template of a (resolved) family in a known location that is listed there
   * after the first `limit`: it is in none of the lists cut at `limit`, so every such template
   * has the same siblings. Made once, frozen.
   */
  private siblingsOfOthers(
    familyKey: string,
    region: string,
    limit: number,
  ): FamilySiblings {
    const cached = this.cachedSiblings(familyKey, region, limit);
    if (!cached.all) {
      const { elsewhere } = cached;
      const bucket = this.buckets.get(familyKey)!;
      const same = bucket.byLocation.get(region)!;
      // The template itself is in `same`, past the entries listed.
      const sameLocationCount = same.length - 1;
      cached.all = Object.freeze({
        elsewhere: elsewhere.elsewhere,
        elsewhereCount: elsewhere.elsewhereCount,
        locationCount:
          elsewhere.locationCount + (sameLocationCount > 0 ? 1 : 0),
        sameLocation: Object.freeze(same.slice(0, limit)),
        sameLocationCount,
        unknownLocation: Object.freeze(bucket.unknownLocation.slice(0, limit)),
        unknownLocationCount: bucket.unknownLocation.length,
        unresolvedFamily: elsewhere.unresolvedFamily,
        unresolvedFamilyCount: elsewhere.unresolvedFamilyCount,
      });
    }
    return cached.all;
  }

  /**
   * The siblings of a family (`familyKey`, the unresolved bucket for none) in locations other than
   * `region` (all known ones when `region` is unknown), and the templates of unresolved family.
   */
  private collectElsewhere(
    familyKey: string,
    region: string | undefined,
    limit: number,
    member: Membership | undefined,
    holdsSelf: (bucketKey: string, location: string | undefined) => boolean,
  ): ElsewhereSiblings {
    const result = {
      elsewhere: [] as IndexedTemplate[],
      elsewhereCount: 0,
      locationCount: 0,
      unresolvedFamily: [] as IndexedTemplate[],
      unresolvedFamilyCount: 0,
    };
    if (familyKey !== UNRESOLVED_BUCKET) {
      const bucket = this.buckets.get(familyKey);
      for (const [location, list] of bucket?.byLocation ?? []) {
        if (location === region) continue;
        const count = collect(
          list,
          member,
          holdsSelf(familyKey, location),
          limit,
          result.elsewhere,
        );
        if (count === 0) continue;
        result.locationCount++;
        result.elsewhereCount += count;
      }
    }

    const unresolved = this.buckets.get(UNRESOLVED_BUCKET);
    if (unresolved) {
      for (const [location, list] of unresolved.byLocation) {
        // Templates of unresolved family in the template's own location cannot replicate it.
        if (region !== undefined && location === region) continue;
        result.unresolvedFamilyCount += collect(
          list,
          member,
          holdsSelf(UNRESOLVED_BUCKET, location),
          limit,
          result.unresolvedFamily,
        );
      }
      result.unresolvedFamilyCount += collect(
        unresolved.unknownLocation,
        member,
        holdsSelf(UNRESOLVED_BUCKET, undefined),
        limit,
        result.unresolvedFamily,
      );
    }
    return result;
  }
}

/**
 * Counts the entries of `list` other than the template itself (`selfInList` says whether it is
 * there, as the entry of its membership `self`: ids are unique in the index), and appends them to `into` until it holds `limit`. Looks at
 * no more than `limit + 1` entries.
 */
function collect(
  list: readonly IndexedTemplate[],
  self: Membership | undefined,
  selfInList: boolean,
  limit: number,
  into: IndexedTemplate[],
): number {
  for (let i = 0; i < list.length && into.length < limit; i++) {
    if (selfInList && list[i] === self!.entry) continue;
    into.push(list[i]);
  }
  return list.length - (selfInList ? 1 : 0);
}

function unresolvedEvidence(path: string, value: unknown): Evidence {
  return {
    path,
    observed: observed(value),
    note: 'unresolved ARM template expression',
  };
}
