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
import { parseArmId } from './armId';
import { createFindingRedactor } from './redactFindings';
import { SnapshotIndex } from './SnapshotIndex';
import { RuleEngine } from './types';

/** Options of {@link scoreSnapshot}. @public */
export interface ScoreSnapshotOptions {
  engine: RuleEngine;
  /** The configured source the snapshot was read from. */
  sourceId: string;
  ownership: OwnershipConfig;
  /** An index already built for this snapshot; built here when omitted. */
  index?: SnapshotIndex;
}

/**
 * Scores every image template of a snapshot: one scorecard per template, in snapshot order.
 * Subscriptions whose templates could not be read (`imageTemplates: null`) have nothing to score.
 * Messages and evidence are redacted, so no secret of the template reaches a scorecard.
 * @public
 */
export function scoreSnapshot(
  snapshot: Snapshot,
  options: ScoreSnapshotOptions,
): Scorecard[] {
  const { engine, sourceId, ownership } = options;
  const index = options.index ?? SnapshotIndex.build(snapshot);
  const redact = createFindingRedactor();
  const scorecards: Scorecard[] = [];
  for (const { template, subscription } of index.templates) {
    const findings: Finding[] = engine
      .evaluate(template, subscription, index)
      .map(redact);
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
      entityRef: templateEntityRef(template.id),
      owner: resolveTemplateOwner(template, subscription, ownership),
      sourceId,
      score: computeScore(findings),
      counts: countStatuses(findings),
      findings,
      scannedAt: snapshot.capturedAt,
    };
    scorecards.push(scorecard);
  }
  return scorecards;
}
