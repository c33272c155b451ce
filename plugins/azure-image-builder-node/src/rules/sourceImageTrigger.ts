import {
  ArmResource,
  Evidence,
} from '@aib-scorecards/plugin-azure-image-builder-common';
import { armIdPrefixBefore } from '../engine/armId';
import { readDistribution, sharedImageDistributors } from './distributors';
import {
  defineRule,
  equalsIgnoreCase,
  getPath,
  isArmExpression,
  isNonEmptyString,
  isObject,
  observed,
  unknownCollection,
} from './util';

const SOURCE_TYPE_PATH = 'properties.source.type';

/** What the evidence and message show of a trigger. */
function describeTrigger(trigger: ArmResource): {
  label: string;
  evidence: Evidence;
} {
  const props = isObject(trigger.properties) ? trigger.properties : {};
  const status = isObject(props.status) ? props.status : {};
  const name = trigger.name ?? trigger.id;
  const message = isNonEmptyString(status.message) ? status.message : undefined;
  const label = `'${name}' (kind ${String(props.kind ?? 'absent')}, ${String(
    props.provisioningState ?? 'no provisioningState',
  )}, status ${String(status.code ?? 'absent')}${
    message ? `: ${message}` : ''
  })`;
  return {
    label,
    evidence: {
      path: 'properties.status',
      observed: {
        kind: observed(props.kind) ?? null,
        provisioningState: observed(props.provisioningState) ?? null,
        code: observed(status.code) ?? null,
        message: observed(status.message) ?? null,
      },
      note: `trigger '${name}' (${trigger.id})`,
    },
  };
}

function isHealthySourceImageTrigger(trigger: ArmResource): boolean {
  return (
    equalsIgnoreCase(getPath(trigger, ['properties', 'kind']), 'SourceImage') &&
    equalsIgnoreCase(
      getPath(trigger, ['properties', 'provisioningState']),
      'Succeeded',
    ) &&
    equalsIgnoreCase(
      getPath(trigger, ['properties', 'status', 'code']),
      'Healthy',
    )
  );
}

/**
 * What pins the template to one image version, so that a source image trigger cannot be created
 * (or would not help) until the template changes: a platform image `version` other than `latest`,
 * a `SharedImageVersion` source not ending `/versions/latest`, a SharedImage distributor whose
 * `galleryImageId` names a version.
 */
function pinnedVersions(template: ArmResource): Evidence[] {
  const pins: Evidence[] = [];
  const source = getPath(template, ['properties', 'source']);
  if (isObject(source)) {
    if (equalsIgnoreCase(source.type, 'PlatformImage')) {
      const version = source.version;
      if (
        !isArmExpression(version) &&
        isNonEmptyString(version) &&
        !equalsIgnoreCase(version, 'latest')
      ) {
        pins.push({
          path: 'properties.source.version',
          observed: version,
          expected: 'latest',
          note: 'the platform image version is pinned',
        });
      }
    } else if (equalsIgnoreCase(source.type, 'SharedImageVersion')) {
      const id = source.imageVersionId;
      if (
        !isArmExpression(id) &&
        isNonEmptyString(id) &&
        !/\/versions\/latest\/*$/i.test(id.trim())
      ) {
        pins.push({
          path: 'properties.source.imageVersionId',
          observed: id,
          expected: 'an image version id ending /versions/latest',
          note: 'the gallery image version is pinned',
        });
      }
    }
  }
  for (const d of sharedImageDistributors(readDistribution(template))) {
    const id = d.value.galleryImageId;
    if (
      !isArmExpression(id) &&
      isNonEmptyString(id) &&
      armIdPrefixBefore(id, '/versions/') !== undefined
    ) {
      pins.push({
        path: `${d.path}.galleryImageId`,
        observed: id,
        expected: 'a gallery image definition id, without /versions/',
        note: 'the distributor names an image version',
      });
    }
  }
  return pins;
}

/**
 * RULES.md #4: a healthy `SourceImage` trigger rebuilds the template when its source image is
 * updated.
 * @public
 */
export const sourceImageTriggerRule = defineRule(
  'source-image-trigger',
  context => {
    const { template, index } = context;
    const sourceType = getPath(template, ['properties', 'source', 'type']);
    const sourceEvidence: Evidence = {
      path: SOURCE_TYPE_PATH,
      observed: observed(sourceType),
    };
    if (equalsIgnoreCase(sourceType, 'ManagedImage')) {
      return {
        status: 'not-applicable',
        message:
          'The source is a managed image, which source image triggers do not support',
        evidence: [
          {
            ...sourceEvidence,
            expected: 'PlatformImage or SharedImageVersion',
          },
        ],
      };
    }

    const triggers = index.getTriggers(template.id);
    if (triggers === null) {
      return unknownCollection(
        context,
        'triggers',
        'Whether a trigger rebuilds the template',
      );
    }

    const healthy = triggers.filter(isHealthySourceImageTrigger);
    if (healthy.length > 0) {
      const described = healthy.map(describeTrigger);
      return {
        status: 'pass',
        message: `A healthy source image trigger rebuilds the template: ${described
          .map(d => d.label)
          .join(', ')}`,
        evidence: described.map(d => d.evidence),
      };
    }

    if (triggers.length > 0) {
      const described = triggers.map(describeTrigger);
      return {
        status: 'warn',
        message: `No trigger of the template is a healthy source image trigger: ${described
          .map(d => d.label)
          .join(
            ', ',
          )} (failing builds deactivate triggers: check the template's last builds)`,
        evidence: described.map(d => ({
          ...d.evidence,
          expected:
            'kind SourceImage, provisioningState Succeeded, status Healthy',
        })),
      };
    }

    if (isArmExpression(sourceType)) {
      // With no trigger, the answer is `fail` or `not-applicable`, depending on the source type.
      return {
        status: 'unknown',
        message: `The template has no trigger, and whether it may have one is unknown: ${SOURCE_TYPE_PATH} is an unresolved template expression`,
        evidence: [
          { ...sourceEvidence, note: 'unresolved ARM template expression' },
        ],
      };
    }

    const pins = pinnedVersions(template);
    const noTrigger: Evidence = {
      observed: [],
      expected:
        'a SourceImage trigger, provisioningState Succeeded, status Healthy',
      note: 'the template has no trigger',
    };
    return {
      status: 'fail',
      message:
        pins.length > 0
          ? `No trigger rebuilds the template when its source image is updated, and the template must change before a source image trigger can be created: ${pins
              .map(p => `${p.path} is ${JSON.stringify(p.observed)}`)
              .join('; ')} (use the latest version)`
          : 'No trigger rebuilds the template when its source image is updated: create a source image trigger',
      evidence: [noTrigger, ...pins],
    };
  },
);
