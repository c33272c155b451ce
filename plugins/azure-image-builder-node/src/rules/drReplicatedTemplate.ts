import {
  ArmResource,
  Evidence,
} from '@aib-scorecards/plugin-azure-image-builder-common';
import {
  DEFAULT_FAMILY_TAG,
  FamilyIndex,
  FamilySiblings,
  ImageFamily,
} from '../engine/FamilyIndex';
import { IndexedTemplate, SnapshotIndex } from '../engine/SnapshotIndex';
import { freezeOutcome, Memo } from './memo';
import { RuleOutcome } from './types';
import { defineRule, isNonEmptyString, observed, ScanMemo } from './util';

// Labels and evidence of a sibling, made once per scan (see siblingEvidence).
const siblingLabels = new Memo<IndexedTemplate, string>();
const siblingEvidenceMemo = new Memo<IndexedTemplate, Evidence>();
// The label and evidence of a sibling list that FamilyIndex shares between the templates of a
// family in one location (it freezes those): made once per list.
const sharedListLabels = new Memo<readonly IndexedTemplate[], string>();
const sharedListEvidence = new Memo<
  readonly IndexedTemplate[],
  readonly Evidence[]
>();
const locationEvidenceMemo = new Memo<SnapshotIndex, Evidence>();
// Outcomes by tag option, family, siblings and location: FamilyIndex shares (and freezes) the
// family of a tag value and the siblings of most templates of a family in one location.
const sharedOutcomes = new ScanMemo<RuleOutcome>();

/** Siblings listed in a finding; the rest are counted (findings are stored for every template). */
const LIST_LIMIT = 5;

/**
 * The `familyTag` option: a non-empty tag name. The engine checks config against the option specs
 * of the pack (`BUILTIN_RULE_OPTIONS`) and fills in the default; this guards direct callers.
 */
function familyTagOption(options: { [key: string]: unknown }): string {
  const value = options.familyTag;
  if (value === undefined) return DEFAULT_FAMILY_TAG;
  if (!isNonEmptyString(value)) {
    throw new Error(
      `Invalid option familyTag of rule dr-replicated-template: expected a tag name, got ${JSON.stringify(
        value,
      )}`,
    );
  }
  return value.trim();
}

function describeFamily(family: ImageFamily, familyTag: string): string {
  switch (family.source) {
    case 'tag':
      return `image family '${family.value}' (tag ${familyTag})`;
    case 'gallery-images':
      return `the image family of gallery image ${(family.value as string[])
        .map(shortImageName)
        .join(', ')}`;
    case 'name':
      return `image family '${family.value}' (the template name)`;
    default:
      return 'the image family';
  }
}

/** `gallery/image` of a gallery image definition id, for messages (the evidence has the id). */
function shortImageName(definitionId: string): string {
  const parts = definitionId.split('/').filter(Boolean);
  const gallery = parts.findIndex(p => p.toLowerCase() === 'galleries');
  return gallery >= 0 && parts.length >= gallery + 4
    ? `'${parts[gallery + 1]}/${parts[gallery + 3]}'`
    : `'${definitionId}'`;
}

function templateLabel({ template }: IndexedTemplate): string {
  return `'${template.name ?? template.id}'`;
}

function siblingLabel(entry: IndexedTemplate): string {
  return siblingLabels.get(entry, [], () => {
    const location = entry.template.location;
    return `${templateLabel(entry)} (${
      typeof location === 'string' && location ? location : 'location unknown'
    })`;
  });
}

/**
 * Evidence naming a sibling: made once per sibling and wording, and frozen, as a template is the
 * sibling of every other template of its family.
 */
function siblingEvidence(entry: IndexedTemplate, what: string): Evidence {
  return siblingEvidenceMemo.get(entry, [what], () =>
    Object.freeze({
      path: 'location',
      observed: observed(entry.template.location),
      note: `${what} ${templateLabel(entry)} (${entry.template.id})`,
    }),
  );
}

/** "'a' (westeurope), 'b' (northeurope) and 3 more". */
function listLabel(shown: readonly IndexedTemplate[], count: number): string {
  if (Object.isFrozen(shown)) {
    return sharedListLabels.get(shown, [count], () =>
      makeListLabel(shown, count),
    );
  }
  return makeListLabel(shown, count);
}

function makeListLabel(shown: readonly IndexedTemplate[], count: number) {
  const more = count - shown.length;
  return `${shown.map(siblingLabel).join(', ')}${
    more > 0 ? ` and ${more} more` : ''
  }`;
}

/** The evidence of each sibling of a list, worded `what`. */
function listEvidence(
  list: readonly IndexedTemplate[],
  what: string,
): readonly Evidence[] {
  if (Object.isFrozen(list)) {
    return sharedListEvidence.get(list, [what], () =>
      Object.freeze(list.map(s => siblingEvidence(s, what))),
    );
  }
  return list.map(s => siblingEvidence(s, what));
}

/** The template's location as evidence: shared (frozen) between templates of one location. */
function locationEvidence(
  index: SnapshotIndex,
  template: ArmResource,
): Evidence {
  const location = template.location;
  if (typeof location !== 'string') return makeLocationEvidence(location);
  return locationEvidenceMemo.get(index, [location], () =>
    Object.freeze(makeLocationEvidence(location)),
  );
}

function makeLocationEvidence(location: unknown): Evidence {
  return {
    path: 'location',
    observed: observed(location),
    note: 'the location of this template',
  };
}

