import {
  ArmResource,
  Evidence,
  FindingStatus,
  RuleMetadata,
  Severity,
  SnapshotSubscription,
} from '@aib-scorecards/plugin-azure-image-builder-common';
import { SnapshotIndex } from '../engine/SnapshotIndex';

/** Settings of the rule pack (`azureImageBuilder.rules`). @public */
export interface RulesConfig {
  /** Rule ids that are not evaluated. */
  disabled: string[];
  /** Per-rule overrides: `severity` and the rule's own thresholds (`minReplicas`, …). */
  options: Record<string, { severity?: Severity; [key: string]: unknown }>;
}

/** What a rule sees when it evaluates one template. @public */
export interface RuleContext {
  /** The template, ARM wire JSON (with `properties`). */
  template: ArmResource;
  /** The subscription the template is in (its collections may be `null`: unknown). */
  subscription: SnapshotSubscription;
  /** Lookups over the whole scan, built once per snapshot. */
  index: SnapshotIndex;
  /** This rule's options from config (thresholds); `{}` when none. */
  options: { [key: string]: unknown };
}

/** A rule's verdict before the engine adds metadata (severity, remediation URL). @public */
export interface RuleOutcome {
  status: Exclude<FindingStatus, 'waived'>;
  message: string;
  evidence: Evidence[];
}

/**
 * One rule of the pack. Adding a rule is adding one of these to the engine.
 * @public
 */
export interface ImageTemplateRule {
  metadata: RuleMetadata;
  evaluate(context: RuleContext): RuleOutcome;
}
