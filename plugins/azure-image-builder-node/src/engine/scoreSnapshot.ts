import {
  computeScore,
  countStatuses,
  Finding,
  Scorecard,
  Snapshot,
  templateKey,
} from '@aib-scorecards/plugin-azure-image-builder-common';
import { OwnershipConfig } from '../config/types';
import { resolveTemplateOwner, templateEntityRef } from '../entity';
import { Exemptions } from '../exemptions/types';
import { parseArmId } from './armId';
import { SnapshotIndex } from './SnapshotIndex';
import { readTemplateFacts } from './templateFacts';
import { RuleEngine } from './types';

/** Options of {@link scoreSnapshot}. @public */
export interface ScoreSnapshotOptions {
  engine: RuleEngine;
  /** The configured source the snapshot was read from. */
  sourceId: string;
  ownership: OwnershipConfig;
  /** An index already built for this snapshot; built here when omitted. */
  index?: SnapshotIndex;
  /** The configured exemptions (see `createExemptions`); none when omitted. */
  exemptions?: Exemptions;
  /** The scan time, which exemptions' expiry is compared with. Default: the current time. */
  now?: Date;
}

/** The index's templates are redacted already. */
const unchanged = (text: string) => text;

/**
 * Scores every image template of a snapshot: one scorecard per template, in snapshot order.
 * Subscriptions whose templates could not be read (`imageTemplates: null`) have nothing to score.
 * The rules read the snapshot as the index holds it, redacted (see `SnapshotIndex`), so no secret of a
 * template reaches a message, evidence or fact. Findings
 * an exemption in force at `now` covers are `waived`, and left out of the score.
 * @public
 */
export function scoreSnapshot(
  snapshot: Snapshot,
  options: ScoreSnapshotOptions,
): Scorecard[] {
  const { engine, sourceId, ownership, exemptions } = options;
  const now = options.now ?? new Date();
  const index = options.index ?? SnapshotIndex.build(snapshot);
  const scorecards: Scorecard[] = [];
  for (const { template, subscription } of index.templates) {
    const evaluated: Finding[] = engine.evaluate(template, subscription, index);
    const entityRef = templateEntityRef(template.id);
    const owner = resolveTemplateOwner(template, subscription, ownership);
    const findings = exemptions
      ? exemptions.apply(evaluated, { template, entityRef, owner }, now)
      : evaluated;
    const parts = parseArmId(template.id);
    const scorecard: Scorecard = {
      templateId: templateKey(template.id),
      resourceId: template.id,
      templateName: template.name ?? parts.name ?? template.id,
      subscriptionId: subscription.subscriptionId,
      resourceGroup: parts.resourceGroup ?? '',
      ...(typeof template.location === 'string'
        ? { location: template.location }
        : {}),
      entityRef,
      owner,
      sourceId,
      score: computeScore(findings),
      counts: countStatuses(findings),
      findings,
      scannedAt: snapshot.capturedAt,
      facts: readTemplateFacts(template, unchanged),
      ...(typeof subscription.displayName === 'string' &&
      subscription.displayName
        ? { subscriptionName: subscription.displayName }
        : {}),
    };
    scorecards.push(scorecard);
  }
  return scorecards;
}
