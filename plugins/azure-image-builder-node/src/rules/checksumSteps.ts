/*
 * The step checking of rules 14 (customizer-checksum) and 15 (validator-checksum): both ask that
 * every step that downloads a file pins it with a sha256Checksum, over a different list of steps.
 */
import { Evidence } from '@aib-scorecards/plugin-azure-image-builder-common';
import { redactString } from '../redaction';
import { SnapshotIndex } from '../engine/SnapshotIndex';
import { freezeOutcome } from './memo';
import { ImageTemplateRule, RuleOutcome } from './types';
import {
  defineRule,
  equalsIgnoreCase,
  isArmExpression,
  isNonEmptyString,
  isObject,
  observed,
  ScanCache,
} from './util';

/** A step type that downloads a file, and the field that names it (the template reference). */
interface DownloadKind {
  type: string;
  uriField: string;
}

/** Step types that download a file. */
const DOWNLOADS: readonly DownloadKind[] = [
  { type: 'Shell', uriField: 'scriptUri' },
  { type: 'PowerShell', uriField: 'scriptUri' },
  { type: 'File', uriField: 'sourceUri' },
];

/**
 * A step that downloads a file. Steps that say the same (position, name, kind, URI and checksum)
 * share one, made once per scan, so that their evidence and the outcomes made of them are shared.
 */
interface DownloadStep {
  kind: DownloadKind;
  index: number;
  name: string | undefined;
  type: string;
  uriField: string;
  /** The URI, redacted (the index hands out redacted templates; this is its redacted form). */
  uri: string;
  checksum: unknown;
  /** `#<index> '<name>' (<type>)`. */
  label: string;
}

/** Download kinds by step type as written (`null`: none), for the few types templates use. */
const kindsByType = new Map<string, DownloadKind | null>();
const MAX_REMEMBERED_TYPES = 256;

/** The download kind of a step type, or `undefined`. */
function downloadKind(type: unknown): DownloadKind | undefined {
  if (typeof type !== 'string') return undefined;
  let kind = kindsByType.get(type);
  if (kind === undefined) {
    kind = DOWNLOADS.find(d => equalsIgnoreCase(type, d.type)) ?? null;
    if (kindsByType.size < MAX_REMEMBERED_TYPES) kindsByType.set(type, kind);
  }
  return kind ?? undefined;
}

/** The steps of a scan by URI (as written): few per URI, told apart by a look at each. */
const stepsByUri = new ScanCache<string, DownloadStep[]>();

function downloadSteps(index: SnapshotIndex, steps: unknown[]): DownloadStep[] {
  const byUri = stepsByUri.of(index);
  const found: DownloadStep[] = [];
  for (let i = 0; i < steps.length; i++) {
    if (!(i in steps)) continue; // a hole, as forEach skips
    const step = steps[i];
    if (!isObject(step)) continue;
    const kind = downloadKind(step.type);
    if (!kind) continue;
    const uri = step[kind.uriField];
    if (!isNonEmptyString(uri)) continue;
    const name = typeof step.name === 'string' ? step.name : undefined;
    const checksum = step.sha256Checksum;
    let same = byUri.get(uri);
    let known: DownloadStep | undefined;
    for (let k = 0; same && k < same.length && !known; k++) {
      const s = same[k];
      if (
        s.index === i &&
        s.kind === kind &&
        s.name === name &&
        s.checksum === checksum
      ) {
        known = s;
      }
    }
    if (!known) {
      known = Object.freeze({
        kind,
        index: i,
        name,
        type: kind.type,
        uriField: kind.uriField,
        // The URI may carry a SAS token: only its redacted form is ever shown.
        uri: redactString(uri),
        checksum,
        label: `#${i}${name ? ` '${name}'` : ''} (${kind.type})`,
      });
      if (!same) {
        same = [];
        byUri.set(uri, same);
      }
      same.push(known);
    }
    found.push(known);
  }
  return found;
}

function sameSteps(
  a: readonly DownloadStep[],
  b: readonly DownloadStep[],
): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Outcomes of lists of steps, found by their first step: few lists start with the same. */
class OutcomesBySteps {
  private readonly byFirst = new WeakMap<
    DownloadStep,
    Array<{ steps: readonly DownloadStep[]; outcome: RuleOutcome }>
  >();

