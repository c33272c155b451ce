import { Evidence } from '@aib-scorecards/plugin-azure-image-builder-common';
import { redactString } from '../redaction';
import {
  defineRule,
  equalsIgnoreCase,
  isArmExpression,
  isNonEmptyString,
  isObject,
  observed,
} from './util';

/** Step types that download a file, and the field that names it (the template reference). */
const DOWNLOADS: ReadonlyArray<{ type: string; uriField: string }> = [
  { type: 'Shell', uriField: 'scriptUri' },
  { type: 'PowerShell', uriField: 'scriptUri' },
  { type: 'File', uriField: 'sourceUri' },
];

/** A customize step that downloads a file. */
interface DownloadStep {
  index: number;
  name: string | undefined;
  type: string;
  uriField: string;
  uri: string;
  checksum: unknown;
}

function downloadSteps(customize: unknown[]): DownloadStep[] {
  const steps: DownloadStep[] = [];
  customize.forEach((step, index) => {
    if (!isObject(step)) return;
    const kind = DOWNLOADS.find(d => equalsIgnoreCase(step.type, d.type));
    if (!kind) return;
    const uri = step[kind.uriField];
    if (!isNonEmptyString(uri)) return;
    steps.push({
      index,
      name: typeof step.name === 'string' ? step.name : undefined,
      type: kind.type,
      uriField: kind.uriField,
      uri,
      checksum: step.sha256Checksum,
    });
  });
  return steps;
}

function label(step: DownloadStep): string {
  return `#${step.index}${step.name ? ` '${step.name}'` : ''} (${step.type})`;
}

function stepEvidence(step: DownloadStep, expected?: string): Evidence {
  return {
    path: `properties.customize[${step.index}].sha256Checksum`,
    observed: observed(step.checksum),
    ...(expected ? { expected } : {}),
    // The URI may carry a SAS token: only its redacted form is ever shown.
    note: `step ${label(step)} downloads ${step.uriField} ${redactString(
      step.uri,
    )}`,
  };
}

/**
 * RULES.md #14 (PSRule `Azure.ImageBuilder.CustomizeHash`): every Shell or PowerShell step with a
 * `scriptUri` and every File step with a `sourceUri` has a non-empty `sha256Checksum`.
 * @public
 */
export const customizerChecksumRule = defineRule(
  'customizer-checksum',
  ({ template }) => {
    const customize = isObject(template.properties)
      ? template.properties.customize
      : undefined;
    if (isArmExpression(customize)) {
      return {
        status: 'unknown',
        message: `The customizer steps are an unresolved template expression (${customize})`,
        evidence: [
          {
            path: 'properties.customize',
            observed: customize,
            note: 'unresolved ARM template expression',
          },
        ],
      };
    }

    const steps = Array.isArray(customize) ? downloadSteps(customize) : [];
    if (steps.length === 0) {
      return {
        status: 'not-applicable',
        message:
          'No customizer step downloads a file (no Shell or PowerShell scriptUri, no File sourceUri)',
        evidence: [
          {
            path: 'properties.customize',
            observed: describeCustomize(customize),
          },
        ],
      };
    }

    const unpinned = steps.filter(s => !isNonEmptyString(s.checksum));
    if (unpinned.length > 0) {
      return {
        status: 'fail',
        message: `${unpinned.length} of ${
          steps.length
        } customizer step(s) download a file without a sha256Checksum: ${unpinned
          .map(label)
          .join(', ')}`,
        evidence: unpinned.map(s =>
          stepEvidence(s, 'the SHA-256 checksum of the downloaded file'),
        ),
      };
    }
    return {
      status: 'pass',
      message: `Every customizer step that downloads a file pins it with a sha256Checksum (${steps.length} step(s))`,
      evidence: steps.map(s => stepEvidence(s)),
    };
  },
);

function describeCustomize(customize: unknown): string | null {
  if (customize === undefined || customize === null) return null;
  if (!Array.isArray(customize)) return `not a list (${typeof customize})`;
  return `${customize.length} step(s), none downloading a file`;
}
