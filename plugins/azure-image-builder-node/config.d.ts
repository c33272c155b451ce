import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  /**
   * (Optional) Azure VM Image Builder scorecards: where image templates are read from, how their
   * owners are found, how often they are read, and the settings of the rules. Read by the catalog
   * module and the backend plugin alike. Without this block nothing is ingested or scored.
   */
  azureImageBuilder?: {
    /**
     * (Optional) Where image templates come from. Each source becomes one catalog entity provider
     * and one scan. Default: no sources.
     */
    sources?: Array<
      | {
          /**
           * (Required) Stable id of the source: lower-case letters, digits and `-`, starting with a
           * letter or digit, at most 63 characters, unique. It names the entity provider
           * (`azure-image-builder-provider:<id>`): changing it orphans the entities it emitted.
           */
          id: string;
          /**
           * (Required) `file`: a snapshot file (see SNAPSHOT.md), read again on every run.
           */
          type: 'file';
          /**
           * (Required) Path of the snapshot file: absolute, or relative to the backend's working
           * directory (`packages/backend` under `yarn start`).
           */
          path: string;
        }
      | {
          /**
           * (Required) Stable id of the source: lower-case letters, digits and `-`, starting with a
           * letter or digit, at most 63 characters, unique. It names the entity provider
           * (`azure-image-builder-provider:<id>`): changing it orphans the entities it emitted.
           */
          id: string;
          /**
           * (Required) `azure`: read live from Azure Resource Manager. Not available in this
           * version: configuring it stops the backend with an error saying so.
           */
          type: 'azure';
          /**
           * (Optional) Subscription ids (GUIDs) to read. Default: every subscription the
           * credential can see.
           */
          subscriptions?: string[];
          /**
           * (Optional) How to authenticate to Azure. Default: `{ type: default }`
           * (`DefaultAzureCredential`: environment, workload identity, managed identity, Azure CLI).
           */
          credential?: {
            /**
             * (Required) `default`, `clientSecret` (a service principal: `tenantId`, `clientId`,
             * `clientSecret`), `managedIdentity` (optional `clientId` or `resourceId` of a
             * user-assigned identity) or `workloadIdentity` (optional `tenantId`, `clientId`,
             * `tokenFilePath`).
             */
            type:
              | 'default'
              | 'clientSecret'
              | 'managedIdentity'
              | 'workloadIdentity';
            /** (Optional) The Microsoft Entra tenant id. Required for `clientSecret`. */
            tenantId?: string;
            /**
             * (Optional) The application (client) id, or the client id of a user-assigned
             * managed identity. Required for `clientSecret`.
             */
            clientId?: string;
            /**
             * (Optional) The client secret of the service principal. Required for
             * `clientSecret`.
             * @visibility secret
             */
            clientSecret?: string;
            /** (Optional) For `default`: the client id of a user-assigned managed identity. */
            managedIdentityClientId?: string;
            /** (Optional) For `managedIdentity`: the resource id of a user-assigned identity. */
            resourceId?: string;
            /** (Optional) For `workloadIdentity`: the path of the federated token file. */
            tokenFilePath?: string;
          };
          /**
           * (Optional) Other Azure endpoints: sovereign clouds, or the ARM emulator of this
           * repository. Default: the public cloud.
           */
          endpoints?: {
            /**
             * (Optional) The Azure Resource Manager base URL (https). Default:
             * `https://management.azure.com`.
             */
            resourceManager?: string;
            /**
             * (Optional) The Microsoft Entra authority host (https). Default:
             * `https://login.microsoftonline.com`.
             */
            authorityHost?: string;
          };
        }
    >;

    /**
     * (Optional) How the owner (`spec.owner`) of a template's entity is found.
     */
    ownership?: {
      /**
       * (Optional) Tag names tried in order on the template, then on its resource group, then on
       * its subscription; the first whose value is a valid group or user ref wins (`team-a` means
       * `group:default/team-a`). Tag names compare case-insensitively, as in Azure. Default:
       * `[owner, backstage.io/owner]`.
       */
      tags?: string[];
      /**
       * (Optional) The owner when no tag names one: a group or user entity ref. Default:
       * `group:default/platform`.
       */
      defaultOwner?: string;
    };

    /**
     * (Optional) How often the sources are read, for the catalog and for the scorecards. Keys that
     * are left out keep their default. Default: every 30 minutes, timeout 10 minutes, initial
     * delay 3 seconds.
     */
    schedule?: SchedulerServiceTaskScheduleDefinitionConfig;

    /**
     * (Optional) Settings of the rules (RULES.md): `disabled`, and per rule id an object with an
     * optional `severity` and the rule's own thresholds, e.g.
     * `gallery-replica-count: { minReplicas: 3 }`. Unknown rule ids are configuration errors.
     */
    rules?: {
      /** (Optional) Ids of rules that are not evaluated. Default: none. */
      disabled?: string[];
      /**
       * (Optional) Settings of one rule, by its id.
       */
      [ruleId: string]:
        | {
            /** (Optional) Overrides the rule's default severity: `high`, `medium` or `low`. */
            severity?: 'high' | 'medium' | 'low';
            /** (Optional) The rule's own thresholds (see RULES.md). */
            [option: string]: unknown;
          }
        | string[]
        | undefined;
    };
  };
}
