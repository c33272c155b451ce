import {
  ArmResource,
  Finding,
  RuleMetadata,
  SnapshotSubscription,
} from '@aib-scorecards/plugin-azure-image-builder-common';
import { ImageTemplateRule } from '../rules/types';
import { SnapshotIndex } from './SnapshotIndex';

/**
 * Evaluates the enabled rules against image templates.
 * @public
 */
export interface RuleEngine {
  /** The enabled rules, in rule-number order. */
  readonly rules: readonly ImageTemplateRule[];
  /** The metadata of the enabled rules, in the same order, with the configured severity. */
  readonly metadata: readonly RuleMetadata[];
  /**
   * One finding per enabled rule for one template, in rule-number order. Never throws: a rule that
   * throws yields an `unknown` finding. The findings hold no secret when the template and its
   * subscription come from `index.templates`, which are redacted; findings of rules added through
   * the extension point are redacted whatever they read.
   */
  evaluate(
    template: ArmResource,
    subscription: SnapshotSubscription,
    index: SnapshotIndex,
  ): Finding[];
}
