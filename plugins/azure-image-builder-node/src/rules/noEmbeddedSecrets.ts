import {
  ArmResource,
  Evidence,
} from '@aib-scorecards/plugin-azure-image-builder-common';
import { redactString, SecretLocation } from '../redaction';
import { SnapshotIndex } from '../engine/SnapshotIndex';
import { freezeOutcome } from './memo';
import { RuleOutcome } from './types';
import {
  defineRule,
  getPath,
  isArmExpression,
  isObject,
  ScanCache,
} from './util';

/** The step lists whose commands and URIs the rule reads, by the path prefix of their items. */
interface StepList {
  keys: string[];
  noun: string;
  /** `['properties', ...keys]`. */
  path: string[];
  /** `properties.<keys>`, the path prefix of the list's items. */
  prefix: string;
  /** `properties.<keys up to i>`: where an expression may hide the list. */
  keyPaths: string[];
}

function stepList(keys: string[], noun: string): StepList {
  const path = ['properties', ...keys];
  return {
    keys,
    noun,
    path,
    prefix: path.join('.'),
    keyPaths: keys.map((_, i) => path.slice(0, i + 2).join('.')),
  };
}

const STEP_LISTS: readonly StepList[] = [
  stepList(['customize'], 'customizer'),
  stepList(['validate', 'inVMValidations'], 'validator'),
  stepList(['distribute'], 'distributor'),
];

/** At most this many places are named in the one-line message; the evidence has them all. */
const MAX_IN_MESSAGE = 3;

const EXPECTED =
  'no literal secret: a SAS-free URI (the build identity reads the blob), a parameter or a Key Vault reference';

/** Where a secret is: the step (when it is in one) and the field, never the value. */
interface Place {
  path: string;
  description: string;
  /** `customizer step #2 'install' (Shell)`, when the secret is in a step. */
  step?: string;
  /** The field within the step (`inline[0]`), or the whole path. */
  field: string;
}

function stepLabel(
  scan: SnapshotIndex,
  noun: string,
  index: number,
  step: unknown,
): string {
  const name = isObject(step) ? step.name : undefined;
  const type = isObject(step) ? step.type : undefined;
  // A name or type is the template's own text: shown redacted like any other.
  return `${noun} step #${index}${
    typeof name === 'string' && name ? ` '${redacted(scan, name)}'` : ''
  }${typeof type === 'string' && type ? ` (${redacted(scan, type)})` : ''}`;
}

function place(
  scan: SnapshotIndex,
  template: ArmResource,
  found: SecretLocation,
): Place {
  for (const { noun, prefix, path } of STEP_LISTS) {
    if (!found.path.startsWith(prefix)) continue;
    const match = found.path
      .slice(prefix.length)
      .match(/^\[(\d+)\](?:\.(.*))?$/);
    if (!match) continue;
    const index = Number(match[1]);
    const list = getPath(template, path);
    const step = Array.isArray(list) ? list[index] : undefined;
    return {
      path: found.path,
      description: found.description,
      step: stepLabel(scan, noun, index, step),
      field: match[2] ?? found.path,
    };
  }
  return {
    path: found.path,
    description: found.description,
    field: found.path,
  };
}

function where(p: Place): string {
  return p.step ? `${p.step} ${p.field}` : p.field;
}

/**
 * The first path whose value is an unresolved expression standing for steps or their commands:
 * what it stands for was not in the scanned template, so it could not be checked.
 */
function hiddenByExpression(
  template: ArmResource,
): { path: string; expression: string } | undefined {
  for (const { keys, keyPaths, prefix } of STEP_LISTS) {
    let value: unknown = template.properties;
    for (let k = 0; k < keys.length; k++) {
      value = isObject(value) ? value[keys[k]] : undefined;
      if (isArmExpression(value))
        return { path: keyPaths[k], expression: value };
    }
    if (!Array.isArray(value)) continue;
    for (let i = 0; i < value.length; i++) {
      const step = value[i];
      if (isArmExpression(step)) {
        return { path: `${prefix}[${i}]`, expression: step };
      }
      if (isObject(step) && isArmExpression(step.inline)) {
        return { path: `${prefix}[${i}].inline`, expression: step.inline };
      }
    }
  }
  return undefined;
}

/** The outcome of every template without a secret: shared. */
const PASS = freezeOutcome({
  status: 'pass',
  message:
    'No SAS signature and no literal password, token or key found in the template',
  evidence: [
    {
      path: 'properties',
      note: 'every string of the template was checked (URIs, inline commands, tags, …)',
    },
  ],
});

/**
 * RULES.md #16: no URI of the template carries a SAS signature (`sig=`) and no inline command
 * assigns a literal password, token or key. It flags exactly what the redaction module hides
 * (the index found them as it redacted the snapshot), and names the step and field of each secret, never its value.
 * @public
 */
export const noEmbeddedSecretsRule = defineRule(
  'no-embedded-secrets',
  ({ template, index }) => {
    const secrets = index.secretsIn(template);
    if (secrets.length === 0) return withoutSecret(template);
    const seen = new Set<string>();
    const places: Place[] = [];
    for (const found of secrets) {
      // Object keys are not redacted elsewhere, and a path is made of keys.
      const safe = { ...found, path: redacted(index, found.path) };
      const key = `${safe.path}\n${safe.description}`;
      if (seen.has(key)) continue;
      seen.add(key);
      places.push(place(index, template, safe));
    }

    if (places.length > 0) {
      const named = places
        .slice(0, MAX_IN_MESSAGE)
        .map(p => `${p.description} in ${where(p)}`)
        .join('; ');
      const more =
        places.length > MAX_IN_MESSAGE
          ? `; and ${places.length - MAX_IN_MESSAGE} more`
          : '';
      // Every part is either the rule's own words or redacted above (names, types, paths).
      return {
        status: 'fail',
        message: `${places.length} secret(s) embedded in the template: ${named}${more}`,
        evidence: places.map(
          (p): Evidence => ({
            path: p.path,
            expected: EXPECTED,
            note: p.step ? `${p.description} in ${p.step}` : p.description,
          }),
        ),
      };
    }

    return withoutSecret(template);
  },
);

/** The outcome for a template in which no secret was found. */
function withoutSecret(template: ArmResource): RuleOutcome {
  const hidden = hiddenByExpression(template);
  if (hidden) {
    return {
      status: 'unknown',
      message: `No secret found, but ${hidden.path} is an unresolved template expression whose content could not be checked`,
      evidence: [
        {
          path: hidden.path,
          observed: hidden.expression,
          note: 'unresolved ARM template expression',
        },
      ],
    };
  }

  return PASS;
}

// Secrets sit at the same few paths, in steps of the same few names, in many templates: each
// text is redacted once per scan.
const redactedTexts = new ScanCache<string, string>();

function redacted(index: SnapshotIndex, text: string): string {
  const cache = redactedTexts.of(index);
  let safe = cache.get(text);
  if (safe === undefined) {
    safe = redactString(text);
    cache.set(text, safe);
  }
  return safe;
}
