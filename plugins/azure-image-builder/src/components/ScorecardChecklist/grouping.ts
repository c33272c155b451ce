import {
  Finding,
  FindingStatus,
  RULE_METADATA,
  getRuleMetadata,
} from '@aib-scorecards/plugin-azure-image-builder-common';
import { sortFindings } from './ordering';

/** The group of findings whose rules are not in the rule pack (custom or newer rules). */
export const OTHER_PRACTICE = 'Other rules';

/** Statuses the "Needs attention" summary lists. */
const ATTENTION: ReadonlySet<FindingStatus> = new Set<FindingStatus>([
  'fail',
  'warn',
]);

/** A section of Microsoft's best-practice page with the findings of its rules. */
export interface FindingGroup {
  practice: string;
  /** The element id of the group's section, for in-page links. */
  anchorId: string;
  findings: Finding[];
}

// The first rule number of every practice: groups follow the page's (and RULES.md's) order.
const practiceOrder = new Map<string, number>();
for (const rule of RULE_METADATA) {
  const known = practiceOrder.get(rule.practice);
  if (known === undefined || rule.number < known) {
    practiceOrder.set(rule.practice, rule.number);
  }
}

function practiceOf(finding: Finding): string {
  return getRuleMetadata(finding.ruleId)?.practice ?? OTHER_PRACTICE;
}

function slug(text: string): string {
  return text
    .toLocaleLowerCase('en-US')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** The element id of a practice's section. */
export function practiceAnchorId(practice: string): string {
  return `aib-practice-${slug(practice) || 'other'}`;
}

/**
 * The element id of a finding. Rule ids are lower-case kebab-case; anything else is slugged so
 * the id stays a valid fragment.
 */
export function findingAnchorId(ruleId: string): string {
  return `aib-rule-${slug(ruleId) || 'unnamed'}`;
}

/**
 * Groups findings by the best-practice section of their rule, sections in the order of their
 * first rule (rules outside the pack last), and within a section failures first (then by
 * severity and rule number, like {@link sortFindings}).
 */
export function groupFindings(findings: readonly Finding[]): FindingGroup[] {
  const groups = new Map<string, Finding[]>();
  for (const finding of sortFindings(findings)) {
    const practice = practiceOf(finding);
    const list = groups.get(practice);
    if (list) list.push(finding);
    else groups.set(practice, [finding]);
  }
  const rank = (practice: string) =>
    practiceOrder.get(practice) ?? Number.MAX_SAFE_INTEGER;
  return [...groups.entries()]
    .sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b))
    .map(([practice, list]) => ({
      practice,
      anchorId: practiceAnchorId(practice),
      findings: list,
    }));
}

/** The failures and warnings, failures first, then by severity and rule number. */
export function findingsNeedingAttention(
  findings: readonly Finding[],
): Finding[] {
  return sortFindings(findings.filter(f => ATTENTION.has(f.status)));
}
