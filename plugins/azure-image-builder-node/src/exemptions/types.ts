import {
  ArmResource,
  Finding,
} from '@aib-scorecards/plugin-azure-image-builder-common';

/**
 * Which templates an exemption covers: exactly one of
 * - `templateId`: one template, by its ARM id (compared case-insensitively);
 * - `entityRef`: one template, by its catalog entity (`resource:default/<name>`);
 * - `owner`: every template of an owner (a group or user ref, `team-a` = `group:default/team-a`);
 * - `tag`: every template carrying an Azure tag (name compared case-insensitively, as in Azure),
 *   with that exact value when `value` is given.
 * @public
 */
export type ExemptionSelector =
  | { templateId: string }
  | { entityRef: string }
  | { owner: string }
  | { tag: { name: string; value?: string } };

/**
 * One entry of `azureImageBuilder.exemptions`: a rule waived for the templates a selector picks,
 * why, who said so, and until when.
 * @public
 */
export interface ExemptionConfig {
  /** The id of an enabled rule. */
  rule: string;
  /** Refs are stored resolved (`team-a` as `group:default/team-a`). */
  selector: ExemptionSelector;
  reason: string;
  grantedBy: string;
  /**
   * ISO 8601 date (`2026-12-31`: applies through that day, UTC) or date-time with a zone
   * (`2026-12-31T18:00:00Z`: applies until that instant), as written.
   */
  expires: string;
}

/** What an exemption is matched against: a scored template. @public */
export interface ExemptionTarget {
  template: ArmResource;
  /** The template's catalog entity ref. */
  entityRef: string;
  /** The template's owner entity ref. */
  owner: string;
}

/**
 * The configured exemptions, checked against the rule engine and ready to apply.
 * @public
 */
export interface Exemptions {
  /** The exemptions, in config order. */
  readonly exemptions: readonly ExemptionConfig[];
  /**
   * The findings with those that an exemption in force at `now` covers turned `waived`:
   * `underlyingStatus` keeps the rule's status and `waiver` says why, who and until when. Only
   * findings that are not met (`fail`, `warn`, `unknown`) are waived: a `pass` or
   * `not-applicable` stays as it is. The first matching exemption, in config order, wins. Waived
   * findings are new objects; the input is not changed.
   */
  apply(findings: Finding[], target: ExemptionTarget, now: Date): Finding[];
  /** The exemptions whose expiry is at or before `now`: they no longer apply. */
  expired(now: Date): ExemptionConfig[];
}
