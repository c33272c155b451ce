import { Report } from '../report/types';

/**
 * DESIGN.md's JSON: `{ "scorecards": [ { templateId, templateName, score, findings: [ { ruleId,
 * status, severity, message, remediationUrl, evidence } ] } ] }`, and nothing else at those levels
 * (a contract scripts rely on). `templateId` is the lower-cased ARM id, as in the REST API.
 */
export function formatJson(report: Report): string {
  const scorecards = report.entries.map(({ scorecard }) => ({
    templateId: scorecard.templateId,
    templateName: scorecard.templateName,
    score: scorecard.score,
    findings: scorecard.findings.map(f => ({
      ruleId: f.ruleId,
      status: f.status,
      severity: f.severity,
      message: f.message,
      remediationUrl: f.remediationUrl,
      evidence: f.evidence,
    })),
  }));
  return `${JSON.stringify({ scorecards }, null, 2)}\n`;
}
