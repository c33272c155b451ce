import { Evidence } from '@aib-scorecards/plugin-azure-image-builder-common';
import { normalizeArmId, subnetNetworkId } from '../engine/armId';
import { freezeOutcome } from './memo';
import { RuleOutcome } from './types';
import {
  child,
  defineRule,
  isArmExpression,
  isNonEmptyString,
  isObject,
  isPlain,
  observed,
  ScanMemo,
} from './util';

const VNET_PATH = 'properties.vmProfile.vnetConfig';
const SUBNET_PATH = `${VNET_PATH}.subnetId`;
const ACI_SUBNET_PATH = `${VNET_PATH}.containerInstanceSubnetId`;
const PROXY_PATH = `${VNET_PATH}.proxyVmSize`;

const byConfig = new ScanMemo<RuleOutcome>();

/**
 * RULES.md #6: the build runs in a subnet of yours, with a different container instance subnet on
 * the same virtual network.
 * @public
 */
export const ownSubnetsRule = defineRule(
  'own-subnets',
  ({ template, index }) => {
    const vnetConfig = child(
      child(child(template, 'properties'), 'vmProfile'),
      'vnetConfig',
    );
    const config = isObject(vnetConfig) ? vnetConfig : undefined;
    const subnetId = config?.subnetId;
    const aciSubnetId = config?.containerInstanceSubnetId;
    const proxyVmSize = config?.proxyVmSize;
    if (isPlain(subnetId) && isPlain(aciSubnetId) && isPlain(proxyVmSize)) {
      // Subnets are shared by many templates: so is the outcome for them.
      const keys = [config !== undefined, subnetId, aciSubnetId, proxyVmSize];
      return (
        byConfig.find(index, keys) ??
        byConfig.keep(
          index,
          keys,
          freezeOutcome(
            judge(config !== undefined, subnetId, aciSubnetId, proxyVmSize),
          ),
        )
      );
    }
    return judge(config !== undefined, subnetId, aciSubnetId, proxyVmSize);
  },
);

function judge(
  hasVnetConfig: boolean,
  subnetId: unknown,
  aciSubnetId: unknown,
  proxyVmSize: unknown,
): RuleOutcome {
  const evidence: Evidence[] = [
    {
      path: SUBNET_PATH,
      observed: observed(subnetId),
      expected: 'the id of a subnet of your virtual network',
    },
    {
      path: ACI_SUBNET_PATH,
      observed: observed(aciSubnetId),
      expected: 'another subnet of the same virtual network',
    },
  ];
  if (proxyVmSize !== undefined) {
    evidence.push({ path: PROXY_PATH, observed: observed(proxyVmSize) });
  }

  if (!isNonEmptyString(subnetId)) {
    return {
      status: 'fail',
      message: hasVnetConfig
        ? `The build does not run in your own subnet: ${SUBNET_PATH} is not set`
        : `The build does not run in your own subnet: ${VNET_PATH} is not set (the service creates a public IP for the build VM)`,
      evidence,
    };
  }

  if (!isNonEmptyString(aciSubnetId)) {
    const proxy = isNonEmptyString(proxyVmSize)
      ? ' (instead of the proxy VM sized by proxyVmSize)'
      : '';
    return {
      status: 'warn',
      message: `Only the build subnet is set: also set ${ACI_SUBNET_PATH} to a different subnet of the same virtual network${proxy}`,
      evidence,
    };
  }

  const problems: string[] = [];
  if (isNonEmptyString(proxyVmSize)) {
    problems.push(
      'proxyVmSize is set beside containerInstanceSubnetId (a template uses one or the other)',
    );
  }

  if (isArmExpression(subnetId) || isArmExpression(aciSubnetId)) {
    if (problems.length > 0) return invalidPair(problems, evidence);
    return {
      status: 'unknown',
      message:
        'Whether the build subnet and the container instance subnet are distinct subnets of one virtual network is unknown: a subnet id is an unresolved template expression',
      evidence,
    };
  }

  const network = subnetNetworkId(subnetId);
  const aciNetwork = subnetNetworkId(aciSubnetId);
  if (!network) problems.push(`subnetId '${subnetId}' is not a subnet id`);
  if (!aciNetwork) {
    problems.push(
      `containerInstanceSubnetId '${aciSubnetId}' is not a subnet id`,
    );
  }
  if (network && aciNetwork) {
    if (normalizeArmId(subnetId) === normalizeArmId(aciSubnetId)) {
      problems.push(
        'the build subnet and the container instance subnet are the same subnet',
      );
    } else if (normalizeArmId(network) !== normalizeArmId(aciNetwork)) {
      problems.push(
        `the build subnet and the container instance subnet are on different virtual networks (${network} and ${aciNetwork})`,
      );
    }
  }
  if (problems.length > 0) return invalidPair(problems, evidence);

  return {
    status: 'pass',
    message: `The build runs in your own subnets: build subnet '${lastSegment(
      subnetId,
    )}' and container instance subnet '${lastSegment(
      aciSubnetId,
    )}' of virtual network '${lastSegment(network!)}'`,
    evidence,
  };
}

function invalidPair(problems: string[], evidence: Evidence[]) {
  return {
    status: 'warn' as const,
    message: `The subnet pair is invalid: ${problems.join('; ')}`,
    evidence,
  };
}

function lastSegment(id: string): string {
  const parts = id.split('/').filter(Boolean);
  return parts[parts.length - 1] ?? id;
}
