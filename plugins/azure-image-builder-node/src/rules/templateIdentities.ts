import {
  ArmResource,
  Evidence,
} from '@aib-scorecards/plugin-azure-image-builder-common';
import { parseArmId } from '../engine/armId';
import { lastIdSegment, scopeKindOf } from '../engine/rbac';
import { NOT_COLLECTED } from '../engine/SnapshotIndex';
import { Doubt } from './doubts';
import { RuleContext } from './types';
import {
  equalsIgnoreCase,
  getPath,
  isArmExpression,
  isNonEmptyString,
  isObject,
  observed,
} from './util';

/** An identity a template names, with the principal id written beside it (if any). @public */
export interface NamedIdentity {
  /** The identity's resource id, as written. */
  id: string;
  /** The `principalId` the template carries for it (`identity.userAssignedIdentities`). */
  principalId?: string;
}

/**
 * What a template says about a list of identities: none, an unresolved deployment-template
 * expression, or some identities.
 * @public
 */
export type IdentityList =
  | { kind: 'none' }
  | { kind: 'expression'; path: string; value: string }
  | { kind: 'some'; identities: NamedIdentity[] };

/**
 * The template identity (RULES.md #9): the keys of `identity.userAssignedIdentities` and the
 * `principalId` of each. `none` when `identity` is missing, its type is `None`, or it names no
 * user-assigned identity.
 * @public
 */
export function readTemplateIdentities(template: ArmResource): IdentityList {
  const identity = template.identity;
  if (isArmExpression(identity)) {
    return { kind: 'expression', path: 'identity', value: identity };
  }
  if (!isObject(identity)) return { kind: 'none' };
  if (isArmExpression(identity.type)) {
    return { kind: 'expression', path: 'identity.type', value: identity.type };
  }
  const assigned = identity.userAssignedIdentities;
  if (isArmExpression(assigned)) {
    return {
      kind: 'expression',
      path: 'identity.userAssignedIdentities',
      value: assigned,
    };
  }
  if (equalsIgnoreCase(identity.type, 'None') || !isObject(assigned)) {
    return { kind: 'none' };
  }
  const identities = Object.entries(assigned)
    .filter(([id]) => isNonEmptyString(id))
    .map(([id, value]) => {
      const principalId = getPath(value, ['principalId']);
      return isNonEmptyString(principalId)
        ? { id, principalId: principalId.trim() }
        : { id };
    });
  return identities.length > 0
    ? { kind: 'some', identities }
    : { kind: 'none' };
}

/**
 * The build VM identities (RULES.md #10): `properties.vmProfile.userAssignedIdentities`. Their
 * principal ids come from the identities' own resources.
 * @public
 */
export function readBuildVmIdentities(template: ArmResource): IdentityList {
  const path = 'properties.vmProfile.userAssignedIdentities';
  const list = getPath(template, [
    'properties',
    'vmProfile',
    'userAssignedIdentities',
  ]);
  if (isArmExpression(list)) return { kind: 'expression', path, value: list };
  if (!Array.isArray(list)) return { kind: 'none' };
  const identities = list
    .filter(isNonEmptyString)
    .map(id => ({ id: id.trim() }));
  return identities.length > 0
    ? { kind: 'some', identities }
    : { kind: 'none' };
}

/** The staging resource group of a template and where it was read. @public */
export interface StagingGroup {
  id: string;
  path:
    | 'properties.stagingResourceGroup'
    | 'properties.exactStagingResourceGroup';
  /** Whether the template sets it (`stagingResourceGroup`) rather than the service (`IT_…`). */
  configured: boolean;
}

/**
 * The staging resource group (RULES.md #8): `stagingResourceGroup`, else
 * `exactStagingResourceGroup` (which the service fills in). `unknown` with a reason when neither
 * gives a resource group id.
 * @public
 */
export function readStagingGroup(
  template: ArmResource,
):
  | { kind: 'known'; group: StagingGroup }
  | { kind: 'unknown'; reason: string; evidence: Evidence[] } {
  const configured = getPath(template, ['properties', 'stagingResourceGroup']);
  const exact = getPath(template, ['properties', 'exactStagingResourceGroup']);
  const evidence: Evidence[] = [
    { path: 'properties.stagingResourceGroup', observed: observed(configured) },
    { path: 'properties.exactStagingResourceGroup', observed: observed(exact) },
  ];
  for (const [value, path, isConfigured] of [
    [configured, 'properties.stagingResourceGroup', true],
    [exact, 'properties.exactStagingResourceGroup', false],
  ] as const) {
    if (isArmExpression(value)) {
      return {
        kind: 'unknown',
        reason: `${path} is an unresolved template expression`,
        evidence,
      };
    }
    if (isNonEmptyString(value)) {
      if (scopeKindOf(value) !== 'resourceGroup') {
        return {
          kind: 'unknown',
          reason: `${path} '${value}' is not a resource group id`,
          evidence,
        };
      }
      return {
        kind: 'known',
        group: { id: value.trim(), path, configured: isConfigured },
      };
    }
  }
  return {
    kind: 'unknown',
    reason:
      'properties.stagingResourceGroup is not set and the service has not reported properties.exactStagingResourceGroup',
    evidence,
  };
}

/**
 * The principal id of an identity: the one the template carries for it, else the
 * `properties.principalId` of the identity's resource in the snapshot. A doubt saying why when
 * neither is known (expression, subscription not scanned, identities not read, not found).
 * @public
 */
export function resolveIdentityPrincipal(
  context: RuleContext,
  identity: NamedIdentity,
): { principalId: string } | { doubt: Doubt } {
  if (identity.principalId) return { principalId: identity.principalId };
  const { index } = context;
  const fromResource = index.rbac.identityPrincipalId(identity.id);
  if (fromResource) return { principalId: fromResource };

  const doubt = (
    summary: string,
    extra: Partial<Evidence> = {},
  ): { doubt: Doubt } => ({
    doubt: {
      summary,
      evidence: {
        observed: identity.id,
        note: `the principal id of identity '${identity.id}' is unknown: ${summary}`,
        ...extra,
      },
    },
  });
  const name = identityName(identity.id);
  if (isArmExpression(identity.id)) {
    return doubt(
      `identity ${identity.id} is an unresolved template expression`,
    );
  }
  const { subscriptionId } = parseArmId(identity.id);
  if (!subscriptionId)
    return doubt(`identity '${identity.id}' is not a resource id`);
  const subscription = index.getSubscription(subscriptionId);
  if (!subscription) {
    return doubt(
      `identity '${name}' is in subscription ${subscriptionId}, which is not in the snapshot`,
      { collection: 'userAssignedIdentities', code: NOT_COLLECTED },
    );
  }
  if (!Array.isArray(subscription.userAssignedIdentities)) {
    const error = index.getCollectionError(
      subscription,
      'userAssignedIdentities',
    );
    const code = error?.code ?? NOT_COLLECTED;
    return doubt(
      `the userAssignedIdentities of subscription ${subscription.subscriptionId} could not be read (${code})`,
      { collection: 'userAssignedIdentities', code },
    );
  }
  if (index.rbac.getUserAssignedIdentity(identity.id)) {
    return doubt(`identity '${name}' has no principalId`, {
      collection: 'userAssignedIdentities',
      code: 'PrincipalIdMissing',
    });
  }
  return doubt(
    `identity '${name}' is not among the userAssignedIdentities of subscription ${subscription.subscriptionId}`,
    { collection: 'userAssignedIdentities', code: 'ResourceNotFound' },
  );
}

/** The last segment of an identity id (its name). @public */
export function identityName(id: string): string {
  return lastIdSegment(id) || id;
}
