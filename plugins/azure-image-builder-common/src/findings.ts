import { JsonValue } from './snapshot';

/**
 * The result of one rule for one template (RULES.md, "Result of a rule").
 * `unknown` means the data could not be read: it is never `fail`.
 * @public
 */
export type FindingStatus =
  | 'pass'
  | 'fail'
  | 'warn'
  | 'not-applicable'
  | 'unknown'
  | 'waived';

/** Every status, in the order a checklist shows them (failures first). @public */
export const FINDING_STATUSES: readonly FindingStatus[] = [
  'fail',
  'warn',
  'unknown',
  'pass',
  'not-applicable',
  'waived',
];

/** @public */
export type Severity = 'high' | 'medium' | 'low';

/** @public */
export const SEVERITIES: readonly Severity[] = ['high', 'medium', 'low'];

/**
 * One piece of evidence: a property path and what was observed there (and what was expected), or
 * for `unknown`, the collection that could not be read and the error code.
 * @public
 */
export interface Evidence {
  /** Property path in the ARM wire JSON, e.g. `properties.optimize.vmBoot.state`. */
  path?: string;
  /** The observed value (secrets redacted). `null` when the property is absent. */
  observed?: JsonValue;
  /** What the rule expected, in words or as a value. */
  expected?: string;
  /** For `unknown`: the snapshot collection that was missing, e.g. `locks`. */
  collection?: string;
  /** For `unknown`: the error code Azure returned, e.g. `AuthorizationFailed`. */
  code?: string;
  /** A short free-text note. */
  note?: string;
}

/** An exemption that turned a finding `waived`. @public */
export interface Waiver {
  reason: string;
  grantedBy: string;
  /** ISO 8601 date or date-time. */
  expires: string;
}

/** A rule's verdict on one template. @public */
export interface Finding {
  ruleId: string;
  status: FindingStatus;
  severity: Severity;
  /** One line a person understands. */
  message: string;
  evidence: Evidence[];
  remediationUrl: string;
  /** For `waived`: the status the rule gave before the exemption. */
  underlyingStatus?: FindingStatus;
  waiver?: Waiver;
}

/** Counts of findings per status. @public */
export type StatusCounts = Record<FindingStatus, number>;

/** When the last scan of a template's subscription failed. @public */
export interface Staleness {
  /** ISO 8601: when the scan that could not read the subscription ran. */
  since: string;
  reason: string;
}

/** A distribution target of a template, as the overview shows it. @public */
export interface DistributionFact {
  /** `ManagedImage`, `SharedImage` or `VHD`. */
  type: string;
  /** The image id, gallery image id or run output name. */
  target?: string;
  /** Regions the image is distributed to (normalised names as written). */
  regions: string[];
}

/**
 * Facts about a template for the overview card and the browse page, taken from the template
 * itself (secrets redacted).
 * @public
 */
export interface TemplateFacts {
  location?: string;
  /** `PlatformImage`, `ManagedImage` or `SharedImageVersion`. */
  sourceType?: string;
  /** A readable source: `publisher:offer:sku:version`, or the image id. */
  sourceImage?: string;
  distributions: DistributionFact[];
  /** Resource ids of the template's user-assigned identities. */
  identities: string[];
  /** Resource ids of the build VM's user-assigned identities. */
  buildVmIdentities: string[];
  vmSize?: string;
  stagingResourceGroup?: string;
  lastRun?: {
    runState?: string;
    runSubState?: string;
    startTime?: string;
    endTime?: string;
    message?: string;
  };
  provisioningState?: string;
}

/**
 * The scorecard of one image template.
 * @public
 */
export interface Scorecard {
  /** The ARM resource id of the template, lower-cased: the join key to the entity. */
  templateId: string;
  /** The ARM resource id as Azure spells it. */
  resourceId: string;
  templateName: string;
  subscriptionId: string;
  resourceGroup: string;
  location?: string;
  /** The catalog entity the template is ingested as, e.g. `resource:default/aib-…`. */
  entityRef: string;
  /** The owner entity ref, e.g. `group:default/team-images`. */
  owner: string;
  /** The configured source the template was read from. */
  sourceId: string;
  /** 0–100, or `null` when no rule applied. */
  score: number | null;
  counts: StatusCounts;
  findings: Finding[];
  /** ISO 8601: when the data was captured. */
  scannedAt: string;
  /** Set when the latest scan could not read the template's subscription. */
  stale?: Staleness;
  /** Facts for the overview (absent in scorecards stored before they existed). */
  facts?: TemplateFacts;
  /** The subscription's display name, when the snapshot has it. */
  subscriptionName?: string;
}
