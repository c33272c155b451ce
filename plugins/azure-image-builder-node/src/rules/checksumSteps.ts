/*
 * The step checking of rules 14 (customizer-checksum) and 15 (validator-checksum): both ask that
 * every step that downloads a file pins it with a sha256Checksum, over a different list of steps.
 */
import { Evidence } from '@aib-scorecards/plugin-azure-image-builder-common';
import { redactString } from '../redaction';
import { SnapshotIndex } from '../engine/SnapshotIndex';
import { Memo } from './memo';
import { ImageTemplateRule } from './types';
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

/** A step that downloads a file. */
interface DownloadStep {
  index: number;
  name: string | undefined;
  type: string;
  uriField: string;
  uri: string;
  checksum: unknown;
}

/** The download kind of a step type, or `undefined`. */
function downloadKind(
  type: unknown,
): { type: string; uriField: string } | undefined {
  for (const kind of DOWNLOADS) {
    if (equalsIgnoreCase(type, kind.type)) return kind;
  }
  return undefined;
}

function downloadSteps(steps: unknown[]): DownloadStep[] {
  const found: DownloadStep[] = [];
  steps.forEach((step, index) => {
    if (!isObject(step)) return;
    const kind = downloadKind(step.type);
    if (!kind) return;
    const uri = step[kind.uriField];
    if (!isNonEmptyString(uri)) return;
    found.push({
      index,
      name: typeof step.name === 'string' ? step.name : undefined,
      type: kind.type,
      uriField: kind.uriField,
      uri,
      checksum: step.sha256Checksum,
    });
  });
  return found;
}

const MAX_CACHED_POSITION = 64;

// Script URIs repeat across templates (one storage account, a few scripts): each is redacted
// once per scan.
const redactedUris = new Memo<SnapshotIndex, string>();

function redacted(index: SnapshotIndex, uri: string): string {
  return redactedUris.get(index, [uri], () => redactString(uri));
}

function label(step: DownloadStep): string {
  return `#${step.index}${step.name ? ` '${step.name}'` : ''} (${step.type})`;
}

/** Where a rule finds its steps. */
interface StepList {
  /** Keys from the template's `properties` to the list, e.g. `['validate', 'inVMValidations']`. */
  keys: readonly string[];
  /** What one step is called in messages: `customizer`, `validator`. */
  noun: string;
}

/**
 * Defines a rule that fails when a Shell or PowerShell step with a `scriptUri`, or a File step with
 * a `sourceUri`, in the given list lacks a non-empty `sha256Checksum`.
 */
export function defineChecksumRule(
  id: string,
  { keys, noun }: StepList,
): ImageTemplateRule {
  const listPath = ['properties', ...keys].join('.');
  // `<list>[<i>].sha256Checksum` by position, made once.
  const checksumPaths: string[] = [];
  const checksumPath = (i: number): string =>
    i < MAX_CACHED_POSITION
      ? (checksumPaths[i] ??= `${listPath}[${i}].sha256Checksum`)
      : `${listPath}[${i}].sha256Checksum`;

  const stepEvidence = (
    index: SnapshotIndex,
    step: DownloadStep,
    expected?: string,
  ): Evidence => {
    const path = checksumPath(step.index);
    const seen = observed(step.checksum);
    // The URI may carry a SAS token: only its redacted form is ever shown.
    const note = `step ${label(step)} downloads ${step.uriField} ${redacted(
      index,
      step.uri,
    )}`;
    return expected
      ? { path, observed: seen, expected, note }
      : { path, observed: seen, note };
  };

  return defineRule(id, ({ template, index }) => {
    // Walk down to the list; an expression on the way hides it (`validate: [parameters('v')]`).
    let list: unknown = template.properties;
    let path = 'properties';
    for (const key of keys) {
      if (!isObject(list)) {
        list = undefined;
        break;
      }
      list = list[key];
      path = `${path}.${key}`;
      if (isArmExpression(list)) {
        return {
          status: 'unknown',
          message: `The ${noun} steps are an unresolved template expression (${list})`,
          evidence: [
            {
              path,
              observed: list,
              note: 'unresolved ARM template expression',
            },
          ],
        };
      }
    }

    const steps = Array.isArray(list) ? downloadSteps(list) : [];
    if (steps.length === 0) {
      return {
        status: 'not-applicable',
        message: `No ${noun} step downloads a file (no Shell or PowerShell scriptUri, no File sourceUri)`,
        evidence: [{ path: listPath, observed: describeSteps(list) }],
      };
    }

    const unpinned = steps.filter(s => !isNonEmptyString(s.checksum));
    if (unpinned.length > 0) {
      return {
        status: 'fail',
        message: `${unpinned.length} of ${
          steps.length
        } ${noun} step(s) download a file without a sha256Checksum: ${unpinned
          .map(label)
          .join(', ')}`,
        evidence: unpinned.map(s =>
          stepEvidence(index, s, 'the SHA-256 checksum of the downloaded file'),
        ),
      };
    }
    return {
      status: 'pass',
      message: `Every ${noun} step that downloads a file pins it with a sha256Checksum (${steps.length} step(s))`,
      evidence: steps.map(s => stepEvidence(index, s)),
    };
  });
}

function describeSteps(list: unknown): string | null {
  if (list === undefined || list === null) return null;
  if (!Array.isArray(list)) return `not a list (${typeof list})`;
  return `${list.length} step(s), none downloading a file`;
}
