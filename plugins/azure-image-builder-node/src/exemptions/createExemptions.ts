import {
  Finding,
  FindingStatus,
  templateKey,
} from '@aib-scorecards/plugin-azure-image-builder-common';
import { invalid } from '../config/configValues';
import { RuleEngine } from '../engine/types';
import { parseExpiry } from './expires';
import { readExemption } from './readExemptions';
import { ExemptionConfig, Exemptions, ExemptionTarget } from './types';

const KEY = 'azureImageBuilder.exemptions';

/** Statuses an exemption can waive: a rule that is met needs no exemption. */
const WAIVABLE: ReadonlySet<FindingStatus> = new Set<FindingStatus>([
  'fail',
  'warn',
  'unknown',
]);

interface CompiledExemption {
  config: ExemptionConfig;
  /** Epoch ms at which it stops applying. */
  until: number;
  matches(target: ExemptionTarget): boolean;
}

function tagMatcher(name: string, value: string | undefined) {
  const lower = name.toLowerCase();
  return ({ template }: ExemptionTarget) => {
    const tags = template.tags;
    if (typeof tags !== 'object' || tags === null || Array.isArray(tags)) {
      return false;
    }
    // Azure tag names are case-insensitive; values are compared as written.
    return Object.entries(tags).some(
      ([k, v]) =>
        k.toLowerCase() === lower &&
        typeof v === 'string' &&
        (value === undefined || v === value),
    );
  };
}

function compile(config: ExemptionConfig): CompiledExemption {
  const { selector } = config;
  let matches: CompiledExemption['matches'];
  if ('templateId' in selector) {
    const key = templateKey(selector.templateId);
    matches = t => templateKey(t.template.id) === key;
  } else if ('entityRef' in selector) {
    const ref = selector.entityRef.toLowerCase();
    matches = t => t.entityRef.toLowerCase() === ref;
  } else if ('owner' in selector) {
    const owner = selector.owner.toLowerCase();
    matches = t => t.owner.toLowerCase() === owner;
  } else {
    matches = tagMatcher(selector.tag.name, selector.tag.value);
  }
  return { config, until: parseExpiry(config.expires)!, matches };
}

/**
 * Checks the exemptions against the rule engine and prepares them for scoring. Each must be
 * valid (see {@link readExemption}) and name a rule the engine runs: an exemption for a rule that
 * is disabled or unknown is a configuration error, so it cannot silently waive nothing. Throws
 * naming the key, e.g. `Invalid config at azureImageBuilder.exemptions[2].rule: ...`.
 * @public
 */
export function createExemptions(
  exemptions: readonly ExemptionConfig[],
  options: { engine: Pick<RuleEngine, 'rules'> },
): Exemptions {
  const enabled = new Set(options.engine.rules.map(r => r.metadata.id));
  const compiled = exemptions.map((raw, i) => {
    const path = `${KEY}[${i}]`;
    const config = readExemption(raw, path);
    if (!enabled.has(config.rule)) {
      throw invalid(
        `${path}.rule`,
        `"${
          config.rule
        }" is not an enabled rule (unknown, or turned off in azureImageBuilder.rules.disabled); enabled rules: ${[
          ...enabled,
        ].join(', ')}`,
      );
    }
    return compile(config);
  });

  const byRule = new Map<string, CompiledExemption[]>();
  for (const c of compiled) {
    const list = byRule.get(c.config.rule) ?? [];
    list.push(c);
    byRule.set(c.config.rule, list);
  }

  return {
    exemptions: compiled.map(c => c.config),
    apply(findings: Finding[], target: ExemptionTarget, now: Date): Finding[] {
      if (byRule.size === 0) return findings;
      const at = now.getTime();
      return findings.map(finding => {
        if (!WAIVABLE.has(finding.status)) return finding;
        const exemption = byRule
          .get(finding.ruleId)
          ?.find(c => at < c.until && c.matches(target));
        if (!exemption) return finding;
        const { reason, grantedBy, expires } = exemption.config;
        return {
          ...finding,
          status: 'waived',
          underlyingStatus: finding.status,
          waiver: { reason, grantedBy, expires },
        };
      });
    },
    expired(now: Date): ExemptionConfig[] {
      const at = now.getTime();
      return compiled.filter(c => at >= c.until).map(c => c.config);
    },
  };
}
