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
 * How one option of a rule (`azureImageBuilder.rules.<id>.<option>`) is checked at start-up, and
 * its default. `principal-ids` is a list of Entra object ids (GUIDs) and has no default: a rule
 * can tell "not configured" from "configured empty".
 * @public
 */
export type RuleOptionSpec =
  | {
      type: 'integer';
      minimum?: number;
      default?: number;
      description?: string;
    }
  | { type: 'string'; default?: string; description?: string }
  | { type: 'boolean'; default?: boolean; description?: string }
  | { type: 'string-list'; default?: string[]; description?: string }
  | { type: 'principal-ids'; description?: string };

/** The options a rule accepts, by name. @public */
export type RuleOptionSpecs = { [name: string]: RuleOptionSpec };

/**
 * One rule of the pack. Adding a rule is adding one of these to the engine.
 * @public
 */
export interface ImageTemplateRule {
  metadata: RuleMetadata;
  /**
   * The options the rule reads from `context.options`. When given (or when the rule has the id of
   * a built-in rule), config is checked against them at start-up (unknown keys, types, ranges) and
   * defaults are filled in; when absent, a custom rule gets its options unchecked.
   */
  optionSpecs?: RuleOptionSpecs;
  evaluate(context: RuleContext): RuleOutcome;
}
