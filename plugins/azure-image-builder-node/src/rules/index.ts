import { customizerChecksumRule } from './customizerChecksum';
import { ownSubnetsRule } from './ownSubnets';
import { templateLockRule } from './templateLock';
import { ImageTemplateRule } from './types';
import { vmBootOptimizationRule } from './vmBootOptimization';

export * from './types';
export { defineRule, unknownCollection, isArmExpression } from './util';
export {
  customizerChecksumRule,
  ownSubnetsRule,
  templateLockRule,
  vmBootOptimizationRule,
};

/**
 * The rules of the pack (RULES.md). Adding a rule is adding its file and one line here; the engine
 * orders findings by rule number, not by this list.
 * @public
 */
export const builtinRules: ImageTemplateRule[] = [
  templateLockRule,
  vmBootOptimizationRule,
  ownSubnetsRule,
  customizerChecksumRule,
];