  get(
    steps: readonly DownloadStep[],
    make: (steps: readonly DownloadStep[]) => RuleOutcome,
  ): RuleOutcome {
    let lists = this.byFirst.get(steps[0]);
    for (let k = 0; lists && k < lists.length; k++) {
      if (sameSteps(lists[k].steps, steps)) return lists[k].outcome;
    }
    const outcome = freezeOutcome(make(steps));
    if (!lists) {
      lists = [];
      this.byFirst.set(steps[0], lists);
    }
    lists.push({ steps, outcome });
    return outcome;
  }
}

const MAX_CACHED_POSITION = 64;

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
  /** `properties.<keys up to i>`, where an expression may hide the list. */
  const keyPaths = keys.map((_, i) =>
    ['properties', ...keys.slice(0, i + 1)].join('.'),
  );
  // `<list>[<i>].sha256Checksum` by position, made once.
  const checksumPaths: string[] = [];
  const checksumPath = (i: number): string =>
    i < MAX_CACHED_POSITION
      ? (checksumPaths[i] ??= `${listPath}[${i}].sha256Checksum`)
      : `${listPath}[${i}].sha256Checksum`;

  // The evidence of a step, and the outcome of a list of steps, shared (frozen) by the templates
  // whose steps say the same.
  const passEvidence = new WeakMap<DownloadStep, Evidence>();
  const failEvidence = new WeakMap<DownloadStep, Evidence>();
  const outcomes = new OutcomesBySteps();
  const notApplicable = new Map<string | null, RuleOutcome>();

  const stepEvidence = (step: DownloadStep, expected?: string): Evidence => {
    const cache = expected ? failEvidence : passEvidence;
    let evidence = cache.get(step);
    if (!evidence) {
      const path = checksumPath(step.index);
      const seen = observed(step.checksum);
      const note = `step ${step.label} downloads ${step.uriField} ${step.uri}`;
      evidence = Object.freeze(
        expected
          ? { path, observed: seen, expected, note }
          : { path, observed: seen, note },
      );
      cache.set(step, evidence);
    }
    return evidence;
  };

  const judge = (steps: readonly DownloadStep[]): RuleOutcome => {
    const unpinned = steps.filter(s => !isNonEmptyString(s.checksum));
    if (unpinned.length > 0) {
      return {
        status: 'fail',
        message: `${unpinned.length} of ${
          steps.length
        } ${noun} step(s) download a file without a sha256Checksum: ${unpinned
          .map(s => s.label)
          .join(', ')}`,
        evidence: unpinned.map(s =>
          stepEvidence(s, 'the SHA-256 checksum of the downloaded file'),
        ),
      };
    }
    return {
      status: 'pass',
      message: `Every ${noun} step that downloads a file pins it with a sha256Checksum (${steps.length} step(s))`,
      evidence: steps.map(s => stepEvidence(s)),
    };
  };

  return defineRule(id, ({ template, index }) => {
    // Walk down to the list; an expression on the way hides it (`validate: [parameters('v')]`).
    let list: unknown = template.properties;
    for (let k = 0; k < keys.length; k++) {
      if (!isObject(list)) {
        list = undefined;
        break;
      }
      list = list[keys[k]];
      if (isArmExpression(list)) {
        return {
          status: 'unknown',
          message: `The ${noun} steps are an unresolved template expression (${list})`,
          evidence: [
            {
              path: keyPaths[k],
              observed: list,
              note: 'unresolved ARM template expression',
            },
          ],
        };
      }
    }

    const steps = Array.isArray(list) ? downloadSteps(index, list) : [];
    if (steps.length === 0) {
      const described = describeSteps(list);
      let outcome = notApplicable.get(described);
      if (!outcome) {
        outcome = freezeOutcome({
          status: 'not-applicable',
          message: `No ${noun} step downloads a file (no Shell or PowerShell scriptUri, no File sourceUri)`,
          evidence: [{ path: listPath, observed: described }],
        });
        notApplicable.set(described, outcome);
      }
      return outcome;
    }
    return outcomes.get(steps, judge);
  });
}

function describeSteps(list: unknown): string | null {
  if (list === undefined || list === null) return null;
  if (!Array.isArray(list)) return `not a list (${typeof list})`;
  return `${list.length} step(s), none downloading a file`;
}
