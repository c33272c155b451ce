import {
  getRuleMetadata,
  RULE_METADATA,
  SEVERITIES,
  Severity,
} from '@aib-scorecards/plugin-azure-image-builder-common';
import { JsonObject, JsonValue } from '@backstage/types';
import {
  ImageTemplateRule,
  RuleOptionSpec,
  RuleOptionSpecs,
  RulesConfig,
} from '../rules/types';
import {
  expected,
  invalid,
  isObject,
  readStringList,
  shown,
  typeOf,
} from './configValues';

/** The config key of the rule settings. */
const RULES_KEY = 'azureImageBuilder.rules';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Backstage config values from environment variables are strings: accept "3" for 3. */
const INTEGER_TEXT = /^\s*-?\d+\s*$/;

/**
 * The options of the built-in rules (RULES.md, rules 2, 7, 8 and 11). Built-in rules without an
 * entry take no option but `severity`.
 * @public
 */
export const BUILTIN_RULE_OPTIONS: Readonly<Record<string, RuleOptionSpecs>> = {
  'dr-replicated-template': {
    familyTag: {
      type: 'string',
      default: 'image-family',
      description:
        'The tag whose value names the family of a template (templates of a family replicate each other)',
    },
  },
  'template-access': {
    maxPrincipals: {
      type: 'integer',
      minimum: 1,
      default: 5,
      description:
        'More principals than this holding template-write make the rule warn',
    },
    allowedPrincipals: {
      type: 'principal-ids',
      description:
        'When set, a principal outside this list holding template-write fails the rule',
    },
  },
  'staging-resource-group-access': {
    allowedPrincipals: {
      type: 'principal-ids',
      description:
        'Principals that may write to the staging resource group besides the template identity',
    },
  },
  'gallery-replica-count': {
    minReplicas: {
      type: 'integer',
      minimum: 1,
      default: 3,
      description: 'The least replicaCount every target region must have',
    },
  },
};

/**
 * The option specs a rule is checked against: its own `optionSpecs`, else those of the built-in
 * rule with its id (none: `{}`); `undefined` for a custom rule that declares none.
 */
export function optionSpecsOf(
  ruleId: string,
  rule?: ImageTemplateRule,
): RuleOptionSpecs | undefined {
  if (rule?.optionSpecs) return rule.optionSpecs;
  if (BUILTIN_RULE_OPTIONS[ruleId]) return BUILTIN_RULE_OPTIONS[ruleId];
  return getRuleMetadata(ruleId) ? {} : undefined;
}

function readOption(spec: RuleOptionSpec, value: JsonValue, path: string) {
  switch (spec.type) {
    case 'integer': {
      const n =
        typeof value === 'string' && INTEGER_TEXT.test(value)
          ? Number(value)
          : value;
      const range = spec.minimum === undefined ? '' : ` >= ${spec.minimum}`;
      if (
        typeof n !== 'number' ||
        !Number.isSafeInteger(n) ||
        (spec.minimum !== undefined && n < spec.minimum)
      ) {
        throw invalid(path, `must be an integer${range}, got ${shown(value)}`);
      }
      return n;
    }
    case 'string':
      if (typeof value !== 'string' || value.trim() === '') {
        throw invalid(path, `must be a non-empty string, got ${shown(value)}`);
      }
      return value;
    case 'boolean':
      if (typeof value !== 'boolean') {
        throw invalid(path, `must be true or false, got ${shown(value)}`);
      }
      return value;
    case 'string-list':
      return readStringList(value, path);
    case 'principal-ids': {
      if (!Array.isArray(value)) {
        throw invalid(path, expected('a list of principal ids (GUIDs)', value));
      }
      return value.map((item, i) => {
        if (typeof item !== 'string' || !GUID.test(item.trim())) {
          throw invalid(
            `${path}[${i}]`,
            `${shown(item)} is not a principal id (a GUID)`,
          );
        }
        return item.trim();
      });
    }
    default:
      throw new Error(
        `Unknown option type ${JSON.stringify(
          (spec as { type: unknown }).type,
        )} in the option specs of rule option ${path}`,
      );
  }
}

