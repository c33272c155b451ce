import {
  Finding,
  RuleMetadata,
  Severity,
} from '@aib-scorecards/plugin-azure-image-builder-common';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Log, ReportingDescriptor, Result } from 'sarif';
import { Report } from '../report/types';
import { oneLine } from './order';

/** The tool's home page, shown by code scanning next to its alerts. */
export const INFORMATION_URI =
  'https://github.com/aib-scorecards/aib-scorecards/tree/main/plugins/azure-image-builder-cli';

const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

/** GitHub's scale: 7.0–8.9 high, 4.0–6.9 medium, 0.1–3.9 low. */
const SECURITY_SEVERITY: Record<Severity, string> = {
  high: '8.0',
  medium: '5.0',
  low: '2.0',
};

const DEFAULT_LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = {
  high: 'error',
  medium: 'warning',
  low: 'note',
};

/** GitHub's `problem.severity` for results without a security severity. */
const PROBLEM_SEVERITY: Record<Severity, string> = {
  high: 'error',
  medium: 'warning',
  low: 'recommendation',
};

/** Rules about who can do what and what a build downloads or leaks: code scanning's "security". */
function isSecurityRule(rule: RuleMetadata): boolean {
  return (
    rule.practice.startsWith('Least privilege') ||
    [
      'customizer-checksum',
      'validator-checksum',
      'no-embedded-secrets',
    ].includes(rule.id)
  );
}

/** `template-lock` → `TemplateLock`: SARIF's `name` is an identifier, the id stays the id. */
function ruleName(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map(p => p[0].toUpperCase() + p.slice(1))
    .join('');
}

function descriptor(rule: RuleMetadata): ReportingDescriptor {
  const tags = ['azure', 'azure-image-builder', rule.origin];
  if (isSecurityRule(rule)) tags.unshift('security');
  return {
    id: rule.id,
    name: ruleName(rule.id),
    shortDescription: { text: rule.title },
    fullDescription: { text: rule.description },
    helpUri: rule.remediationUrl,
    help: {
      text: `${rule.description} (${rule.practice}) See ${rule.remediationUrl}`,
      markdown: `${rule.description}\n\n*${rule.practice}*: [how to fix it](${rule.remediationUrl})`,
    },
    defaultConfiguration: { level: DEFAULT_LEVEL[rule.severity] },
    properties: {
      tags,
      precision: 'high',
      'problem.severity': PROBLEM_SEVERITY[rule.severity],
      'security-severity': SECURITY_SEVERITY[rule.severity],
    },
  };
}

/**
 * The input file as code scanning wants it: relative to the working directory (the repository
 * root in CI) with `/`; a `file:` URL when it is outside.
 */
export function artifactUri(file: string, cwd: string): string {
  const absolute = path.resolve(cwd, file);
  const relative = path.relative(cwd, absolute);
  if (
    relative === '' ||
    relative.startsWith('..') ||
    path.isAbsolute(relative)
  ) {
    return pathToFileURL(absolute).href;
  }
  return relative.split(path.sep).join('/');
}

/** Same template and rule, same fingerprint: code scanning tracks the alert across runs and edits. */
function fingerprint(templateId: string, ruleId: string): string {
  return createHash('sha256')
    .update(`${templateId}\n${ruleId}`)
    .digest('hex')
    .slice(0, 32);
}

/** Results are the findings that are not met: `fail` (level `error`) and `warn` (`warning`). */
function isReported(finding: Finding): finding is Finding & {
  status: 'fail' | 'warn';
} {
  return finding.status === 'fail' || finding.status === 'warn';
}

/**
 * SARIF 2.1.0 for GitHub code scanning (and any other SARIF viewer): one run whose driver lists
 * every rule that ran (help link = the rule's remediation URL), and one result per `fail`
 * (`error`) or `warn` (`warning`) finding, located at the template in its input file, with the
 * template as a logical location. Waived, unknown, passing and not-applicable findings are not
 * results.
 */
export function formatSarif(
  report: Report,
  options: { cwd: string; version: string },
): string {
  const ruleIndex = new Map(report.rules.map((r, i) => [r.id, i]));
  const results: Result[] = [];
  for (const { scorecard, file, line } of report.entries) {
    for (const finding of scorecard.findings) {
      if (!isReported(finding)) continue;
      const index = ruleIndex.get(finding.ruleId);
      results.push({
        ruleId: finding.ruleId,
        ...(index !== undefined ? { ruleIndex: index } : {}),
        level: finding.status === 'fail' ? 'error' : 'warning',
        message: {
          text: `${oneLine(scorecard.templateName)}: ${oneLine(
            finding.message,
          )}`,
        },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri: artifactUri(file, options.cwd) },
              region: { startLine: line },
            },
            logicalLocations: [
              {
                name: scorecard.templateName,
                fullyQualifiedName: scorecard.resourceId,
                kind: 'resource',
              },
            ],
          },
        ],
        partialFingerprints: {
          'aibScorecardFinding/v1': fingerprint(
            scorecard.templateId,
            finding.ruleId,
          ),
        },
        properties: {
          status: finding.status,
          severity: finding.severity,
          templateId: scorecard.templateId,
          evidence: finding.evidence,
        },
      });
    }
  }
  const log: Log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'aib-scorecard',
            informationUri: INFORMATION_URI,
            version: options.version,
            semanticVersion: options.version,
            rules: report.rules.map(descriptor),
          },
        },
        results,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
