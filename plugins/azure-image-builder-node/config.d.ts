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
           * (Required) `azure`: read live from Azure Resource Manager with the Azure SDK (see the
           * README of `@aib-scorecards/plugin-azure-image-builder-node`, "Live Azure").
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
             * `https://management.azure.com`. Tokens are asked for the cloud's ARM audience: that of a
             * national cloud's host, else `https://management.azure.com`.
             */
            resourceManager?: string;
            /**
             * (Optional) The Microsoft Entra authority host (https). Default: the cloud's, from
             * `resourceManager` (`https://login.microsoftonline.com`, `https://login.chinacloudapi.cn`,
             * `https://login.microsoftonline.us`). Setting it turns off MSAL's instance discovery.
             */
            authorityHost?: string;
          };
          /**
           * (Optional) How many ARM list calls run at once, across subscriptions and the
           * per-template trigger calls: an integer from 1 to 64. Default: 8.
           */
          concurrency?: number;
          /**
           * (Optional) Also list each subscription's resource groups, whose tags are the owner
           * fallback between a template's tags and its subscription's: one more ARM call per
           * subscription. Default: false (resource group tags are then not used).
           */
          collectResourceGroups?: boolean;
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
     * optional `severity` and the rule's own options, e.g. `gallery-replica-count: { minReplicas: 3 }`.
     * Rule ids are those of the pack and of rules added by backend modules (through
     * `azureImageBuilderRulesExtensionPoint`); any other id, an unknown option of a rule, or a
     * value of the wrong type or out of range stops the backend at start-up with an error naming
     * the key, e.g. `Invalid config at azureImageBuilder.rules.gallery-replica-count.minReplicas:
     * must be an integer >= 1, got "three"`.
     */
    rules?: {
      /**
       * (Optional) Ids of rules that are not evaluated: they get no finding and do not count in
       * the score. Default: none.
       */
      disabled?: string[];
      /**
       * (Optional) Rule 7: principals holding write access to an image template.
       */
      'template-access'?: {
        /** (Optional) Overrides the rule's severity (default `high`): `high`, `medium` or `low`. */
        severity?: 'high' | 'medium' | 'low';
        /**
         * (Optional) More principals than this holding template-write (write, delete or run on
         * the template) make the rule `warn`. A positive integer. Default: 5.
         */
        maxPrincipals?: number;
        /**
         * (Optional) Principal (object) ids, as GUIDs, that may hold template-write. When set, a
         * principal outside the list makes the rule `fail`; when not set, the rule never fails.
         * Default: not set.
         */
        allowedPrincipals?: string[];
      };
      /**
       * (Optional) Rule 8: principals that can write to the staging resource group.
       */
      'staging-resource-group-access'?: {
        /** (Optional) Overrides the rule's severity (default `high`): `high`, `medium` or `low`. */
        severity?: 'high' | 'medium' | 'low';
        /**
         * (Optional) Principal (object) ids, as GUIDs, that may write to the staging resource
         * group besides the template identity (for example a clean-up automation). Default: none.
         */
        allowedPrincipals?: string[];
      };
      /**
       * (Optional) Rule 11: replicas of each gallery image version per target region.
       */
      'gallery-replica-count'?: {
        /** (Optional) Overrides the rule's severity (default `medium`): `high`, `medium` or `low`. */
        severity?: 'high' | 'medium' | 'low';
        /**
         * (Optional) The least `replicaCount` every target region must have; an integer >= 1.
         * Default: 3.
         */
        minReplicas?: number;
      };
      /**
       * (Optional) Rule 2: a template is replicated by one of its family in another region.
       */
      'dr-replicated-template'?: {
        /** (Optional) Overrides the rule's severity (default `medium`): `high`, `medium` or `low`. */
        severity?: 'high' | 'medium' | 'low';
        /**
         * (Optional) The Azure tag whose value names a template's family (a non-empty tag name).
         * Templates without it are grouped by the gallery images they distribute to, else by
         * name. Default: `image-family`.
         */
        familyTag?: string;
      };
      /**
       * (Optional) Settings of any other rule, by its id: `severity` (`high`, `medium` or
       * `low`), and the options the rule declares. The pack's other rules take no option but
       * `severity`.
       */
      [ruleId: string]:
        | {
            /** (Optional) Overrides the rule's default severity: `high`, `medium` or `low`. */
            severity?: 'high' | 'medium' | 'low';
            /** (Optional) The rule's own options. */
            [option: string]: unknown;
          }
        | string[]
        | undefined;
    };

    /**
     * (Optional) Exemptions: a rule waived for some templates, with a reason, who granted it and
     * an expiry. A finding an exemption covers turns `waived` (the rule's own status is kept as
     * `underlyingStatus`) and is left out of the score; only findings that are not met (`fail`,
     * `warn`, `unknown`) are waived. An exemption stops applying on its own once it expires. An
     * exemption for a rule that is not enabled, a bad selector or date stops the backend at
     * start-up with an error naming the key (`azureImageBuilder.exemptions[2].expires`).
     * Default: none.
     */
    exemptions?: Array<{
      /** (Required) The id of an enabled rule, e.g. `template-lock`. */
      rule: string;
      /**
       * (Required) The templates it covers: exactly one of `templateId` (the ARM id of one
       * template), `entityRef` (the catalog entity of one template, `resource:default/<name>`),
       * `owner` (every template of a group or user: `team-a` is `group:default/team-a`) or `tag`
       * (every template with an Azure tag `name`, compared case-insensitively, and, when given,
       * that exact `value`).
       */
      selector:
        | { templateId: string }
        | { entityRef: string }
        | { owner: string }
        | { tag: { name: string; value?: string } };
      /** (Required) Why the rule does not apply or is accepted as broken; shown with the finding. */
      reason: string;
      /** (Required) Who granted the exemption, e.g. `user:default/jane`; shown with the finding. */
      grantedBy: string;
      /**
       * (Required) When it stops applying: an ISO 8601 date (`2026-12-31`: through that whole
       * day, UTC) or date-time with a zone (`2026-12-31T18:00:00Z`).
       */
      expires: string;
    }>;
  };
}
