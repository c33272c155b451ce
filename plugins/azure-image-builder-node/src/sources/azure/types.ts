import type { TokenCredential } from '@azure/core-auth';
import type {
  HttpClient,
  PipelineRetryOptions,
} from '@azure/core-rest-pipeline';
import { LoggerService } from '@backstage/backend-plugin-api';

/** Options of `AzureSource` that are not configuration: injection points and tuning. @public */
export interface AzureSourceOptions {
  /** Where collection failures, token refresh failures and the read's summary are logged. */
  logger?: LoggerService;
  /** Replaces the configured credential (tests). Cached like the configured one. */
  credential?: TokenCredential;
  /** The HTTP client of every ARM and token request. Default: one per source, shared. */
  httpClient?: HttpClient;
  /**
   * Extra CA certificates (PEM) to trust for ARM and token requests, e.g. the ARM emulator's.
   * A process can also trust them with `NODE_EXTRA_CA_CERTS`.
   */
  ca?: string;
  /**
   * The SDK's retry policy (429 with `Retry-After`, 408, 5xx, network errors). Default: the
   * SDK's (3 retries, exponential from 1 s, `Retry-After` honoured).
   */
  retryOptions?: PipelineRetryOptions;
  /** Each attempt of each request gets at most this long. Default: 30 s. */
  requestTimeoutMs?: number;
}

/** How far a read has come, for progress output. @public */
export interface AzureReadProgress {
  /** Subscriptions read completely, and how many there are. */
  subscriptions: { done: number; total: number };
  /** SDK calls (one list with all its pages) that have ended. */
  calls: number;
}

/** Options of one `AzureSource.read`. @public */
export interface AzureReadOptions {
  signal?: AbortSignal;
  onProgress?: (progress: AzureReadProgress) => void;
}
