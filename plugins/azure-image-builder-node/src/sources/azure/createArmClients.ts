import { AuthorizationManagementClient } from '@azure/arm-authorization';
import { ImageBuilderClient } from '@azure/arm-imagebuilder';
import { ManagementLockClient } from '@azure/arm-locks';
import { ManagedServiceIdentityClient } from '@azure/arm-msi';
import { ResourceManagementClient } from '@azure/arm-resources';
import { SubscriptionClient } from '@azure/arm-resources-subscriptions';
import type { TokenCredential } from '@azure/core-auth';
import type {
  HttpClient,
  PipelineRetryOptions,
  TlsSettings,
} from '@azure/core-rest-pipeline';
import { armCallPolicy, timeoutPolicy } from './armCall';
import { AzureCloudEndpoints } from './cloudEndpoints';

/** What every ARM client of one read shares. */
export interface ArmClientSettings {
  endpoints: AzureCloudEndpoints;
  credential: TokenCredential;
  /** One HTTP client for all clients, so they share connections (and TLS sessions). */
  httpClient?: HttpClient;
  /** Extra trusted CAs (the emulator's), one object so the HTTP client keeps one agent. */
  tlsOptions?: TlsSettings;
  retryOptions?: PipelineRetryOptions;
  /** Per attempt. */
  requestTimeoutMs: number;
}

/** The SDK clients that read one subscription. */
export interface SubscriptionClients {
  imageBuilder: ImageBuilderClient;
  locks: ManagementLockClient;
  authorization: AuthorizationManagementClient;
  identities: ManagedServiceIdentityClient;
  resources: ResourceManagementClient;
}

function pipelineOptions(settings: ArmClientSettings) {
  return {
    endpoint: settings.endpoints.resourceManager,
    ...(settings.httpClient ? { httpClient: settings.httpClient } : {}),
    ...(settings.tlsOptions ? { tlsOptions: settings.tlsOptions } : {}),
    ...(settings.retryOptions ? { retryOptions: settings.retryOptions } : {}),
    userAgentOptions: { userAgentPrefix: 'aib-scorecards' },
    additionalPolicies: [
      { policy: armCallPolicy, position: 'perCall' as const },
      {
        policy: timeoutPolicy(settings.requestTimeoutMs),
        position: 'perRetry' as const,
      },
    ],
  };
}

/**
 * The token scope must not follow the endpoint (AZURE-API.md §3): the TypeSpec clients take
 * `credentials.scopes`, the older ones `credentialScopes` (else `<endpoint>/.default`).
 */
function modular(settings: ArmClientSettings) {
  return {
    ...pipelineOptions(settings),
    credentials: { scopes: [settings.endpoints.tokenScope] },
  };
}

function classic(settings: ArmClientSettings) {
  return {
    ...pipelineOptions(settings),
    credentialScopes: settings.endpoints.tokenScope,
  };
}

/** The clients of one subscription. Creating them makes no request. */
export function createSubscriptionClients(
  settings: ArmClientSettings,
  subscriptionId: string,
): SubscriptionClients {
  const { credential } = settings;
  return {
    imageBuilder: new ImageBuilderClient(
      credential,
      subscriptionId,
      modular(settings),
    ),
    locks: new ManagementLockClient(
      credential,
      subscriptionId,
      classic(settings),
    ),
    authorization: new AuthorizationManagementClient(
      credential,
      subscriptionId,
      classic(settings),
    ),
    identities: new ManagedServiceIdentityClient(
      credential,
      subscriptionId,
      classic(settings),
    ),
    resources: new ResourceManagementClient(
      credential,
      subscriptionId,
      modular(settings),
    ),
  };
}

/** The client that lists the subscriptions the credential can see. */
export function createSubscriptionListClient(
  settings: ArmClientSettings,
): SubscriptionClient {
  return new SubscriptionClient(settings.credential, modular(settings));
}
