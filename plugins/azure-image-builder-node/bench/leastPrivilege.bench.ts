/*
 * Benchmark: the least-privilege rules (RULES.md #7–#10) on generated snapshots with role data,
 * at several sizes, to show that time grows linearly with the number of templates. It prints wall
 * and CPU time (the machine may be shared) for `scoreSnapshot` and for the rules alone: the
 * difference is the scorecards' assembly (entity ref, owner, facts, score). Both build the index,
 * which redacts the snapshot. Each template
 * has an identity, a build VM identity, a staging group and assignments at its own scopes; every
 * subscription also has subscription-wide and management-group assignments.
 *
 *   node --require @backstage/cli/config/nodeTransform.cjs bench/leastPrivilege.bench.ts [sizes] [runs]
 *   (sizes: comma-separated template counts, default 2500,5000,10000,20000)
 */
import {
  ArmResource,
  Snapshot,
  SnapshotSubscription,
} from '@aib-scorecards/plugin-azure-image-builder-common';
import { createRuleEngine, scoreSnapshot, SnapshotIndex } from '../src';
import { DEFAULT_OWNERSHIP } from '../src/config';
import {
  buildVmIdentityPrivilegeRule,
  stagingResourceGroupAccessRule,
  templateAccessRule,
  templateIdentityPrivilegeRule,
} from '../src/rules';

const sizes = (process.argv[2] ?? '2500,5000,10000,20000')
  .split(',')
  .map(Number);
const runs = Number(process.argv[3] ?? 3);

const ROLE_IDS = {
  owner: '8e3af657-a8ff-443c-a75c-2fe8c4bcb635',
  contributor: 'b24988ac-6180-42a0-ab88-20f7382dd24c',
  reader: 'acdd72a7-3385-48ef-bd42-f606fba81ae7',
};

function definition(
  sub: string,
  guid: string,
  roleName: string,
  actions: string[],
  notActions: string[] = [],
): ArmResource {
  return {
    id: `/subscriptions/${sub}/providers/Microsoft.Authorization/roleDefinitions/${guid}`,
    name: guid,
    properties: { roleName, permissions: [{ actions, notActions }] },
  };
}

/** A principal id: a GUID, as Entra ID gives them (`kind` tells principals apart). */
function principal(kind: number, n: number): string {
  return `${kind.toString(16).padStart(8, '0')}-0000-4000-8000-${n
    .toString(16)
    .padStart(12, '0')}`;
}

let assignmentNo = 0;
function assignment(
  scope: string,
  guid: string,
  principalId: string,
  principalType = 'ServicePrincipal',
): ArmResource {
  const name = principal(7, ++assignmentNo);
  return {
    id: `${scope}/providers/Microsoft.Authorization/roleAssignments/${name}`,
    name,
    properties: {
      // Half the references omit the subscription, as ARM does for built-in roles.
      roleDefinitionId: `${
        assignmentNo % 2 ? '' : `/subscriptions/${scope.split('/')[2]}`
      }/providers/Microsoft.Authorization/roleDefinitions/${guid}`,
      principalId,
      principalType,
      scope,
    },
  };
}

