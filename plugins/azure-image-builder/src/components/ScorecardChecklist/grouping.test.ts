import { Finding } from '@aib-scorecards/plugin-azure-image-builder-common';
import {
  findingAnchorId,
  findingsNeedingAttention,
  groupFindings,
  OTHER_PRACTICE,
  practiceAnchorId,
} from './grouping';

function f(
  ruleId: string,
  status: Finding['status'],
  severity: Finding['severity'] = 'medium',
): Finding {
  return {
    ruleId,
    status,
    severity,
    message: ruleId,
    evidence: [],
    remediationUrl: 'https://learn.microsoft.com/x',
  };
}

describe('groupFindings', () => {
  it('orders sections by their first rule number, not by the findings they hold', () => {
    const groups = groupFindings([
      f('last-run-succeeded', 'fail'), // 17, troubleshoot
      f('no-embedded-secrets', 'pass'), // 16, customize (first rule 14)
      f('dr-multi-region-distribution', 'pass'), // 3, disaster recovery (first rule 2)
      f('template-lock', 'pass'), // 1
    ]);
    expect(groups.map(g => g.practice)).toEqual([
      'Use resource locks for image templates',
      'Set up image templates for disaster recovery',
      'Image template reference: customize',
      'Troubleshoot Azure VM Image Builder',
    ]);
  });

  it('puts failures first inside a section, then severity, then rule number', () => {
    const [gallery] = groupFindings([
      f('gallery-lock', 'pass', 'medium'), // 13
      f('gallery-replica-count', 'warn', 'medium'), // 11
      f('gallery-zone-redundant-storage', 'fail', 'low'), // 12
    ]);
    expect(gallery.findings.map(x => x.ruleId)).toEqual([
      'gallery-zone-redundant-storage',
      'gallery-replica-count',
      'gallery-lock',
    ]);
  });

  it('collects rules outside the pack in a last "Other rules" section', () => {
    const groups = groupFindings([
      f('zzz-custom', 'fail'),
      f('aaa-custom', 'pass'),
      f('image-validation', 'pass'), // 18: the pack's last rule
    ]);
    expect(groups.map(g => g.practice)).toEqual([
      'Image template reference: validate',
      OTHER_PRACTICE,
    ]);
    expect(groups[1].findings.map(x => x.ruleId)).toEqual([
      'zzz-custom',
      'aaa-custom',
    ]);
  });

  it('gives every section an anchor id made from its name', () => {
    const [group] = groupFindings([f('template-access', 'fail')]);
    expect(group.anchorId).toBe('aib-practice-least-privilege-image-template');
    expect(practiceAnchorId('!!!')).toBe('aib-practice-other');
  });

  it('returns no section for no findings', () => {
    expect(groupFindings([])).toEqual([]);
  });
});

describe('findingsNeedingAttention', () => {
  it('keeps failures and warnings, failures first', () => {
    const list = findingsNeedingAttention([
      f('own-subnets', 'warn', 'medium'),
      f('template-lock', 'unknown'),
      f('vm-boot-optimization', 'fail', 'low'),
      f('template-access', 'waived', 'high'),
      f('customizer-checksum', 'fail', 'high'),
      f('gallery-lock', 'pass'),
    ]);
    expect(list.map(x => x.ruleId)).toEqual([
      'customizer-checksum',
      'vm-boot-optimization',
      'own-subnets',
    ]);
  });
});

describe('findingAnchorId', () => {
  it('is a valid fragment for any rule id', () => {
    expect(findingAnchorId('own-subnets')).toBe('aib-rule-own-subnets');
    expect(findingAnchorId('My Rule/1')).toBe('aib-rule-my-rule-1');
  });
});
