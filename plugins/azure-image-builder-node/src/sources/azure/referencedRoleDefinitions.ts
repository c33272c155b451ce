import { SnapshotSubscription } from '@aib-scorecards/plugin-azure-image-builder-common';

function guidOf(id: unknown): string | undefined {
  return typeof id === 'string'
    ? id.split('/').filter(Boolean).pop()?.toLowerCase()
    : undefined;
}

/**
 * Keeps the role definitions that role assignments reference (SNAPSHOT.md): listed at a
 * subscription, ARM returns every built-in role (hundreds per subscription), which the rules
 * never look at. References are matched by GUID across the whole read, as the rules resolve
 * them. A subscription whose assignments could not be read keeps all its definitions.
 */
export function keepReferencedRoleDefinitions(
  subscriptions: SnapshotSubscription[],
): SnapshotSubscription[] {
  const referenced = new Set<string | undefined>();
  for (const subscription of subscriptions) {
    for (const assignment of subscription.roleAssignments ?? []) {
      referenced.add(guidOf(assignment?.properties?.roleDefinitionId));
    }
  }
  return subscriptions.map(subscription =>
    subscription.roleDefinitions && subscription.roleAssignments
      ? {
          ...subscription,
          roleDefinitions: subscription.roleDefinitions.filter(d =>
            referenced.has(guidOf(d?.id)),
          ),
        }
      : subscription,
  );
}
