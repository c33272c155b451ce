import {
  Finding,
  FindingStatus,
} from '@aib-scorecards/plugin-azure-image-builder-common';
import { makeTemplate, templateId } from '../engine/__testUtils__/snapshots';
import { createRuleEngine } from '../engine/createRuleEngine';
import { templateEntityRef } from '../entity';
import { createExemptions } from './createExemptions';
import { ExemptionConfig, ExemptionTarget } from './types';

const engine = createRuleEngine();
const NOW = new Date('2026-06-01T12:00:00Z');

const template = makeTemplate(
  'ubuntu-base',
  {},
  {
    tags: { Environment: 'sandbox', legacy: '' },
  },
);
const target: ExemptionTarget = {
  template,
  entityRef: templateEntityRef(template.id),
  owner: 'group:default/team-images',
};

function finding(ruleId: string, status: FindingStatus): Finding {
  return {
    ruleId,
    status,
    severity: 'medium',
    message: `${ruleId} is ${status}`,
    evidence: [{ path: 'properties.x', observed: 1 }],
    remediationUrl: `https://example.com/${ruleId}`,
  };
}

function exemption(
  selector: ExemptionConfig['selector'],
  extra: Partial<ExemptionConfig> = {},
): ExemptionConfig {
  return {
    rule: 'template-lock',
    selector,
    reason: 'The landing zone applies locks from Q3',
    grantedBy: 'user:default/jane',
    expires: '2026-12-31',
    ...extra,
  };
}

/** The status of template-lock's fail finding once the exemption is applied. */
function statusWith(
  config: ExemptionConfig,
  t: ExemptionTarget = target,
  now = NOW,
): FindingStatus {
  const exemptions = createExemptions([config], { engine });
  return exemptions.apply([finding('template-lock', 'fail')], t, now)[0].status;
}

