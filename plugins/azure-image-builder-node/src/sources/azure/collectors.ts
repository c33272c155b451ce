import { ArmResource } from '@aib-scorecards/plugin-azure-image-builder-common';
import type { SubscriptionClient } from '@azure/arm-resources-subscriptions';
import { drainPages, runArmCall } from './armCall';
import { SubscriptionClients } from './createArmClients';

/** A paged SDK list, started with the call's options. */
type PagedList = { byPage(): AsyncIterableIterator<unknown> };
type CallOptions = { abortSignal?: AbortSignal };

/** The collections listed once per subscription (SNAPSHOT.md), and the SDK call of each. */
export type SubscriptionCollection =
  | 'imageTemplates'
  | 'locks'
  | 'roleAssignments'
  | 'roleDefinitions'
  | 'userAssignedIdentities'
  | 'resourceGroups';

interface Collector {
  list(
    clients: SubscriptionClients,
    subscriptionId: string,
    options: CallOptions,
  ): PagedList;
  /** See `ArmCall.shieldDeserializer`. */
  shieldDeserializer?: boolean;
}

/** One paged list per collection and subscription: the call budget of DESIGN.md. */
export const SUBSCRIPTION_COLLECTORS: Record<
  SubscriptionCollection,
  Collector
> = {
  imageTemplates: {
    list: (c, _, o) => c.imageBuilder.virtualMachineImageTemplates.list(o),
    // 5.x throws on a template without `identity`: one such item must not abort the list.
    shieldDeserializer: true,
  },
  // Every lock at and below the subscription (resource groups, resources). `listByScope`
  // is avoided: arm-locks 2.1.0 percent-encodes the scope.
  locks: {
    list: (c, _, o) => c.locks.managementLocks.listAtSubscriptionLevel(o),
  },
  // At, below and above the subscription (inherited from management groups).
  roleAssignments: {
    list: (c, _, o) => c.authorization.roleAssignments.listForSubscription(o),
  },
  // Built-in and custom roles assignable at the subscription. Scopes take no leading slash
  // in arm-authorization (it would give `//subscriptions/…`).
  roleDefinitions: {
    list: (c, subscriptionId, o) =>
      c.authorization.roleDefinitions.list(
        `subscriptions/${subscriptionId}`,
        o,
      ),
  },
  userAssignedIdentities: {
    list: (c, _, o) =>
      c.identities.userAssignedIdentities.listBySubscription(o),
  },
  resourceGroups: {
    list: (c, _, o) => c.resources.resourceGroups.list(o),
  },
};

/** The `value` items of the pages of one list, as ARM sent them. */
export function itemsOf(pages: unknown[]): ArmResource[] {
  const items: ArmResource[] = [];
  for (const page of pages) {
    const value = (page as { value?: unknown } | null)?.value;
    if (Array.isArray(value)) items.push(...(value as ArmResource[]));
  }
  return items;
}

/** Lists one collection of a subscription, every page followed; rejects with the SDK's error. */
export async function listCollection(
  collection: SubscriptionCollection,
  clients: SubscriptionClients,
  subscriptionId: string,
  signal?: AbortSignal,
): Promise<ArmResource[]> {
  const collector = SUBSCRIPTION_COLLECTORS[collection];
  const pages = await runArmCall(
    { signal, shieldDeserializer: collector.shieldDeserializer },
    () =>
      drainPages(
        collector.list(clients, subscriptionId, { abortSignal: signal }),
      ),
  );
  return itemsOf(pages);
}

const TEMPLATE_ID =
  /^\/subscriptions\/[^/]+\/resourceGroups\/([^/]+)\/providers\/Microsoft\.VirtualMachineImages\/imageTemplates\/([^/]+)$/i;

/** The resource group and name of an image template, from its ARM id. */
export function parseTemplateId(
  id: unknown,
): { resourceGroup: string; name: string } | undefined {
  const match = typeof id === 'string' ? TEMPLATE_ID.exec(id) : null;
  return match ? { resourceGroup: match[1], name: match[2] } : undefined;
}

/** The triggers of one template: the only per-template call (ARM has no list across templates). */
export async function listTriggers(
  clients: SubscriptionClients,
  template: { resourceGroup: string; name: string },
  signal?: AbortSignal,
): Promise<ArmResource[]> {
  const pages = await runArmCall({ signal, shieldDeserializer: true }, () =>
    drainPages(
      clients.imageBuilder.triggers.listByImageTemplate(
        template.resourceGroup,
        template.name,
        { abortSignal: signal },
      ),
    ),
  );
  return itemsOf(pages);
}

/** Every subscription the credential can see (`GET /subscriptions`), as ARM sent them. */
export async function listSubscriptions(
  client: SubscriptionClient,
  signal?: AbortSignal,
): Promise<ArmResource[]> {
  const pages = await runArmCall({ signal }, () =>
    drainPages(client.subscriptions.list({ abortSignal: signal })),
  );
  return itemsOf(pages);
}
