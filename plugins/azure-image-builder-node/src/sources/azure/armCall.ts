import type {
  PipelinePolicy,
  PipelineRequest,
} from '@azure/core-rest-pipeline';
import { RestError } from '@azure/core-rest-pipeline';
import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * One logical ARM call (a paged list, all its pages). The SDK clients' models are not used: the
 * snapshot is ARM wire JSON (SNAPSHOT.md), so {@link armCallPolicy} keeps the JSON body of every
 * page of the call as it came over the wire, and the SDK's deserialised, flattened objects
 * (with `Date`s) are only used to drive the paging. The call is found through
 * `AsyncLocalStorage`, so concurrent calls on one client never mix their pages.
 */
export interface ArmCall {
  /** The JSON body of each successful page, in order. */
  readonly pages: unknown[];
  /** Aborts the call; also applied to the later pages, for which the SDK passes no signal. */
  readonly signal?: AbortSignal;
  /**
   * Give the SDK's deserializer a neutral copy of each page (`value` items replaced by
   * `{ identity: {} }`). `@azure/arm-imagebuilder` 5.x throws on a template without `identity`
   * (and on other malformed items), which would abort the whole list; the items are read from
   * {@link ArmCall.pages} instead, verbatim, and checked by the snapshot reader.
   */
  readonly shieldDeserializer?: boolean;
}

const storage = new AsyncLocalStorage<ArmCall>();

/** Runs `fn` (which drives one SDK call) as an {@link ArmCall}; answers the pages it received. */
export async function runArmCall(
  options: { signal?: AbortSignal; shieldDeserializer?: boolean },
  fn: () => Promise<void>,
): Promise<unknown[]> {
  const call: ArmCall = { pages: [], ...options };
  await storage.run(call, fn);
  return call.pages;
}

/** Drains an SDK paged iterator, page by page (the items are read from the captured pages). */
export async function drainPages(iterator: {
  byPage(): AsyncIterableIterator<unknown>;
}): Promise<void> {
  for await (const _page of iterator.byPage()) {
    // Nothing to do: armCallPolicy kept the page's JSON.
  }
}

/** @public */
export const ARM_CALL_POLICY_NAME = 'aibArmCallPolicy';

/**
 * A per-call pipeline policy of every client: gives requests the call's abort signal, and keeps
 * the JSON body of each successful response in the current {@link ArmCall}.
 */
export const armCallPolicy: PipelinePolicy = {
  name: ARM_CALL_POLICY_NAME,
  async sendRequest(request, next) {
    const call = storage.getStore();
    if (call?.signal && !request.abortSignal) {
      request.abortSignal = call.signal;
    }
    const response = await next(request);
    if (!call || response.status < 200 || response.status > 299) {
      return response;
    }
    const text = response.bodyAsText;
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      // Not JSON: the SDK reports it as it sees fit.
      return response;
    }
    call.pages.push(body);
    if (
      call.shieldDeserializer &&
      body &&
      typeof body === 'object' &&
      Array.isArray((body as { value?: unknown }).value)
    ) {
      const page = body as { value: unknown[] };
      response.bodyAsText = JSON.stringify({
        ...page,
        value: page.value.map(() => ({ identity: {} })),
      });
    }
    return response;
  },
};

/**
 * A per-retry pipeline policy: each attempt gets at most `timeoutMs`. A timed-out attempt fails
 * with a `RestError` of code `ETIMEDOUT`, which the SDK's retry policy retries like a network
 * timeout.
 */
export function timeoutPolicy(timeoutMs: number): PipelinePolicy {
  return {
    name: 'aibTimeoutPolicy',
    async sendRequest(request: PipelineRequest, next) {
      const outer = request.abortSignal;
      const controller = new AbortController();
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        controller.abort();
      }, timeoutMs);
      const onAbort = () => controller.abort();
      outer?.addEventListener('abort', onAbort);
      request.abortSignal = controller.signal;
      try {
        return await next(request);
      } catch (error) {
        if (timedOut && !outer?.aborted) {
          throw new RestError(
            `no response within ${timeoutMs} ms (${request.method} ${
              new URL(request.url).pathname
            })`,
            { code: 'ETIMEDOUT', request },
          );
        }
        throw error;
      } finally {
        clearTimeout(timer);
        outer?.removeEventListener('abort', onAbort);
        request.abortSignal = outer;
      }
    },
  };
}
