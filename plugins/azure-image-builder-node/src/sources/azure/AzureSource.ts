import {
  ArmResource,
  Snapshot,
  SNAPSHOT_KIND,
  SNAPSHOT_VERSION,
  SnapshotSubscription,
} from '@aib-scorecards/plugin-azure-image-builder-common';
import type { TokenCredential } from '@azure/core-auth';
import {
  createDefaultHttpClient,
  HttpClient,
  TlsSettings,
} from '@azure/core-rest-pipeline';
import { LoggerService } from '@backstage/backend-plugin-api';
import { AzureSourceConfig } from '../../config/types';
import { redactString } from '../../redaction';
import { parseSnapshot } from '../../snapshot/parseSnapshot';
import { LoadedSnapshot } from '../../snapshot/types';
import { ImageTemplateSource } from '../types';
import { CachingTokenCredential } from './CachingTokenCredential';
import { AzureCloudEndpoints, resolveCloudEndpoints } from './cloudEndpoints';
import { collectSubscription, SubscriptionInfo } from './collectSubscription';
import { listSubscriptions } from './collectors';
import {
  ArmClientSettings,
  createSubscriptionClients,
  createSubscriptionListClient,
} from './createArmClients';
import { createAzureCredential } from './createCredential';
import { createLimiter } from './limiter';
import { keepReferencedRoleDefinitions } from './referencedRoleDefinitions';
import { AzureReadOptions, AzureSourceOptions } from './types';

/** @public */
export const DEFAULT_AZURE_CONCURRENCY = 8;
const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;

const NO_LOGGER: LoggerService = {
  error() {},
  warn() {},
  info() {},
  debug() {},
  child() {
    return NO_LOGGER;
  },
};

function messageOf(error: unknown): string {
  return redactString(error instanceof Error ? error.message : String(error));
}

function stringTags(value: unknown): Record<string, string> | undefined {
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    return undefined;
  }
  return Object.fromEntries(
    Object.entries(value).filter(([, v]) => typeof v === 'string'),
  ) as Record<string, string>;
}

function subscriptionInfo(item: ArmResource): SubscriptionInfo | undefined {
  const id = item.subscriptionId ?? item.id?.split('/').filter(Boolean)[1];
  if (typeof id !== 'string' || id === '') return undefined;
  return {
    subscriptionId: id,
    ...(typeof item.displayName === 'string'
      ? { displayName: item.displayName }
      : {}),
    ...(typeof item.tenantId === 'string' ? { tenantId: item.tenantId } : {}),
    ...(stringTags(item.tags) ? { tags: stringTags(item.tags) } : {}),
  };
}

/**
 * Live Azure as a source (`type: azure`): each `read` collects a snapshot (SNAPSHOT.md) through
 * the Azure SDK clients, with a bounded number of calls (see the package README, "Live
 * Azure"). A collection that cannot be read is `null` with an `errors` entry; `read` rejects
 * only when nothing can be read: no token, or the subscriptions cannot be listed.
 * @public
 */
export class AzureSource implements ImageTemplateSource {
  readonly id: string;
  readonly type = 'azure';
  readonly endpoints: AzureCloudEndpoints;
  readonly concurrency: number;
  readonly #config: AzureSourceConfig;
  readonly #options: AzureSourceOptions;
  readonly #logger: LoggerService;
  readonly #httpClient: HttpClient;
  readonly #tlsOptions?: TlsSettings;
  #credential?: TokenCredential;

