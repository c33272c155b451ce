/* Small hand-written ARM data for tests: a subscription, templates, locks, triggers. */
import {
  ArmResource,
  Snapshot,
  SnapshotSubscription,
} from '@aib-scorecards/plugin-azure-image-builder-common';
import { SnapshotIndex } from '../SnapshotIndex';
import { ImageTemplateRule, RuleOutcome } from '../../rules/types';

export const SUB = '00000000-0000-0000-0000-000000000001';
export const RG = 'rg-images';
export const RG_ID = `/subscriptions/${SUB}/resourceGroups/${RG}`;
export const SUB_ID = `/subscriptions/${SUB}`;

export function templateId(name: string, rg = RG, sub = SUB): string {
  return `/subscriptions/${sub}/resourceGroups/${rg}/providers/Microsoft.VirtualMachineImages/imageTemplates/${name}`;
}

/** An image template as ARM returns it, with `properties` merged over a minimal valid body. */
export function makeTemplate(
  name = 'tpl',
  properties: Record<string, unknown> = {},
  extra: Partial<ArmResource> = {},
): ArmResource {
  return {
    id: templateId(name),
    name,
    type: 'Microsoft.VirtualMachineImages/imageTemplates',
    location: 'westeurope',
    tags: {},
    properties: {
      source: {
        type: 'PlatformImage',
        publisher: 'Canonical',
        offer: 'ubuntu-24_04-lts',
        sku: 'server',
        version: 'latest',
      },
      distribute: [
        {
          type: 'ManagedImage',
          runOutputName: 'out',
          imageId: `${RG_ID}/providers/Microsoft.Compute/images/img`,
          location: 'westeurope',
        },
      ],
      ...properties,
    },
    ...extra,
  };
}

export function makeLock(
  scope: string,
  level: string,
  name = `lock-${level.toLowerCase()}`,
): ArmResource {
  return {
    id: `${scope}/providers/Microsoft.Authorization/locks/${name}`,
    name,
    type: 'Microsoft.Authorization/locks',
    properties: { level },
  };
}

export function makeTrigger(template: string, name = 'source'): ArmResource {
  return {
    id: `${template}/triggers/${name}`,
    name,
    type: 'Microsoft.VirtualMachineImages/imageTemplates/triggers',
    properties: {
      kind: 'SourceImage',
      provisioningState: 'Succeeded',
      status: { code: 'Healthy' },
    },
  };
}

export function makeSubscription(
  overrides: Partial<SnapshotSubscription> = {},
): SnapshotSubscription {
  return {
    subscriptionId: SUB,
    resourceGroups: [],
    imageTemplates: [],
    triggers: [],
    locks: [],
    roleAssignments: [],
    roleDefinitions: [],
    userAssignedIdentities: [],
    errors: [],
    ...overrides,
  };
}

export function makeSnapshot(subscriptions: SnapshotSubscription[]): Snapshot {
  return {
    kind: 'aib-scorecards/snapshot',
    version: 1,
    capturedAt: '2026-11-20T10:00:00Z',
    subscriptions,
  };
}

/**
 * Evaluates one rule on one template placed in a subscription (the template is added to the
 * subscription's `imageTemplates`), with a real index.
 */
export function evaluateRule(
  rule: ImageTemplateRule,
  template: ArmResource,
  subscription: Partial<SnapshotSubscription> = {},
  options: { [key: string]: unknown } = {},
): RuleOutcome {
  const sub = makeSubscription({
    ...subscription,
    imageTemplates: [template, ...(subscription.imageTemplates ?? [])],
  });
  const index = SnapshotIndex.build(makeSnapshot([sub]));
  return rule.evaluate({ template, subscription: sub, index, options });
}

/**
 * Evaluates `rule` for each template of `subscription` twice over one shared index, and expects
 * each answer to equal the one a fresh index gives: what a rule keeps per scan must never leak
 * from one template to another. Returns the rule run on the shared index, for further checks.
 */
export function expectSharedScanAgreesWithAlone(
  rule: ImageTemplateRule,
  subscription: SnapshotSubscription,
  templates: readonly ArmResource[],
  options: { [key: string]: unknown } = {},
): (template: ArmResource) => RuleOutcome {
  const snapshot = makeSnapshot([subscription]);
  const shared = SnapshotIndex.build(snapshot);
  const run = (index: SnapshotIndex, template: ArmResource) =>
    rule.evaluate({ template, subscription, index, options: { ...options } });
  for (let pass = 0; pass < 2; pass++) {
    for (const template of templates) {
      expect(run(shared, template)).toEqual(
        run(SnapshotIndex.build(snapshot), template),
      );
    }
  }
  return template => run(shared, template);
}
