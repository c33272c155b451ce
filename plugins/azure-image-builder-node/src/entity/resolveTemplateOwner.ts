import {
  ArmResource,
  SnapshotSubscription,
} from '@aib-scorecards/plugin-azure-image-builder-common';
import { OwnershipConfig } from '../config/types';
import { parseImageTemplateId } from '../snapshot/imageTemplateId';
import { parseOwnerRef } from './ownerRef';

type Tags = Record<string, unknown> | undefined;

function asTags(value: unknown): Tags {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/** Azure tag names are case-insensitive: `Owner` is the `owner` tag. */
function tagValue(tags: Tags, name: string): string | undefined {
  if (!tags) return undefined;
  if (typeof tags[name] === 'string') return tags[name] as string;
  const lower = name.toLowerCase();
  const key = Object.keys(tags).find(k => k.toLowerCase() === lower);
  return key !== undefined && typeof tags[key] === 'string'
    ? (tags[key] as string)
    : undefined;
}

/** The tags of the template's resource group, from `subscription.resourceGroups` (by name). */
export function resourceGroupOf(
  template: ArmResource,
  subscription: SnapshotSubscription,
): ArmResource | undefined {
  const group = parseImageTemplateId(template.id)?.resourceGroup.toLowerCase();
  if (!group || !Array.isArray(subscription.resourceGroups)) return undefined;
  return subscription.resourceGroups.find(rg => {
    if (typeof rg !== 'object' || rg === null) return false;
    if (typeof rg.name === 'string') return rg.name.toLowerCase() === group;
    // No name: the last segment of `/subscriptions/<s>/resourceGroups/<name>`.
    const name =
      typeof rg.id === 'string'
        ? rg.id.split('/').filter(Boolean).pop()
        : undefined;
    return name?.toLowerCase() === group;
  });
}

/**
 * The owner of a template as a full entity ref: the first configured tag (`ownership.tags`, in
 * order) that names a valid group or user, looked up on the template, then its resource group,
 * then its subscription; else `ownership.defaultOwner`. Tag values resolve like Backstage refs:
 * `team-a` is `group:default/team-a`, `user:jane` is `user:default/jane`; a value that is not a
 * valid ref (an e-mail address, `Team A`) is skipped.
 * @public
 */
export function resolveTemplateOwner(
  template: ArmResource,
  subscription: SnapshotSubscription,
  ownership: OwnershipConfig,
): string {
  // Looked up one level at a time: finding the resource group is only needed without a template tag.
  const levels: Array<() => Tags> = [
    () => asTags(template.tags),
    () => asTags(resourceGroupOf(template, subscription)?.tags),
    () => asTags(subscription.tags),
  ];
  for (const level of levels) {
    const tags = level();
    if (!tags) continue;
    for (const name of ownership.tags) {
      const value = tagValue(tags, name);
      const ref = value === undefined ? undefined : parseOwnerRef(value);
      if (ref) return ref;
    }
  }
  return parseOwnerRef(ownership.defaultOwner) ?? ownership.defaultOwner;
}
