import {
  ArmResource,
  Evidence,
} from '@aib-scorecards/plugin-azure-image-builder-common';
import { armIdPrefixBefore } from '../engine/armId';
import { SnapshotIndex } from '../engine/SnapshotIndex';
import { readDistribution, sharedImageDistributors } from './distributors';
import {
  child,
  defineRule,
  equalsIgnoreCase,
  isArmExpression,
  isNonEmptyString,
  isObject,
  isPlain,
  observed,
  ScanMemo,
  unknownCollection,
} from './util';

const SOURCE_TYPE_PATH = 'properties.source.type';

/** What the message and evidence show of a trigger's state: the same for many triggers. */
interface TriggerState {
  label: string;
  observed: Evidence['observed'];
  /** The message of a template with this trigger as its only healthy one, made when asked. */
  passMessage?: string;
}

const triggerStates = new ScanMemo<TriggerState>();

/** What the evidence and message show of a trigger. */
function describeTrigger(
  index: SnapshotIndex,
  trigger: ArmResource,
): { state: TriggerState; evidence: Evidence } {
  const props = isObject(trigger.properties) ? trigger.properties : {};
  const status = isObject(props.status) ? props.status : {};
  const name = trigger.name ?? trigger.id;
  const kind = props.kind;
  const provisioningState = props.provisioningState;
  const code = status.code;
  const message = status.message;
  let state: TriggerState | undefined;
  const keys = [name, kind, provisioningState, code, message];
  const plain =
    isPlain(kind) &&
    isPlain(provisioningState) &&
    isPlain(code) &&
    isPlain(message);
  if (plain) state = triggerStates.find(index, keys);
  if (!state) {
    const shown = isNonEmptyString(message) ? message : undefined;
    state = {
      label: `'${name}' (kind ${String(kind ?? 'absent')}, ${String(
        provisioningState ?? 'no provisioningState',
      )}, status ${String(code ?? 'absent')}${shown ? `: ${shown}` : ''})`,
      observed: Object.freeze({
        kind: observed(kind) ?? null,
        provisioningState: observed(provisioningState) ?? null,
        code: observed(code) ?? null,
        message: observed(message) ?? null,
      }),
    };
    if (plain) triggerStates.keep(index, keys, state);
  }
  return {
    state,
    evidence: {
      path: 'properties.status',
      observed: state.observed,
      note: `trigger '${name}' (${trigger.id})`,
    },
  };
}

function isHealthySourceImageTrigger(trigger: ArmResource): boolean {
  const props = child(trigger, 'properties');
  return (
    equalsIgnoreCase(child(props, 'kind'), 'SourceImage') &&
    equalsIgnoreCase(child(props, 'provisioningState'), 'Succeeded') &&
    equalsIgnoreCase(child(child(props, 'status'), 'code'), 'Healthy')
  );
}

const PASS_PREFIX = 'A healthy source image trigger rebuilds the template: ';

/**
 * What pins the template to one image version, so that a source image trigger cannot be created
 * (or would not help) until the template changes: a platform image `version` other than `latest`,
 * a `SharedImageVersion` source not ending `/versions/latest`, a SharedImage distributor whose
 * `galleryImageId` names a version.
 */
function pinnedVersions(template: ArmResource): Evidence[] {
  const pins: Evidence[] = [];
  const source = child(child(template, 'properties'), 'source');
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
    const sourceType = child(child(template, 'properties'), 'source');
    const type = child(sourceType, 'type');
    if (equalsIgnoreCase(type, 'ManagedImage')) {
      return {
        status: 'not-applicable',
        message:
          'The source is a managed image, which source image triggers do not support',
        evidence: [
          {
            path: SOURCE_TYPE_PATH,
            observed: observed(type),
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
    if (healthy.length === 1) {
      // Most templates have one trigger: its message is shared by those with the same state.
      const { state, evidence } = describeTrigger(index, healthy[0]);
      state.passMessage ??= `${PASS_PREFIX}${state.label}`;
      return {
        status: 'pass',
        message: state.passMessage,
        evidence: [evidence],
      };
    }
    if (healthy.length > 0) {
      const described = healthy.map(t => describeTrigger(index, t));
      return {
        status: 'pass',
        message: `${PASS_PREFIX}${described
          .map(d => d.state.label)
          .join(', ')}`,
        evidence: described.map(d => d.evidence),
      };
    }

    if (triggers.length > 0) {
      const described = triggers.map(t => describeTrigger(index, t));
      return {
        status: 'warn',
        message: `No trigger of the template is a healthy source image trigger: ${described
          .map(d => d.state.label)
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

    if (isArmExpression(type)) {
      // With no trigger, the answer is `fail` or `not-applicable`, depending on the source type.
      return {
        status: 'unknown',
        message: `The template has no trigger, and whether it may have one is unknown: ${SOURCE_TYPE_PATH} is an unresolved template expression`,
        evidence: [
          {
            path: SOURCE_TYPE_PATH,
            observed: observed(type),
            note: 'unresolved ARM template expression',
          },
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
