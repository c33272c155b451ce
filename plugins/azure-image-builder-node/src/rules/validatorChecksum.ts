import { defineChecksumRule } from './checksumSteps';

/**
 * RULES.md #15 (PSRule `Azure.ImageBuilder.ValidateHash`): the customizer-checksum rule for
 * `properties.validate.inVMValidations`: every Shell or PowerShell validator with a `scriptUri`
 * and every File validator with a `sourceUri` has a non-empty `sha256Checksum`.
 * @public
 */
export const validatorChecksumRule = defineChecksumRule('validator-checksum', {
  keys: ['validate', 'inVMValidations'],
  noun: 'validator',
});
