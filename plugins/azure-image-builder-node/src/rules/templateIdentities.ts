import {
  ArmResource,
  Evidence,
} from '@aib-scorecards/plugin-azure-image-builder-common';
import { parseArmId } from '../engine/armId';
import { lastIdSegment, parseScope, ScopeInfo } from '../engine/rbac';
import { NOT_COLLECTED, SnapshotIndex } from '../engine/SnapshotIndex';
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
  const identities: NamedIdentity[] = [];
  for (const id of Object.keys(assigned)) {
    if (!isNonEmptyString(id)) continue;
    const value = assigned[id];
    const principalId = isObject(value) ? value.principalId : undefined;
    identities.push(
      isNonEmptyString(principalId)
        ? { id, principalId: principalId.trim() }
        : { id },
    );
  }
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
  const read = readStaging(template);
  return read.kind === 'known'
    ? { kind: 'known', group: read.group }
    : { kind: 'unknown', reason: read.reason, evidence: read.evidence() };
}

/**
 * {@link readStagingGroup}, with what the role rules need of a known group: its scope (key and
 * resource group key) and its subscription id as written. The evidence of an unknown group is
 * made on demand (each outcome gets its own).
 */
export type StagingRead =
  | {
      kind: 'known';
      group: StagingGroup;
      scope: ScopeInfo;
      subscriptionId: string;
    }
  | { kind: 'unknown'; reason: string; evidence: () => Evidence[] };

const SLASH = 47;
const STAGING_PATH = 'properties.stagingResourceGroup';
const EXACT_STAGING_PATH = 'properties.exactStagingResourceGroup';

function readStaging(template: ArmResource): StagingRead {
  const properties = template.properties;
  const configured = isObject(properties)
    ? properties.stagingResourceGroup
    : undefined;
  const exact = isObject(properties)
    ? properties.exactStagingResourceGroup
    : undefined;
  // The configured group first, then the one the service reports.
  for (let i = 0; i < 2; i++) {
    const value = i === 0 ? configured : exact;
    const path = i === 0 ? STAGING_PATH : EXACT_STAGING_PATH;
    if (isArmExpression(value)) {
      return unknownStaging(
        `${path} is an unresolved template expression`,
        configured,
        exact,
      );
    }
    if (isNonEmptyString(value)) {
      const scope = parseScope(value);
      if (scope.kind !== 'resourceGroup') {
        return unknownStaging(
          `${path} '${value}' is not a resource group id`,
          configured,
          exact,
        );
      }
      const id = value.trim();
      return {
        kind: 'known',
        group: { id, path, configured: i === 0 },
        scope,
        subscriptionId: secondSegment(id),
      };
    }
  }
  return unknownStaging(
    'properties.stagingResourceGroup is not set and the service has not reported properties.exactStagingResourceGroup',
    configured,
    exact,
  );
}

function unknownStaging(
  reason: string,
  configured: unknown,
  exact: unknown,
): StagingRead {
  return {
    kind: 'unknown',
    reason,
    evidence: () => [
      { path: STAGING_PATH, observed: observed(configured) },
      { path: EXACT_STAGING_PATH, observed: observed(exact) },
    ],
  };
}

/** The second non-empty segment of an id: the subscription of `/subscriptions/<id>/…`. */
function secondSegment(id: string): string {
  let start = 0;
  for (let segment = 0; ; segment++) {
    while (id.charCodeAt(start) === SLASH) start++;
    let end = id.indexOf('/', start);
    if (end < 0) end = id.length;
    if (segment === 1 || end === id.length) return id.slice(start, end);
    start = end;
  }
}

/**
 * What the role rules read of a template, read once per scan: three rules read the same. Kept per
 * scan by template (rules may run rule by rule over all templates), the last one at hand (the
 * engine runs the rules of a template one after the other).
 */
interface TemplateReads {
  identities?: IdentityList;
  buildVm?: IdentityList;
  staging?: StagingRead;
}

interface ScanReads {
  lastTemplate?: ArmResource;
  last?: TemplateReads;
  byTemplate: Map<ArmResource, TemplateReads>;
}

const scanReads = new WeakMap<SnapshotIndex, ScanReads>();

function readsOf(index: SnapshotIndex, template: ArmResource): TemplateReads {
  let scan = scanReads.get(index);
  if (!scan) {
    scan = { byTemplate: new Map() };
    scanReads.set(index, scan);
  }
  if (scan.lastTemplate === template) return scan.last!;
  let reads = scan.byTemplate.get(template);
  if (!reads) {
    reads = {};
    scan.byTemplate.set(template, reads);
  }
  scan.lastTemplate = template;
  scan.last = reads;
  return reads;
}

/**
 * {@link readTemplateIdentities} of a template of the scan, read once per scan. The list is
 * shared between rules: read it, never change it.
 */
export function templateIdentitiesOf(
  index: SnapshotIndex,
  template: ArmResource,
): IdentityList {
  const reads = readsOf(index, template);
  return (reads.identities ??= readTemplateIdentities(template));
}

/** {@link readBuildVmIdentities} of a template of the scan, read once per scan. */
export function buildVmIdentitiesOf(
  index: SnapshotIndex,
  template: ArmResource,
): IdentityList {
  const reads = readsOf(index, template);
  return (reads.buildVm ??= readBuildVmIdentities(template));
}

/** The staging group of a template of the scan (see {@link StagingRead}), read once per scan. */
export function stagingGroupOf(
  index: SnapshotIndex,
  template: ArmResource,
): StagingRead {
  const reads = readsOf(index, template);
  return (reads.staging ??= readStaging(template));
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