/** A snapshot of `n` templates with role data (exported for experiments). */
export function generate(n: number): Snapshot {
  const perSubscription = 500;
  const subscriptions: SnapshotSubscription[] = [];
  for (let s = 0; s * perSubscription < n; s++) {
    const sub = `00000000-0000-4000-8000-${String(s).padStart(12, '0')}`;
    const subId = `/subscriptions/${sub}`;
    const templates: ArmResource[] = [];
    const identities: ArmResource[] = [];
    const assignments: ArmResource[] = [
      ...Array.from({ length: 20 }, (_, k) =>
        assignment(
          subId,
          k % 4 ? ROLE_IDS.reader : ROLE_IDS.contributor,
          principal(1, k),
          'User',
        ),
      ),
      ...Array.from({ length: 5 }, (_, k) =>
        assignment(
          '/providers/Microsoft.Management/managementGroups/corp',
          ROLE_IDS.reader,
          principal(2, k),
          'Group',
        ),
      ),
    ];
    for (
      let i = s * perSubscription;
      i < Math.min(n, (s + 1) * perSubscription);
      i++
    ) {
      const rg = `/subscriptions/${sub}/resourceGroups/rg-images-${i % 20}`;
      const staging = `/subscriptions/${sub}/resourceGroups/rg-staging-${i}`;
      const id = `${rg}/providers/Microsoft.VirtualMachineImages/imageTemplates/it-${i}`;
      const identity = `${rg}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-${i}`;
      const buildIdentity = `${rg}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/build-${i}`;
      identities.push(
        { id: identity, properties: { principalId: principal(3, i) } },
        { id: buildIdentity, properties: { principalId: principal(4, i) } },
      );
      assignments.push(
        assignment(staging, ROLE_IDS.contributor, principal(3, i)),
        assignment(id, ROLE_IDS.contributor, principal(5, i % 7), 'User'),
        assignment(
          rg,
          i % 5 ? ROLE_IDS.reader : ROLE_IDS.owner,
          principal(6, i % 11),
          'Group',
        ),
        assignment(
          `${rg}/providers/Microsoft.Storage/storageAccounts/s${i}`,
          ROLE_IDS.reader,
          principal(4, i),
        ),
      );
      templates.push({
        id,
        name: `it-${i}`,
        type: 'Microsoft.VirtualMachineImages/imageTemplates',
        location: 'westeurope',
        identity: {
          type: 'UserAssigned',
          userAssignedIdentities: {
            [identity]: i % 2 ? { principalId: principal(3, i) } : {},
          },
        },
        properties: {
          stagingResourceGroup: staging,
          source: {
            type: 'PlatformImage',
            publisher: 'Canonical',
            offer: 'ubuntu-24_04-lts',
            sku: 'server',
            version: 'latest',
          },
          distribute: [],
          vmProfile: {
            vmSize: 'Standard_D4s_v5',
            userAssignedIdentities: [buildIdentity],
          },
        },
      });
    }
    subscriptions.push({
      subscriptionId: sub,
      resourceGroups: [],
      imageTemplates: templates,
      triggers: [],
      locks: [],
      roleAssignments: assignments,
      roleDefinitions: [
        definition(sub, ROLE_IDS.owner, 'Owner', ['*']),
        definition(
          sub,
          ROLE_IDS.contributor,
          'Contributor',
          ['*'],
          [
            'Microsoft.Authorization/*/Write',
            'Microsoft.Authorization/*/Delete',
          ],
        ),
        definition(sub, ROLE_IDS.reader, 'Reader', ['*/read']),
      ],
      userAssignedIdentities: identities,
      errors: [],
    });
  }
  return {
    kind: 'aib-scorecards/snapshot',
    version: 1,
    capturedAt: new Date().toISOString(),
    subscriptions,
  };
}

function main() {
  /** Wall time and CPU time (user + system) of a run, in ms: the machine may be shared. */
  function measure(fn: () => void): { wall: number; cpu: number } {
    const c0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    fn();
    const c = process.cpuUsage(c0);
    return {
      wall: Number(process.hrtime.bigint() - t0) / 1e6,
      cpu: (c.user + c.system) / 1000,
    };
  }

  const engine = createRuleEngine({
    rules: [
      templateAccessRule,
      stagingResourceGroupAccessRule,
      templateIdentityPrivilegeRule,
      buildVmIdentityPrivilegeRule,
    ],
  });
  const results = [];
  for (const size of sizes) {
    const snapshot = generate(size);
    const scored: Array<{ wall: number; cpu: number }> = [];
    const rulesOnly: Array<{ wall: number; cpu: number }> = [];
    const statuses: Record<string, number> = {};
    for (let r = 0; r < runs; r++) {
      let cards: ReturnType<typeof scoreSnapshot> = [];
      scored.push(
        measure(() => {
          const index = SnapshotIndex.build(snapshot);
          cards = scoreSnapshot(snapshot, {
            engine,
            sourceId: 'bench',
            ownership: DEFAULT_OWNERSHIP,
            index,
          });
        }),
      );
      if (r === 0) {
        for (const card of cards) {
          for (const f of card.findings) {
            const key = `${f.ruleId}:${f.status}`;
            statuses[key] = (statuses[key] ?? 0) + 1;
          }
        }
      }
      // The rules alone, without the scorecards scoreSnapshot makes of their findings.
      rulesOnly.push(
        measure(() => {
          const index = SnapshotIndex.build(snapshot);
          for (const { template, subscription } of index.templates) {
            engine.evaluate(template, subscription, index);
          }
        }),
      );
    }
    const best = (list: Array<{ wall: number; cpu: number }>) => ({
      wallMs: Math.round(Math.min(...list.map(m => m.wall))),
      cpuMs: Math.round(Math.min(...list.map(m => m.cpu))),
    });
    results.push({
      templates: size,
      assignments: snapshot.subscriptions.reduce(
        (n, s) => n + (s.roleAssignments?.length ?? 0),
        0,
      ),
      scoreSnapshot: best(scored),
      rulesOnly: best(rulesOnly),
      statuses,
    });
  }
  console.log(
    JSON.stringify(
      { runs, rssMB: Math.round(process.memoryUsage().rss / 2 ** 20), results },
      null,
      2,
    ),
  );
}

if (require.main === module) main();
