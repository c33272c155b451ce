import { buildVmIdentityPrivilegeRule } from './buildVmIdentityPrivilege';
import { customizerChecksumRule } from './customizerChecksum';
import { drMultiRegionDistributionRule } from './drMultiRegionDistribution';
import { drReplicatedTemplateRule } from './drReplicatedTemplate';
import { galleryLockRule } from './galleryLock';
import { galleryReplicaCountRule } from './galleryReplicaCount';
import { galleryZoneRedundantStorageRule } from './galleryZoneRedundantStorage';
import { imageValidationRule } from './imageValidation';
import { lastRunSucceededRule } from './lastRunSucceeded';
import { noEmbeddedSecretsRule } from './noEmbeddedSecrets';
import { ownSubnetsRule } from './ownSubnets';
import { sourceImageTriggerRule } from './sourceImageTrigger';
import { stagingResourceGroupAccessRule } from './stagingResourceGroupAccess';
import { templateAccessRule } from './templateAccess';
import { templateIdentityPrivilegeRule } from './templateIdentityPrivilege';
import { templateLockRule } from './templateLock';
import { ImageTemplateRule } from './types';
import { validatorChecksumRule } from './validatorChecksum';
import { vmBootOptimizationRule } from './vmBootOptimization';

export * from './types';
export { defineRule, unknownCollection, isArmExpression } from './util';
export {
  drReplicatedTemplateRule,
  drMultiRegionDistributionRule,
  sourceImageTriggerRule,
  galleryReplicaCountRule,
  galleryZoneRedundantStorageRule,
  galleryLockRule,
  customizerChecksumRule,
  validatorChecksumRule,
  noEmbeddedSecretsRule,
  lastRunSucceededRule,
  imageValidationRule,
  ownSubnetsRule,
  templateLockRule,
  vmBootOptimizationRule,
  templateAccessRule,
  stagingResourceGroupAccessRule,
  templateIdentityPrivilegeRule,
  buildVmIdentityPrivilegeRule,
};

/**
 * The rules of the pack (RULES.md). Adding a rule is adding its file and one line here; the engine
 * orders findings by rule number, not by this list.
 * @public
 */
export const builtinRules: ImageTemplateRule[] = [
  templateLockRule,
  drReplicatedTemplateRule,
  drMultiRegionDistributionRule,
  sourceImageTriggerRule,
  vmBootOptimizationRule,
  ownSubnetsRule,
  templateAccessRule,
  stagingResourceGroupAccessRule,
  templateIdentityPrivilegeRule,
  buildVmIdentityPrivilegeRule,
  galleryReplicaCountRule,
  galleryZoneRedundantStorageRule,
  galleryLockRule,
  customizerChecksumRule,
  validatorChecksumRule,
  noEmbeddedSecretsRule,
  lastRunSucceededRule,
  imageValidationRule,
];
