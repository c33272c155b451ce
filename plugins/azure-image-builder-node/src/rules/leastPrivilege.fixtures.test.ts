/*
 * The least-privilege rules (RULES.md #7–#10) on the shared fixtures (real templates: Azure
 * samples with `[resourceId(...)]` identity keys and placeholders, REST API examples; read at test
 * time, never copied). They carry no role data, so no rule may pass, warn or fail on it; only the
 * template's own data can fail rule 9 (no user-assigned identity).
 */
import fs from 'fs';
import {
  FIXTURES_DIR,
  readFixtureTemplates,
} from '../engine/__testUtils__/fixtures';
import { evaluateRule } from '../engine/__testUtils__/snapshots';
import { buildVmIdentityPrivilegeRule } from './buildVmIdentityPrivilege';
import { stagingResourceGroupAccessRule } from './stagingResourceGroupAccess';
import { templateAccessRule } from './templateAccess';
import { templateIdentityPrivilegeRule } from './templateIdentityPrivilege';
import { readTemplateIdentities } from './templateIdentities';

const describeFixtures = fs.existsSync(FIXTURES_DIR) ? describe : describe.skip;

describeFixtures('least-privilege rules on the shared fixtures', () => {
  const found = fs.existsSync(FIXTURES_DIR) ? readFixtureTemplates() : [];
  const unread = {
    roleAssignments: null,
    roleDefinitions: null,
    userAssignedIdentities: null,
  };
  const run = (rule: Parameters<typeof evaluateRule>[0], i: number) =>
    evaluateRule(rule, found[i].template, unread);

  it('finds templates with user-assigned identities', () => {
    const withIdentity = found.filter(
      f => readTemplateIdentities(f.template).kind === 'some',
    );
    expect(withIdentity.length).toBeGreaterThan(5);
  });

  it('answers unknown for template and staging access: role data was not read', () => {
    found.forEach((f, i) => {
      expect([f.file, run(templateAccessRule, i).status]).toEqual([
        f.file,
        'unknown',
      ]);
      expect([f.file, run(stagingResourceGroupAccessRule, i).status]).toEqual([
        f.file,
        'unknown',
      ]);
    });
  });

  it('fails the template identity only when the template has none, else is unknown', () => {
    found.forEach((f, i) => {
      const kind = readTemplateIdentities(f.template).kind;
      expect([f.file, run(templateIdentityPrivilegeRule, i).status]).toEqual([
        f.file,
        kind === 'none' ? 'fail' : 'unknown',
      ]);
    });
  });

  it('is not applicable to build VMs without identities, else unknown', () => {
    found.forEach((f, i) => {
      const listed =
        f.template.properties?.vmProfile?.userAssignedIdentities?.length > 0;
      expect([f.file, run(buildVmIdentityPrivilegeRule, i).status]).toEqual([
        f.file,
        listed ? 'unknown' : 'not-applicable',
      ]);
    });
  });
});