/**
 * RULES.md #2: another template of the same image family, anywhere in the scan (every
 * subscription), is in a different location.
 * @public
 */
export const drReplicatedTemplateRule = defineRule(
  'dr-replicated-template',
  context => {
    const { template, index } = context;
    const familyTag = familyTagOption(context.options);
    const families = FamilyIndex.of(index, familyTag);
    const family = families.familyOf(template);
    if (family.source === 'unresolved') {
      return {
        status: 'unknown',
        message: `The image family of the template is unknown: ${family.evidence
          .map(e => e.path)
          .join(', ')} is an unresolved template expression`,
        evidence: family.evidence,
      };
    }

    const siblings = families.siblings(template, family, LIST_LIMIT);
    if (!Object.isFrozen(family)) {
      return judge(index, families, template, familyTag, family, siblings);
    }
    // A template in a known location with siblings elsewhere passes on those alone, which the
    // family index shares between the templates of the family there.
    const passes =
      siblings.elsewhereCount > 0 &&
      Object.isFrozen(siblings.elsewhere) &&
      families.regionOf(template) !== undefined;
    if (passes || Object.isFrozen(siblings)) {
      const keys = [
        familyTag,
        family,
        passes ? siblings.elsewhere : siblings,
        template.location,
      ];
      return (
        sharedOutcomes.find(index, keys) ??
        sharedOutcomes.keep(
          index,
          keys,
          freezeOutcome(
            judge(index, families, template, familyTag, family, siblings),
          ),
        )
      );
    }
    return judge(index, families, template, familyTag, family, siblings);
  },
);

/**
 * The outcome for a template of resolved family: it depends on the family, the siblings, the
 * template's location and the option only.
 */
function judge(
  index: SnapshotIndex,
  families: FamilyIndex,
  template: ArmResource,
  familyTag: string,
  family: Exclude<ImageFamily, { source: 'unresolved' }>,
  siblings: FamilySiblings,
): RuleOutcome {
  const label = describeFamily(family, familyTag);
  const hasLocation = families.regionOf(template) !== undefined;

  const replicated = hasLocation
    ? siblings.elsewhereCount > 0
    : siblings.locationCount >= 2;
  if (replicated) {
    return {
      status: 'pass',
      message: `Another template of ${label} is in a different location: ${listLabel(
        siblings.elsewhere,
        siblings.elsewhereCount,
      )}`,
      evidence: [
        ...family.evidence,
        locationEvidence(index, template),
        ...listEvidence(siblings.elsewhere, 'sibling in another location:'),
      ],
    };
  }

  // Not replicated as far as the scan shows: say why that may be wrong before failing.
  const doubts: string[] = [];
  const doubtEvidence: Evidence[] = [];
  if (!hasLocation && siblings.elsewhereCount > 0) {
    doubts.push(
      `the location of this template is not known, and its siblings are in one location (${listLabel(
        siblings.elsewhere,
        siblings.elsewhereCount,
      )})`,
    );
    doubtEvidence.push(...listEvidence(siblings.elsewhere, 'sibling'));
  }
  if (siblings.unknownLocationCount > 0) {
    doubts.push(
      `the location of sibling(s) ${listLabel(
        siblings.unknownLocation,
        siblings.unknownLocationCount,
      )} is not known`,
    );
    doubtEvidence.push(
      ...listEvidence(
        siblings.unknownLocation,
        'sibling whose location is unknown:',
      ),
    );
  }
  if (siblings.unresolvedFamilyCount > 0) {
    doubts.push(
      `the image family of template(s) ${listLabel(
        siblings.unresolvedFamily,
        siblings.unresolvedFamilyCount,
      )} is an unresolved template expression`,
    );
    doubtEvidence.push(
      ...listEvidence(
        siblings.unresolvedFamily,
        'template of unresolved image family:',
      ),
    );
  }
  for (const failure of families.templateListFailures) {
    doubtEvidence.push({
      collection: failure.collection,
      code: failure.code,
      note: `subscription ${failure.subscriptionId}${
        failure.message ? `: ${failure.message}` : ''
      }`,
    });
  }
  if (families.templateListFailures.length > 0) {
    const subscriptions = [
      ...new Set(families.templateListFailures.map(f => f.subscriptionId)),
    ];
    doubts.push(
      `the image templates of subscription(s) ${subscriptions.join(
        ', ',
      )} could not be read, so a sibling may be missing from view`,
    );
  }
  if (doubts.length > 0) {
    return {
      status: 'unknown',
      message: `Whether another template of ${label} is in a different location is unknown: ${doubts.join(
        '; ',
      )}`,
      evidence: [
        ...family.evidence,
        locationEvidence(index, template),
        ...doubtEvidence,
      ],
    };
  }

  const sameLocation =
    siblings.sameLocationCount > 0
      ? `its sibling(s) ${listLabel(
          siblings.sameLocation,
          siblings.sameLocationCount,
        )} are in the same location`
      : 'it has no sibling in the scan';
  return {
    status: 'fail',
    message: `No other template of ${label} is in a location other than ${
      hasLocation ? String(template.location) : "this template's"
    } (${sameLocation}): replicate the template to a secondary region`,
    evidence: [
      ...family.evidence,
      locationEvidence(index, template),
      ...(siblings.sameLocationCount > 0
        ? listEvidence(siblings.sameLocation, 'sibling in the same location:')
        : [
            {
              observed: [],
              expected: 'another template of the family in another location',
              note: 'no other template of the family in the scan',
            },
          ]),
    ],
  };
}
