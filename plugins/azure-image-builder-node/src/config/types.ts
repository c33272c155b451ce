import { SchedulerServiceTaskScheduleDefinition } from '@backstage/backend-plugin-api';
import { ExemptionConfig } from '../exemptions/types';
import { RulesConfig } from '../rules/types';

/** A snapshot file source. @public */
export interface FileSourceConfig {
  id: string;
  type: 'file';
  /** Absolute, or relative to the backend's working directory. */
  path: string;
}

/** A live Azure source, read by `AzureSource`. @public */
export interface AzureSourceConfig {
  id: string;
  type: 'azure';
  subscriptions?: string[];
  credential: { type: string; [key: string]: unknown };
  endpoints?: { resourceManager?: string; authorityHost?: string };
  /** How many ARM list calls run at once, across subscriptions (default 8). */
  concurrency?: number;
  /** Also list resource groups (for the owner tag fallback): one more call per subscription. */
  collectResourceGroups?: boolean;
}

/** @public */
export type SourceConfig = FileSourceConfig | AzureSourceConfig;

/** How an owner is found for a template (DESIGN.md, "The entity"). @public */
export interface OwnershipConfig {
  /** Tag names tried in order on the template, then its resource group, then its subscription. */
  tags: string[];
  /** Entity ref used when no tag names a valid owner. */
  defaultOwner: string;
}

/** The whole `azureImageBuilder` block, read and validated. @public */
export interface AzureImageBuilderConfig {
  sources: SourceConfig[];
  ownership: OwnershipConfig;
  schedule: SchedulerServiceTaskScheduleDefinition;
  rules: RulesConfig;
  /** `azureImageBuilder.exemptions`, in config order. */
  exemptions: ExemptionConfig[];
}

/** @public */
export const DEFAULT_OWNERSHIP: OwnershipConfig = {
  tags: ['owner', 'backstage.io/owner'],
  defaultOwner: 'group:default/platform',
};

/** @public */
export const DEFAULT_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { minutes: 30 },
  timeout: { minutes: 10 },
  initialDelay: { seconds: 3 },
};