  constructor(config: AzureSourceConfig, options: AzureSourceOptions = {}) {
    this.id = config.id;
    this.#config = config;
    this.#options = options;
    this.endpoints = resolveCloudEndpoints(config.endpoints);
    this.concurrency = config.concurrency ?? DEFAULT_AZURE_CONCURRENCY;
    this.#logger = (options.logger ?? NO_LOGGER).child({
      azureSource: config.id,
    });
    this.#httpClient = options.httpClient ?? createDefaultHttpClient();
    // One object: the HTTP client keeps one TLS agent per settings object.
    this.#tlsOptions = options.ca ? { ca: options.ca } : undefined;
  }

  /** Created on first use, so that a bad credential fails a read, not the backend's start. */
  #getCredential(): TokenCredential {
    if (!this.#credential) {
      const credential =
        this.#options.credential ??
        createAzureCredential(this.#config.credential, this.endpoints, {
          httpClient: this.#httpClient,
          ...(this.#tlsOptions ? { tlsOptions: this.#tlsOptions } : {}),
        });
      this.#credential = new CachingTokenCredential(credential, {
        logger: this.#logger,
      });
    }
    return this.#credential;
  }

  #fail(what: string, error: unknown): Error {
    const message = `Azure source "${this.id}": ${what}: ${messageOf(error)}`;
    return new Error(message, { cause: error });
  }

  async read(options: AzureReadOptions = {}): Promise<LoadedSnapshot> {
    const { signal, onProgress } = options;
    signal?.throwIfAborted();
    const started = Date.now();
    const capturedAt = new Date(started).toISOString();

    let credential: TokenCredential;
    try {
      credential = this.#getCredential();
      // One token up front: without one nothing can be read, and that is the source failing,
      // not every collection of every subscription.
      await credential.getToken(this.endpoints.tokenScope, {
        abortSignal: signal,
      });
    } catch (error) {
      signal?.throwIfAborted();
      throw this.#fail(
        `could not get a token (credential type "${
          this.#options.credential ? 'injected' : this.#config.credential.type
        }", scope ${this.endpoints.tokenScope})`,
        error,
      );
    }

    const settings: ArmClientSettings = {
      endpoints: this.endpoints,
      credential,
      httpClient: this.#httpClient,
      tlsOptions: this.#tlsOptions,
      retryOptions: this.#options.retryOptions,
      requestTimeoutMs:
        this.#options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
    };

    let calls = 0;
    let visible: ArmResource[];
    try {
      visible = await listSubscriptions(
        createSubscriptionListClient(settings),
        signal,
      );
      calls += 1;
    } catch (error) {
      signal?.throwIfAborted();
      throw this.#fail('could not list the subscriptions', error);
    }
    const infos = this.#selectSubscriptions(visible);

    const limiter = createLimiter(this.concurrency);
    let done = 0;
    const progress = () =>
      onProgress?.({
        subscriptions: { done, total: infos.length },
        calls,
      });
    progress();
    const collected: SnapshotSubscription[] = await Promise.all(
      infos.map(async info => {
        const subscription = await collectSubscription(info, {
          clients: createSubscriptionClients(settings, info.subscriptionId),
          limiter,
          signal,
          logger: this.#logger,
          collectResourceGroups: this.#config.collectResourceGroups === true,
          onCall: () => {
            calls += 1;
            progress();
          },
        });
        done += 1;
        progress();
        return subscription;
      }),
    );

    const subscriptions = keepReferencedRoleDefinitions(collected);
    const snapshot: Snapshot = {
      kind: SNAPSHOT_KIND,
      version: SNAPSHOT_VERSION,
      capturedAt,
      subscriptions,
    };
    const loaded = parseSnapshot(snapshot, { file: `azure:${this.id}` });
    const templates = subscriptions.reduce(
      (n, s) => n + (s.imageTemplates?.length ?? 0),
      0,
    );
    const failed = subscriptions.reduce((n, s) => n + s.errors.length, 0);
    this.#logger.info(
      `Read Azure source "${this.id}": ${
        subscriptions.length
      } subscriptions, ${templates} image templates, ${calls} calls in ${
        Date.now() - started
      } ms${failed ? `; ${failed} collections could not be read` : ''}`,
      {
        subscriptionCount: subscriptions.length,
        templateCount: templates,
        callCount: calls,
        failedCollections: failed,
        durationMs: Date.now() - started,
      },
    );
    return loaded;
  }

  /** The configured subscriptions (in config order), else every visible one. */
  #selectSubscriptions(visible: ArmResource[]): SubscriptionInfo[] {
    const infos = visible
      .map(subscriptionInfo)
      .filter((i): i is SubscriptionInfo => i !== undefined);
    const configured = this.#config.subscriptions;
    if (!configured) return infos;
    const byId = new Map(infos.map(i => [i.subscriptionId.toLowerCase(), i]));
    return configured.map(subscriptionId => {
      const info = byId.get(subscriptionId.toLowerCase());
      if (!info) {
        this.#logger.warn(
          `Subscription ${subscriptionId} is configured but not visible to the credential; reading it anyway (its calls will say why)`,
          { subscriptionId },
        );
      }
      return info ?? { subscriptionId };
    });
  }
}
