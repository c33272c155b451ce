import { defineChecksumRule } from './checksumSteps';

/**
 * RULES.md #14 (PSRule `Azure.ImageBuilder.CustomizeHash`): every Shell or PowerShell step with a
 * `scriptUri` and every File step with a `sourceUri` has a non-empty `sha256Checksum`.
 * @public
 */
export const customizerChecksumRule = defineChecksumRule(
  'customizer-checksum',
  { keys: ['customize'], noun: 'customizer' },
);
