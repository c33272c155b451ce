import { SnapshotIndex, createRuleEngine } from '../src';
import { templateAccessRule, stagingResourceGroupAccessRule, templateIdentityPrivilegeRule, buildVmIdentityPrivilegeRule } from '../src/rules';
import { generate } from './leastPrivilege.bench';
const snapshot = generate(10000);
const engine = createRuleEngine({ rules: [templateAccessRule, stagingResourceGroupAccessRule, templateIdentityPrivilegeRule, buildVmIdentityPrivilegeRule] });
for (let r = 0; r < 4; r++) {
  const c0 = process.cpuUsage();
  const index = SnapshotIndex.build(snapshot);
  const c1 = process.cpuUsage(c0);
  index.rbac;
  const c2 = process.cpuUsage(c0);
  for (const { template, subscription } of index.templates) engine.evaluate(template, subscription, index);
  const c3 = process.cpuUsage(c0);
  const ms = (c: NodeJS.CpuUsage) => Math.round((c.user + c.system) / 1000);
  console.log({ snapshotIndex: ms(c1), rbacIndex: ms(c2) - ms(c1), rules: ms(c3) - ms(c2) });
}