/**
 * Reads the settings of one rule (`azureImageBuilder.rules.<id>`): an optional `severity` and the
 * rule's options, checked against `specs` (unknown keys, types, ranges). With `specs` undefined (a
 * custom rule that declares none) the options are passed through unchecked. Defaults are not
 * filled in here (see {@link ruleOptionDefaults}). Throws naming the key.
 * @public
 */
export function readRuleSettings(
  ruleId: string,
  raw: unknown,
  specs: RuleOptionSpecs | undefined,
): RulesConfig['options'][string] {
  const path = `${RULES_KEY}.${ruleId}`;
  if (!isObject(raw)) {
    throw invalid(path, expected('an object of rule options', raw));
  }
  const settings: RulesConfig['options'][string] = {};
  for (const [key, value] of Object.entries(raw as JsonObject)) {
    if (value === undefined) continue;
    const kpath = `${path}.${key}`;
    if (key === 'severity') {
      if (!SEVERITIES.includes(value as Severity)) {
        throw invalid(
          kpath,
          `${
            typeof value === 'string' ? `"${value}"` : typeOf(value)
          } is not a severity; expected "high", "medium" or "low"`,
        );
      }
      settings.severity = value as Severity;
      continue;
    }
    if (!specs) {
      settings[key] = value;
      continue;
    }
    const spec = specs[key];
    if (!spec) {
      const names = ['severity', ...Object.keys(specs)];
      throw invalid(
        kpath,
        `unknown option of rule "${ruleId}"; its options are ${names
          .map(n => `"${n}"`)
          .join(', ')}`,
      );
    }
    settings[key] = readOption(spec, value, kpath);
  }
  return settings;
}

/** The defaults of a rule's options (those that have one). @public */
export function ruleOptionDefaults(
  specs: RuleOptionSpecs | undefined,
): Record<string, unknown> {
  const defaults: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(specs ?? {})) {
    if ('default' in spec && spec.default !== undefined) {
      defaults[name] = Array.isArray(spec.default)
        ? [...spec.default]
        : spec.default;
    }
  }
  return defaults;
}

/** A rule's settings once checked against every rule the engine has. */
export interface ResolvedRuleSettings {
  severity?: Severity;
  /** The options with defaults filled in (the rule's `context.options`). */
  options: Record<string, unknown>;
}

/**
 * Checks rule settings where every rule is known (when the engine is created): ids in `disabled`
 * and keys of `options` must name a rule of the engine or of the pack (RULE_METADATA), and each
 * rule's settings must fit its option specs. Returns the settings of each rule of `rules`, with
 * defaults filled in. Throws naming the key.
 */
export function resolveRulesConfig(
  config: Partial<RulesConfig>,
  rules: readonly ImageTemplateRule[],
): Map<string, ResolvedRuleSettings> {
  const byId = new Map(rules.map(r => [r.metadata.id, r]));
  const known = new Set([...byId.keys(), ...RULE_METADATA.map(r => r.id)]);
  const knownList = () => [...known].join(', ');

  (config.disabled ?? []).forEach((id, i) => {
    if (!known.has(id)) {
      throw invalid(
        `${RULES_KEY}.disabled[${i}]`,
        `unknown rule "${id}"; known rules: ${knownList()}`,
      );
    }
  });

  const given = config.options ?? {};
  for (const id of Object.keys(given)) {
    if (!known.has(id)) {
      throw invalid(
        `${RULES_KEY}.${id}`,
        `unknown rule "${id}"; known rules: ${knownList()}`,
      );
    }
  }

  const resolved = new Map<string, ResolvedRuleSettings>();
  for (const id of known) {
    const specs = optionSpecsOf(id, byId.get(id));
    // Checked even for a pack rule the engine does not run, so a bad value never waits silently.
    const settings =
      given[id] === undefined ? {} : readRuleSettings(id, given[id], specs);
    const { severity, ...options } = settings;
    resolved.set(id, {
      ...(severity !== undefined ? { severity } : {}),
      options: { ...ruleOptionDefaults(specs), ...options },
    });
  }
  return resolved;
}
