import {
  ArmResource,
  Finding,
  FindingStatus,
  SEVERITIES,
  Severity,
  SnapshotSubscription,
} from '@aib-scorecards/plugin-azure-image-builder-common';
import {
  resolveRulesConfig,
  ResolvedRuleSettings,
} from '../config/rulesConfig';
import { redactSecrets, redactString } from '../redaction';
import { builtinRules } from '../rules';
import { ImageTemplateRule, RuleOutcome, RulesConfig } from '../rules/types';
import { SnapshotIndex } from './SnapshotIndex';
import { RuleEngine } from './types';

/** Options of {@link createRuleEngine}. @public */
export interface RuleEngineOptions {
  /** The rules to run; defaults to {@link builtinRules}. */
  rules?: readonly ImageTemplateRule[];
  /** `azureImageBuilder.rules`: disabled rules and per-rule options. */
  config?: Partial<RulesConfig>;
}

/** A rule with what config made of it, computed once. */
interface PreparedRule {
  rule: ImageTemplateRule;
  severity: Severity;
  options: { [key: string]: unknown };
  /**
   * Whether the rule is one of {@link builtinRules}: those read only what the index hands out,
   * which is redacted, so their findings need no second look. A rule added through the extension
   * point may read more than the snapshot: its findings are redacted on the way out.
   */
  builtin: boolean;
  /**
   * The finding made of each shared outcome: a built-in rule hands the same frozen outcome to
   * every template whose inputs are equal, and those templates then share one frozen finding
   * (fewer objects kept per scorecard: less for the garbage collector to copy).
   */
  shared: WeakMap<RuleOutcome, Finding>;
}

const BUILTIN: ReadonlySet<ImageTemplateRule> = new Set(builtinRules);

const OUTCOME_STATUSES: ReadonlySet<string> = new Set<FindingStatus>([
  'pass',
  'fail',
  'warn',
  'not-applicable',
  'unknown',
]);

/**
 * Creates a rule engine. Disabled rules are left out; `config.options[ruleId].severity` overrides a
 * rule's severity and the rest of `config.options[ruleId]`, with the defaults of the rule's option
 * specs filled in, is passed to the rule. This is where every rule is known, so config is checked
 * here: it throws, naming the config key, when a rule id in config is neither a rule of the engine
 * nor of the pack, or a setting does not fit the rule's options; and when two rules share an id or
 * a rule's metadata has no valid severity or number.
 * @public
 */
export function createRuleEngine(options: RuleEngineOptions = {}): RuleEngine {
  const { rules = builtinRules, config = {} } = options;
  const disabled = new Set(config.disabled ?? []);

  const seen = new Set<string>();
  for (const rule of rules) {
    const id = rule?.metadata?.id;
    if (typeof id !== 'string' || id.length === 0) {
      throw new Error('Every rule must have metadata with a non-empty id');
    }
    if (seen.has(id)) throw new Error(`Duplicate rule id '${id}'`);
    seen.add(id);
    if (!SEVERITIES.includes(rule.metadata.severity)) {
      throw new Error(
        `Rule '${id}' has no valid severity in its metadata: expected one of ${SEVERITIES.join(
          ', ',
        )}`,
      );
    }
    if (!Number.isFinite(rule.metadata.number)) {
      throw new Error(
        `Rule '${id}' has no number in its metadata (it orders the findings)`,
      );
    }
  }
  const settings = resolveRulesConfig(config, rules);

  const prepared: PreparedRule[] = rules
    .filter(rule => !disabled.has(rule.metadata.id))
    .map(rule => prepare(rule, settings.get(rule.metadata.id)))
    .sort(
      (a, b) =>
        a.rule.metadata.number - b.rule.metadata.number ||
        a.rule.metadata.id.localeCompare(b.rule.metadata.id),
    );

  return {
    rules: prepared.map(p => p.rule),
    metadata: prepared.map(p => ({ ...p.rule.metadata, severity: p.severity })),
    evaluate(
      template: ArmResource,
      subscription: SnapshotSubscription,
      index: SnapshotIndex,
    ): Finding[] {
      const findings = new Array<Finding>(prepared.length);
      for (let i = 0; i < prepared.length; i++) {
        const p = prepared[i];
        const outcome = runRule(p.rule, {
          template,
          subscription,
          index,
          options: p.options,
        });
        if (p.builtin && Object.isFrozen(outcome)) {
          let finding = p.shared.get(outcome);
          if (!finding) {
            finding = Object.freeze(toFinding(p, outcome));
            p.shared.set(outcome, finding);
          }
          findings[i] = finding;
        } else {
          findings[i] = toFinding(p, outcome);
        }
      }
      return findings;
    },
  };
}

function toFinding(p: PreparedRule, outcome: RuleOutcome): Finding {
  return {
    ruleId: p.rule.metadata.id,
    status: outcome.status,
    severity: p.severity,
    message: p.builtin ? outcome.message : redactString(outcome.message),
    evidence: p.builtin ? outcome.evidence : redactSecrets(outcome.evidence),
    remediationUrl: p.rule.metadata.remediationUrl,
  };
}

function prepare(
  rule: ImageTemplateRule,
  settings: ResolvedRuleSettings | undefined,
): PreparedRule {
  return {
    rule,
    severity: settings?.severity ?? rule.metadata.severity,
    options: Object.freeze({ ...settings?.options }),
    builtin: BUILTIN.has(rule),
    shared: new WeakMap(),
  };
}

/** Runs one rule; a rule that throws or answers nonsense yields `unknown`, never a crash. */
function runRule(
  rule: ImageTemplateRule,
  context: Parameters<ImageTemplateRule['evaluate']>[0],
): RuleOutcome {
  let outcome: RuleOutcome;
  try {
    outcome = rule.evaluate(context);
  } catch (error) {
    // An error's text may quote what the rule read: redacted like any finding.
    const message = redactString(
      error instanceof Error ? error.message : String(error),
    );
    return {
      status: 'unknown',
      message: `The rule could not be evaluated: ${message}`,
      evidence: [{ code: 'RuleError', note: message }],
    };
  }
  if (!outcome || !OUTCOME_STATUSES.has(outcome.status)) {
    return {
      status: 'unknown',
      message: 'The rule returned an invalid result',
      evidence: [
        {
          code: 'RuleError',
          note: `status ${JSON.stringify(
            outcome?.status ?? null,
          )} is not a rule status`,
        },
      ],
    };
  }
  // A well-formed outcome is used as it is: a shared (frozen) one stays recognisable.
  if (typeof outcome.message === 'string' && Array.isArray(outcome.evidence)) {
    return outcome;
  }
  return {
    status: outcome.status,
    message: typeof outcome.message === 'string' ? outcome.message : '',
    evidence: Array.isArray(outcome.evidence) ? outcome.evidence : [],
  };
}
