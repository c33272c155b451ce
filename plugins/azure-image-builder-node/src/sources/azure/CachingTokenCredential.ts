import type {
  AccessToken,
  GetTokenOptions,
  TokenCredential,
} from '@azure/core-auth';
import { LoggerService } from '@backstage/backend-plugin-api';
import { redactString } from '../../redaction';

/** Refresh this long before expiry (PITFALLS #14: the model refreshes 15 minutes early). */
const REFRESH_MARGIN_MS = 15 * 60_000;
/** After a failed refresh while the old token is still valid, wait this long before retrying. */
const RETRY_AFTER_FAILURE_MS = 30_000;
/** Token requests must not hang a scan. */
const TOKEN_REQUEST_TIMEOUT_MS = 10_000;

interface CacheEntry {
  token?: AccessToken;
  refreshing?: Promise<AccessToken>;
  /** No new refresh before this time (after a failure). */
  notBefore?: number;
}

function messageOf(error: unknown): string {
  return redactString(error instanceof Error ? error.message : String(error));
}

/**
 * Wraps a `TokenCredential` the way STYLE.md §3 describes: one cached token per scope, refreshed
 * 15 minutes before it expires; concurrent callers share one in-flight refresh (every SDK
 * client has its own bearer policy, so a scan would otherwise ask for hundreds of tokens); a
 * refresh that fails while the old token is still valid is logged and the old token is kept.
 * Requests with `claims` or a `tenantId` (CAE challenges, multi-tenant) bypass the cache.
 * @public
 */
export class CachingTokenCredential implements TokenCredential {
  readonly #credential: TokenCredential;
  readonly #logger?: LoggerService;
  readonly #now: () => number;
  readonly #cache = new Map<string, CacheEntry>();

  constructor(
    credential: TokenCredential,
    options: { logger?: LoggerService; now?: () => number } = {},
  ) {
    this.#credential = credential;
    this.#logger = options.logger;
    this.#now = options.now ?? Date.now;
  }

  async getToken(
    scopes: string | string[],
    options?: GetTokenOptions,
  ): Promise<AccessToken | null> {
    if (options?.claims || options?.tenantId) {
      return this.#credential.getToken(scopes, options);
    }
    const key = [scopes].flat().join(' ');
    let entry = this.#cache.get(key);
    if (!entry) {
      entry = {};
      this.#cache.set(key, entry);
    }
    const now = this.#now();
    const { token } = entry;
    if (token && now < token.expiresOnTimestamp - REFRESH_MARGIN_MS) {
      return token;
    }
    if (
      token &&
      now < token.expiresOnTimestamp &&
      now < (entry.notBefore ?? 0)
    ) {
      return token;
    }
    entry.refreshing ??= this.#refresh(entry, scopes, key).finally(() => {
      entry!.refreshing = undefined;
    });
    return entry.refreshing;
  }

  async #refresh(
    entry: CacheEntry,
    scopes: string | string[],
    key: string,
  ): Promise<AccessToken> {
    try {
      // No caller's abort signal: the refresh is shared by every caller.
      const token = await this.#credential.getToken(scopes, {
        requestOptions: { timeout: TOKEN_REQUEST_TIMEOUT_MS },
      });
      if (!token) {
        throw new Error(`the credential returned no token for ${key}`);
      }
      entry.token = token;
      entry.notBefore = undefined;
      return token;
    } catch (error) {
      const old = entry.token;
      const now = this.#now();
      if (old && now < old.expiresOnTimestamp) {
        entry.notBefore = now + RETRY_AFTER_FAILURE_MS;
        this.#logger?.warn(
          `Could not refresh the Azure token for ${key}; using the current one, valid until ${new Date(
            old.expiresOnTimestamp,
          ).toISOString()}: ${messageOf(error)}`,
        );
        return old;
      }
      throw error;
    }
  }
}
