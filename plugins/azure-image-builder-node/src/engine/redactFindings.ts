import { Finding } from '@aib-scorecards/plugin-azure-image-builder-common';
import {
  CachedRedactor,
  createCachedRedactor,
} from '../redaction/cachedRedactor';

/**
 * Redacts findings the way `redactSecrets` would, for one scan. A scan repeats the same messages,
 * paths, notes and role grants across thousands of templates, so each distinct string is redacted
 * once, and evidence values a rule shares between templates (deeply frozen) are copied once.
 * `redactor` holds those caches (the scan's, shared with whatever else it redacts).
 */
export function createFindingRedactor(
  redactor: CachedRedactor = createCachedRedactor(),
): (finding: Finding) => Finding {
  return finding => ({
    ...finding,
    message: redactor.text(finding.message),
    evidence: finding.evidence.map(item => redactor.value(item)),
  });
}
