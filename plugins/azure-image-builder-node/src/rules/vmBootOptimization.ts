import { Evidence } from '@aib-scorecards/plugin-azure-image-builder-common';
import { freezeOutcome } from './memo';
import { RuleOutcome } from './types';
import {
  child,
  defineRule,
  equalsIgnoreCase,
  isArmExpression,
  isPlain,
  observed,
  ScanMemo,
} from './util';

const STATE_PATH = 'properties.optimize.vmBoot.state';
const DISK_PATH = 'properties.vmProfile.osDiskSizeGB';
/** VM boot optimization does not support images over 2 TB. */
const MAX_OS_DISK_GB = 2048;

const byState = new ScanMemo<RuleOutcome>();

/**
 * RULES.md #5: `properties.optimize.vmBoot.state` is `Enabled`.
 * @public
 */
export const vmBootOptimizationRule = defineRule(
  'vm-boot-optimization',
  ({ template, index }) => {
    const diskSize = toNumber(
      child(child(child(template, 'properties'), 'vmProfile'), 'osDiskSizeGB'),
    );
    const state = child(
      child(child(child(template, 'properties'), 'optimize'), 'vmBoot'),
      'state',
    );
    if (
      (diskSize === undefined || diskSize <= MAX_OS_DISK_GB) &&
      isPlain(state)
    ) {
      // Then the outcome depends on the state alone: shared by the templates that have it.
      const keys = [state];
      return (
        byState.find(index, keys) ??
        byState.keep(index, keys, freezeOutcome(judgeState(state)))
      );
    }
    if (diskSize !== undefined && diskSize > MAX_OS_DISK_GB) {
      return {
        status: 'not-applicable',
        message: `The OS disk is ${diskSize} GB; VM boot optimization does not support images over 2 TB`,
        evidence: [
          {
            path: DISK_PATH,
            observed: diskSize,
            expected: `at most ${MAX_OS_DISK_GB} for the rule to apply`,
          },
        ],
      };
    }
    return judgeState(state);
  },
);

/** The outcome for a template whose disk size does not rule VM boot optimization out. */
function judgeState(state: unknown): RuleOutcome {
  const evidence: Evidence = {
    path: STATE_PATH,
    observed: observed(state),
    expected: 'Enabled',
  };
  if (equalsIgnoreCase(state, 'Enabled')) {
    return {
      status: 'pass',
      message: 'VM boot optimization is enabled',
      evidence: [evidence],
    };
  }
  if (isArmExpression(state)) {
    return {
      status: 'unknown',
      message: `VM boot optimization is set by an unresolved template expression (${state})`,
      evidence: [{ ...evidence, note: 'unresolved ARM template expression' }],
    };
  }
  if (state === undefined || state === null) {
    return {
      status: 'fail',
      message: `VM boot optimization is not enabled: ${STATE_PATH} is not set (set it to Enabled)`,
      evidence: [evidence],
    };
  }
  return {
    status: 'fail',
    message: `VM boot optimization is not enabled: ${STATE_PATH} is ${JSON.stringify(
      state,
    )} (set it to Enabled)`,
    evidence: [evidence],
  };
}

/** A disk size as a number; JSON written by hand sometimes quotes it. */
function toNumber(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && /^\s*\d+(\.\d+)?\s*$/.test(value)) {
    return Number(value);
  }
  return undefined;
}