describe('createExemptions', () => {
  it('waives a finding, keeping the rule status and saying why, who and until when', () => {
    const exemptions = createExemptions(
      [exemption({ templateId: template.id })],
      { engine },
    );
    const input = [
      finding('template-lock', 'fail'),
      finding('own-subnets', 'fail'),
    ];
    const [lock, subnets] = exemptions.apply(input, target, NOW);
    expect(lock).toEqual({
      ...input[0],
      status: 'waived',
      underlyingStatus: 'fail',
      waiver: {
        reason: 'The landing zone applies locks from Q3',
        grantedBy: 'user:default/jane',
        expires: '2026-12-31',
      },
    });
    // Another rule is not waived; the input is left alone.
    expect(subnets).toBe(input[1]);
    expect(input[0].status).toBe('fail');
  });

  describe.each<
    [string, ExemptionConfig['selector'], ExemptionConfig['selector']]
  >([
    [
      'template id (any casing)',
      { templateId: template.id.toUpperCase() },
      { templateId: templateId('windows-base') },
    ],
    [
      'entity ref (any casing)',
      { entityRef: target.entityRef.toUpperCase() },
      { entityRef: templateEntityRef(templateId('windows-base')) },
    ],
    [
      'owner',
      { owner: 'group:default/Team-Images' },
      { owner: 'group:default/team-windows' },
    ],
    [
      'tag with a value (tag name in any casing)',
      { tag: { name: 'environment', value: 'sandbox' } },
      { tag: { name: 'environment', value: 'Sandbox' } },
    ],
    [
      'tag without a value (present, even empty)',
      { tag: { name: 'LEGACY' } },
      { tag: { name: 'owner' } },
    ],
    [
      'tag with an empty value',
      { tag: { name: 'legacy', value: '' } },
      { tag: { name: 'environment', value: '' } },
    ],
  ])('by %s', (_, matching, other) => {
    it('waives the findings of the templates it selects', () => {
      expect(statusWith(exemption(matching))).toBe('waived');
    });
    it('leaves other templates alone', () => {
      expect(statusWith(exemption(other))).toBe('fail');
    });
  });

  it('does not match a template without tags, or with tags that are not strings', () => {
    const untagged = { ...target, template: { ...template, tags: undefined } };
    expect(statusWith(exemption({ tag: { name: 'legacy' } }), untagged)).toBe(
      'fail',
    );
    const odd = {
      ...target,
      template: { ...template, tags: { legacy: 1 } as any },
    };
    expect(statusWith(exemption({ tag: { name: 'legacy' } }), odd)).toBe(
      'fail',
    );
  });

  it('stops applying when it expires: a date covers its whole day (UTC)', () => {
    const config = exemption(
      { templateId: template.id },
      { expires: '2026-06-01' },
    );
    expect(statusWith(config, target, new Date('2026-06-01T23:59:59Z'))).toBe(
      'waived',
    );
    expect(statusWith(config, target, new Date('2026-06-02T00:00:00Z'))).toBe(
      'fail',
    );
  });

  it('stops applying at the instant of a date-time expiry', () => {
    const config = exemption(
      { templateId: template.id },
      { expires: '2026-06-01T14:00:00+02:00' },
    );
    expect(statusWith(config, target, new Date('2026-06-01T11:59:59Z'))).toBe(
      'waived',
    );
    expect(statusWith(config, target, new Date('2026-06-01T12:00:00Z'))).toBe(
      'fail',
    );
  });

  it('lists the exemptions that have expired', () => {
    const old = exemption(
      { owner: 'group:default/a' },
      { expires: '2026-01-01' },
    );
    const current = exemption({ owner: 'group:default/b' });
    const exemptions = createExemptions([old, current], { engine });
    expect(exemptions.expired(NOW)).toEqual([old]);
    expect(exemptions.expired(new Date('2025-01-01T00:00:00Z'))).toEqual([]);
    expect(exemptions.exemptions).toEqual([old, current]);
  });

  it.each<[FindingStatus, FindingStatus]>([
    ['fail', 'waived'],
    ['warn', 'waived'],
    ['unknown', 'waived'],
    ['pass', 'pass'],
    ['not-applicable', 'not-applicable'],
  ])('turns a %s finding into %s', (status, expected) => {
    const exemptions = createExemptions(
      [exemption({ templateId: template.id })],
      { engine },
    );
    const [result] = exemptions.apply(
      [finding('template-lock', status)],
      target,
      NOW,
    );
    expect(result.status).toBe(expected);
    expect(result.underlyingStatus).toBe(
      expected === 'waived' ? status : undefined,
    );
  });

  it('uses the first exemption in config order that is in force', () => {
    const exemptions = createExemptions(
      [
        exemption(
          { owner: 'team-images' },
          {
            reason: 'expired',
            expires: '2026-01-01',
          },
        ),
        exemption({ templateId: template.id }, { reason: 'first' }),
        exemption({ tag: { name: 'legacy' } }, { reason: 'second' }),
      ],
      { engine },
    );
    const [result] = exemptions.apply(
      [finding('template-lock', 'fail')],
      target,
      NOW,
    );
    expect(result.waiver?.reason).toBe('first');
  });

  it('rejects an exemption for a rule that is not enabled, naming the key', () => {
    const withoutLock = createRuleEngine({
      config: { disabled: ['template-lock'] },
    });
    const configs = [
      exemption({ owner: 'a' }, { rule: 'own-subnets' }),
      exemption({ owner: 'a' }, { rule: 'own-subnets' }),
      exemption({ owner: 'a' }),
    ];
    expect(() => createExemptions(configs, { engine: withoutLock })).toThrow(
      'Invalid config at azureImageBuilder.exemptions[2].rule: "template-lock" is not an enabled rule (unknown, or turned off in azureImageBuilder.rules.disabled); enabled rules: ',
    );
    expect(() =>
      createExemptions([exemption({ owner: 'a' }, { rule: 'no-such-rule' })], {
        engine,
      }),
    ).toThrow(
      'Invalid config at azureImageBuilder.exemptions[0].rule: "no-such-rule" is not an enabled rule',
    );
  });

  it('checks exemptions built in code like those read from config', () => {
    expect(() =>
      createExemptions(
        [exemption({ templateId: template.id }, { expires: 'soon' })],
        { engine },
      ),
    ).toThrow('Invalid config at azureImageBuilder.exemptions[0].expires');
    // Refs are resolved the same way.
    expect(statusWith(exemption({ owner: 'team-images' }))).toBe('waived');
  });

  it('returns the findings unchanged when there are no exemptions', () => {
    const input = [finding('template-lock', 'fail')];
    expect(createExemptions([], { engine }).apply(input, target, NOW)).toBe(
      input,
    );
  });
});
