import {
  getRuleMetadata,
  RuleMetadata,
} from '@aib-scorecards/plugin-azure-image-builder-common';
import {
  makeSnapshot,
  makeSubscription,
  makeTemplate,
} from './__testUtils__/snapshots';
import { builtinRules } from '../rules';
import { ImageTemplateRule, RuleContext } from '../rules/types';
import { createRuleEngine } from './createRuleEngine';
import { SnapshotIndex } from './SnapshotIndex';

function fakeRule(
  id: string,
  number: number,
  evaluate: ImageTemplateRule['evaluate'] = () => ({
    status: 'pass',
    message: `${id} ok`,
    evidence: [{ path: 'properties.x', observed: 1 }],
  }),
): ImageTemplateRule {
  const metadata: RuleMetadata = {
    id,
    number,
    title: id,
    practice: 'tests',
    origin: 'best-practices',
    severity: 'medium',
    remediationUrl: `https://example.com/${id}`,
    description: id,
  };
  return { metadata, evaluate };
}

const template = makeTemplate('t');
const subscription = makeSubscription({ imageTemplates: [template] });
const index = SnapshotIndex.build(makeSnapshot([subscription]));

describe('createRuleEngine', () => {
  it('runs the built-in rules by default, in rule-number order', () => {
    const engine = createRuleEngine();
    const byNumber = [...builtinRules].sort(
      (a, b) => a.metadata.number - b.metadata.number,
    );
    expect(engine.rules.map(r => r.metadata.id)).toEqual(
      byNumber.map(r => r.metadata.id),
    );
    const findings = engine.evaluate(template, subscription, index);
    expect(findings.map(f => f.ruleId)).toEqual(
      byNumber.map(r => r.metadata.id),
    );
    expect(Object.fromEntries(findings.map(f => [f.ruleId, f.status]))).toEqual(
      expect.objectContaining({
        'template-lock': 'fail',
        'vm-boot-optimization': 'fail',
        'own-subnets': 'fail',
        'customizer-checksum': 'not-applicable',
      }),
    );
  });

  it('turns an outcome into a finding with the rule metadata', () => {
    const engine = createRuleEngine({ rules: [fakeRule('x', 1)] });
    expect(engine.evaluate(template, subscription, index)).toEqual([
      {
        ruleId: 'x',
        status: 'pass',
        severity: 'medium',
        message: 'x ok',
        evidence: [{ path: 'properties.x', observed: 1 }],
        remediationUrl: 'https://example.com/x',
      },
    ]);
  });

  it('sorts findings by rule number, whatever the order of the rules', () => {
    const engine = createRuleEngine({
      rules: [fakeRule('c', 14), fakeRule('a', 1), fakeRule('b', 6)],
    });
    expect(
      engine.evaluate(template, subscription, index).map(f => f.ruleId),
    ).toEqual(['a', 'b', 'c']);
  });

  it('skips disabled rules, and ignores config for rules it does not have', () => {
    const engine = createRuleEngine({
      config: {
        disabled: ['own-subnets', 'gallery-lock'],
        options: { 'gallery-replica-count': { minReplicas: 3 } },
      },
    });
    const ids = engine
      .evaluate(template, subscription, index)
      .map(f => f.ruleId);
    expect(ids).toEqual(
      createRuleEngine()
        .rules.map(r => r.metadata.id)
        .filter(id => id !== 'own-subnets' && id !== 'gallery-lock'),
    );
    expect(ids).toEqual(
      expect.arrayContaining(['template-lock', 'customizer-checksum']),
    );
    expect(engine.rules.map(r => r.metadata.id)).toEqual(ids);
  });

  it('overrides a severity from config', () => {
    const engine = createRuleEngine({
      config: { options: { 'template-lock': { severity: 'high' } } },
    });
    const findings = engine.evaluate(template, subscription, index);
    const lock = findings.find(f => f.ruleId === 'template-lock')!;
    const boot = findings.find(f => f.ruleId === 'vm-boot-optimization')!;
    expect(lock.severity).toBe('high');
    expect(boot.severity).toBe('low');
    expect(engine.metadata[0]).toEqual({
      ...getRuleMetadata('template-lock'),
      severity: 'high',
    });
    // The rule's own metadata is left alone.
    expect(getRuleMetadata('template-lock')?.severity).toBe('medium');
  });

  it('rejects a severity that is not high, medium or low, naming the key', () => {
    expect(() =>
      createRuleEngine({
        config: {
          options: { 'template-lock': { severity: 'critical' as any } },
        },
      }),
    ).toThrow(
      'Invalid config at azureImageBuilder.rules.template-lock.severity: "critical" is not a severity; expected "high", "medium" or "low"',
    );
  });

  it('passes the rule its options without the severity, and {} when none', () => {
    const seen: RuleContext[] = [];
    const spy = (id: string, n: number) =>
      fakeRule(id, n, context => {
        seen.push(context);
        return { status: 'pass', message: '', evidence: [] };
      });
    createRuleEngine({
      rules: [spy('a', 1), spy('b', 2)],
      config: { options: { a: { severity: 'low', maxPrincipals: 2 } } },
    }).evaluate(template, subscription, index);
    expect(seen.map(c => c.options)).toEqual([{ maxPrincipals: 2 }, {}]);
    expect(seen[0].template).toBe(template);
    expect(seen[0].subscription).toBe(subscription);
    expect(seen[0].index).toBe(index);
  });

  it('turns a rule that throws into unknown, with the error in the evidence', () => {
    const engine = createRuleEngine({
      rules: [
        fakeRule('boom', 1, () => {
          throw new Error('cannot read properties of undefined');
        }),
        fakeRule('after', 2),
      ],
    });
    const [boom, after] = engine.evaluate(template, subscription, index);
    expect(boom).toEqual({
      ruleId: 'boom',
      status: 'unknown',
      severity: 'medium',
      message:
        'The rule could not be evaluated: cannot read properties of undefined',
      evidence: [
        { code: 'RuleError', note: 'cannot read properties of undefined' },
      ],
      remediationUrl: 'https://example.com/boom',
    });
    expect(after.status).toBe('pass');
  });

  it('copes with a rule that throws something that is not an Error', () => {
    const engine = createRuleEngine({
      rules: [
        fakeRule('odd', 1, () => {
          // eslint-disable-next-line no-throw-literal
          throw 'plain string';
        }),
      ],
    });
    expect(engine.evaluate(template, subscription, index)[0]).toMatchObject({
      status: 'unknown',
      evidence: [{ code: 'RuleError', note: 'plain string' }],
    });
  });

  it.each([
    ['no outcome', undefined],
    ['a waived status', { status: 'waived', message: '', evidence: [] }],
    ['a made-up status', { status: 'maybe', message: '', evidence: [] }],
  ])('turns %s into unknown', (_name, outcome) => {
    const engine = createRuleEngine({
      rules: [fakeRule('bad', 1, () => outcome as any)],
    });
    expect(engine.evaluate(template, subscription, index)[0]).toMatchObject({
      status: 'unknown',
      message: 'The rule returned an invalid result',
    });
  });

  it('fills in a missing message or evidence', () => {
    const engine = createRuleEngine({
      rules: [fakeRule('sloppy', 1, () => ({ status: 'pass' } as any))],
    });
    expect(engine.evaluate(template, subscription, index)[0]).toMatchObject({
      status: 'pass',
      message: '',
      evidence: [],
    });
  });

  it('shares one frozen finding between templates a built-in rule gives the same shared outcome', () => {
    const a = makeTemplate('a');
    const b = makeTemplate('b');
    const sub = makeSubscription({ imageTemplates: [a, b] });
    const both = SnapshotIndex.build(makeSnapshot([sub]));
    const engine = createRuleEngine();
    const [fa, fb] = both.templates.map(t =>
      engine.evaluate(t.template, t.subscription, both),
    );
    const shared = fa.filter((f, i) => f === fb[i]);
    // vm-boot-optimization answers these two alike with one frozen outcome.
    expect(shared.map(f => f.ruleId)).toContain('vm-boot-optimization');
    for (const f of shared) expect(Object.isFrozen(f)).toBe(true);
    // What is per template stays per template: the findings lists themselves.
    expect(fa).not.toBe(fb);
  });

  it('never shares the finding of an added rule, whose findings are redacted copies', () => {
    const outcome = Object.freeze({
      status: 'fail' as const,
      message: 'https://a.blob.core.windows.net/c/x?sv=1&sig=SECRETSIG',
      evidence: Object.freeze([]) as unknown as [],
    });
    const engine = createRuleEngine({
      rules: [fakeRule('added', 1, () => outcome)],
    });
    const first = engine.evaluate(template, subscription, index)[0];
    const second = engine.evaluate(template, subscription, index)[0];
    expect(first).not.toBe(second);
    expect(first.message).not.toContain('SECRETSIG');
  });

  it('rejects two rules with the same id', () => {
    expect(() =>
      createRuleEngine({ rules: [fakeRule('same', 1), fakeRule('same', 2)] }),
    ).toThrow("Duplicate rule id 'same'");
    expect(() =>
      createRuleEngine({ rules: [...builtinRules, builtinRules[0]] }),
    ).toThrow("Duplicate rule id 'template-lock'");
  });

  it('rejects a rule without an id', () => {
    expect(() =>
      createRuleEngine({ rules: [{ evaluate: () => undefined } as any] }),
    ).toThrow('Every rule must have metadata with a non-empty id');
  });

  it('evaluates the built-in rules on 10,000 templates', () => {
    const templates = Array.from({ length: 10_000 }, (_, i) =>
      makeTemplate(`t${i}`, {
        optimize: { vmBoot: { state: 'Enabled' } },
        customize: [{ type: 'Shell', scriptUri: 'https://e.com/s.sh' }],
      }),
    );
    const sub = makeSubscription({ imageTemplates: templates });
    const engine = createRuleEngine();
    const idx = SnapshotIndex.build(makeSnapshot([sub]));
    let findings = 0;
    for (const t of templates) {
      findings += engine.evaluate(t, sub, idx).length;
    }
    expect(findings).toBe(10_000 * builtinRules.length);
  });
});
