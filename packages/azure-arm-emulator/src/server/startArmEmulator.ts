import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { checkApiVersion } from '../arm/apiVersions';
import {
  armErrorBody,
  authorizationFailed,
  notEmulated,
  statusForCode,
  type ArmError,
} from '../arm/armErrors';
import { handleArmRoute } from '../arm/handlers';
import { pageOf } from '../arm/paging';
import { matchArmRoute, type ArmRouteMatch } from '../arm/routes';
import { armFaultError, identityFaultResponse } from '../faults/faultResponses';
import { FaultInjector } from '../faults/FaultInjector';
import { parseFaultSpec, type FaultRule } from '../faults/parseFaultSpec';
import { armAudiences, checkBearer } from '../identity/bearer';
import {
  IdentityEndpoint,
  matchIdentityRoute,
  type IdentityRouteMatch,
} from '../identity/identityEndpoint';
import { TokenIssuer, type EmulatorTokenClaims } from '../identity/tokens';
import { normalizeSnapshot } from '../snapshot/loadSnapshot';
import {
  ServedSnapshot,
  type ServedSubscription,
} from '../snapshot/ServedSnapshot';
import {
  createCertificates,
  type EmulatorCertificates,
} from '../tls/createCertificates';
import {
  RequestLog,
  type RequestLogEntry,
  type RequestLogTarget,
} from './requestLog';

/** The tenant of tokens from `credential()` when the snapshot names none. @public */
export const DEFAULT_TENANT_ID = 'ffffffff-0000-4000-8000-00000000e4a7';
/** The client id of tokens from `credential()` unless one is given. @public */
export const DEFAULT_CLIENT_ID = '00000000-0000-4000-8000-0000000c11e7';

/** Options of {@link startArmEmulator}. @public */
export interface ArmEmulatorOptions {
  /** The snapshot to serve: a parsed snapshot document (`Snapshot`); see `loadSnapshotFile` for files. */
  snapshot: unknown;
  /** TCP port on 127.0.0.1; 0 (the default) picks a free one. */
  port?: number;
  /** Items per list page; 0 (the default) answers every list in one page. */
  pageSize?: number;
  /** A fault spec (see the README) or parsed rules. */
  faults?: string | FaultRule[];
  /** Milliseconds added to every request, ARM and token endpoint alike. */
  latencyMs?: number;
  /** A file (one JSON line per request) or a callback. */
  log?: RequestLogTarget;
  /** Keep entries for `requests()` (default true; the CLI turns it off). */
  keepRequests?: boolean;
  /** Client id → secret accepted by the token endpoint. Absent or empty: any client and secret. */
  clients?: Record<string, string>;
  /** Reuse certificates instead of making new ones. */
  certificates?: EmulatorCertificates;
}

/** A credential-shaped object (`@azure/core-auth` `TokenCredential`) backed by the emulator. @public */
export interface EmulatorCredential {
  getToken(scopes: string | string[]): Promise<{
    token: string;
    expiresOnTimestamp: number;
    tokenType: 'Bearer';
  }>;
}

/** A running emulator. @public */
export interface ArmEmulator {
  /** `https://127.0.0.1:<port>`: the resource manager endpoint and the authority host. */
  url: string;
  port: number;
  /** The CA certificate (PEM) that signed the server certificate: trust this. */
  caPem: string;
  /** The tenants the snapshot names (the token endpoint accepts only these when there are any). */
  tenants: string[];
  /**
   * A credential that mints tokens directly (no token endpoint round trip), for tests that are
   * not about authentication. `tenantId` defaults to the snapshot's first tenant.
   */
  credential(options?: {
    tenantId?: string;
    clientId?: string;
  }): EmulatorCredential;
  /** The requests served so far (when `keepRequests` is on). */
  requests(): RequestLogEntry[];
  clearRequests(): void;
  /** Replaces the fault rules (counters restart). */
  setFaults(faults: string | FaultRule[] | undefined): void;
  /** How often each fault rule matched and fired. */
  faultCounts(): Array<{ rule: string; seen: number; fired: number }>;
  /** Serves another snapshot from the next request on (e.g. a second scan that sees less). */
  setSnapshot(snapshot: unknown): void;
  stop(): Promise<void>;
}

interface Outcome {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  route: string | null;
  collection?: string;
  subscriptionId?: string;
  fault?: string;
  errorCode?: string;
  /** Destroy the socket instead of answering (fault `reset`). */
  reset?: boolean;
  latencyMs: number;
}

const MAX_FORM_BYTES = 64 * 1024;

function toRules(faults: string | FaultRule[] | undefined): FaultRule[] {
  if (faults === undefined) return [];
  return typeof faults === 'string' ? parseFaultSpec(faults) : faults;
}

function readForm(request: IncomingMessage): Promise<URLSearchParams> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_FORM_BYTES) {
        reject(new Error('request body too large'));
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () =>
      resolve(new URLSearchParams(Buffer.concat(chunks).toString('utf8'))),
    );
    request.on('error', reject);
  });
}

function armError(error: ArmError, extra: Partial<Outcome> = {}): Outcome {
  return {
    route: null,
    latencyMs: 0,
    ...extra,
    status: error.status,
    body: armErrorBody(error),
    headers: { ...error.headers, ...extra.headers },
    errorCode: error.code,
  };
}

/**
 * Starts the emulator on 127.0.0.1 over HTTPS with a fresh certificate. Resolves once it listens.
 * @public
 */
export async function startArmEmulator(
  options: ArmEmulatorOptions,
): Promise<ArmEmulator> {
  let served = new ServedSnapshot(
    normalizeSnapshot(options.snapshot, 'snapshot').snapshot,
  );
  let injector = new FaultInjector(toRules(options.faults));
  const pageSize = options.pageSize ?? 0;
  const baseLatency = options.latencyMs ?? 0;
  if (!Number.isInteger(pageSize) || pageSize < 0) {
    throw new Error(`pageSize must be a non-negative integer, got ${pageSize}`);
  }
  if (!Number.isFinite(baseLatency) || baseLatency < 0) {
    throw new Error(
      `latencyMs must be a non-negative number, got ${baseLatency}`,
    );
  }
  const certificates = options.certificates ?? createCertificates();
  const log = new RequestLog(options.log, options.keepRequests ?? true);
  const issuer = new TokenIssuer();
  const clients = new Map(
    Object.entries(options.clients ?? {}).map(([id, secret]) => [
      id.toLowerCase(),
      secret,
    ]),
  );
  const identity = new IdentityEndpoint({
    issuer,
    clients,
    tenants: () => served.tenants(),
  });
  const sleeping = new Set<() => void>();
  let port = 0;
  let url = '';
  let audiences = new Set<string>();

  // Latency waits that `stop()` can cut short.
  const sleep = (ms: number) =>
    ms <= 0
      ? Promise.resolve()
      : new Promise<void>(resolve => {
          const state: { timer?: NodeJS.Timeout } = {};
          const wake = () => {
            clearTimeout(state.timer);
            sleeping.delete(wake);
            resolve();
          };
          state.timer = setTimeout(wake, ms);
          sleeping.add(wake);
        });

  /** The origin the client used (so nextLinks and discovery stay on the host it trusts). */
  const originOf = (host: string | undefined) => {
    const match = /^(localhost|127\.0\.0\.1):(\d+)$/i.exec(host ?? '');
    return match && Number(match[2]) === port
      ? `https://${match[1].toLowerCase()}:${port}`
      : url;
  };

  const visibleTo = (claims: EmulatorTokenClaims): ServedSubscription[] =>
    served
      .all()
      .filter(
        s =>
          !s.data.tenantId ||
          s.data.tenantId.toLowerCase() === claims.tid.toLowerCase(),
      );

  async function identityOutcome(
    request: IncomingMessage,
    match: IdentityRouteMatch,
    path: string,
    origin: string,
  ): Promise<Outcome> {
    const base = { route: match.name, collection: 'token', latencyMs: 0 };
    if (request.method !== match.method) {
      return {
        ...base,
        status: 405,
        body: {
          error: 'invalid_request',
          error_description: `${match.name} takes ${match.method}`,
        },
      };
    }
    const form =
      match.method === 'POST' ? await readForm(request) : new URLSearchParams();
    const decision = injector.decide({
      collection: 'token',
      path,
      route: match.name,
    });
    if (decision.fault) {
      const fault = decision.fault;
      if (fault.kind === 'reset') {
        return {
          ...base,
          status: 0,
          reset: true,
          fault: fault.text,
          latencyMs: decision.latencyMs,
        };
      }
      const { response, headers } = identityFaultResponse(fault);
      return {
        ...base,
        ...response,
        headers,
        fault: fault.text,
        latencyMs: decision.latencyMs,
      };
    }
    const response = identity.handle(match, { origin, form });
    return {
      ...base,
      ...response,
      latencyMs: decision.latencyMs,
      errorCode:
        response.status >= 400
          ? String((response.body as { error?: string }).error)
          : undefined,
    };
  }

  function armOutcome(
    request: IncomingMessage,
    match: ArmRouteMatch,
    details: {
      path: string;
      query: URLSearchParams;
      origin: string;
      rawPath: string;
    },
  ): Outcome {
    const base: Partial<Outcome> & { route: string } = {
      route: match.name,
      collection: match.collection,
      subscriptionId: match.subscriptionId,
    };
    if (request.method !== 'GET') {
      return armError(
        {
          status: 405,
          code: 'MethodNotAllowed',
          message: `azure-arm-emulator is read-only: ${request.method} ${details.path} is not emulated.`,
        },
        base,
      );
    }
    const auth = checkBearer(request.headers.authorization, {
      issuer,
      audiences,
      authorityHost: details.origin,
    });
    if (!('claims' in auth)) return armError(auth, base);
    const { claims } = auth;
    const versionError = checkApiVersion(
      match.family,
      match.resourceType,
      details.query.get('api-version'),
    );
    if (versionError) return armError(versionError, base);

    const decision = injector.decide({
      collection: match.collection,
      subscriptionId: match.subscriptionId,
      path: details.path,
      route: match.name,
    });
    const withLatency = { ...base, latencyMs: decision.latencyMs };
    if (decision.fault) {
      const fault = decision.fault;
      if (fault.kind === 'reset') {
        return { ...withLatency, status: 0, reset: true, fault: fault.text };
      }
      return armError(
        armFaultError(fault, {
          collection: match.collection,
          scope: match.scope,
          subscriptionId: match.subscriptionId,
          clientId: claims.appid,
          objectId: claims.oid,
        }),
        { ...withLatency, fault: fault.text },
      );
    }

    let subscription: ServedSubscription | undefined;
    if (match.subscriptionId) {
      subscription = served.subscription(match.subscriptionId);
      if (!subscription) {
        return armError(
          {
            status: 404,
            code: 'SubscriptionNotFound',
            message: `The subscription '${match.subscriptionId}' could not be found.`,
          },
          withLatency,
        );
      }
      const tenant = subscription.data.tenantId;
      if (tenant && tenant.toLowerCase() !== claims.tid.toLowerCase()) {
        return armError(
          {
            status: 401,
            code: 'InvalidAuthenticationTokenTenant',
            message: `The access token is from the wrong issuer 'https://sts.windows.net/${claims.tid}/'. It must match the tenant 'https://sts.windows.net/${tenant}/' associated with this subscription. Please use the authority (URL) '${details.origin}/${tenant}' to get the token.`,
          },
          withLatency,
        );
      }
      // A snapshot `errors` entry for the whole subscription answers every route under it.
      const whole = subscription.errorFor('subscription');
      if (whole) {
        return armError(
          {
            status: statusForCode(
              whole.code,
              (whole as { status?: unknown }).status,
            ),
            code: whole.code,
            message: whole.message ?? `${whole.code} (from the snapshot)`,
          },
          withLatency,
        );
      }
      if (
        match.collection !== 'subscriptions' &&
        subscription.collection(match.collection) === null
      ) {
        const recorded = subscription.errorFor(match.collection);
        return armError(
          recorded
            ? {
                status: statusForCode(
                  recorded.code,
                  (recorded as { status?: unknown }).status,
                ),
                code: recorded.code,
                message:
                  recorded.message ?? `${recorded.code} (from the snapshot)`,
              }
            : authorizationFailed({
                collection: match.collection,
                scope: match.scope,
                clientId: claims.appid,
                objectId: claims.oid,
              }),
          withLatency,
        );
      }
    }

    const result = handleArmRoute({
      match,
      query: details.query,
      subscription,
      visible: visibleTo(claims),
      served,
    });
    if (result.kind === 'error') return armError(result.error, withLatency);
    if (result.kind === 'item') {
      return {
        ...withLatency,
        route: match.name,
        status: 200,
        body: result.body,
      };
    }
    const page = pageOf(result.items, {
      query: details.query,
      pageSize,
      origin: details.origin,
      rawPath: details.rawPath,
    });
    if ('status' in page) return armError(page, withLatency);
    return { ...withLatency, route: match.name, status: 200, body: page };
  }

  async function outcomeOf(
    request: IncomingMessage,
    rawPath: string,
    query: URLSearchParams,
  ): Promise<Outcome> {
    const origin = originOf(request.headers.host);
    let segments: string[];
    try {
      segments = rawPath
        .split('/')
        .filter(segment => segment.length > 0)
        .map(decodeURIComponent);
    } catch {
      return armError({
        status: 400,
        code: 'InvalidRequestUri',
        message: `The request path '${rawPath}' is not valid percent-encoding.`,
      });
    }
    const identityMatch = matchIdentityRoute(segments);
    if (identityMatch) {
      return identityOutcome(request, identityMatch, rawPath, origin);
    }
    const match = matchArmRoute(segments);
    if (!match) return armError(notEmulated(request.method ?? 'GET', rawPath));
    return armOutcome(request, match, {
      path: rawPath,
      query,
      origin,
      rawPath,
    });
  }

  async function onRequest(request: IncomingMessage, response: ServerResponse) {
    const started = performance.now();
    const time = new Date().toISOString();
    const requestId = randomUUID();
    const target = request.url ?? '/';
    const q = target.indexOf('?');
    const rawPath = q < 0 ? target : target.slice(0, q);
    const query = new URLSearchParams(q < 0 ? '' : target.slice(q + 1));
    let outcome: Outcome;
    try {
      outcome = await outcomeOf(request, rawPath, query);
    } catch (error) {
      outcome = armError({
        status: 500,
        code: 'InternalServerError',
        message: `azure-arm-emulator failed: ${(error as Error).message}`,
      });
    }
    await sleep(baseLatency + outcome.latencyMs);
    if (outcome.reset) {
      request.socket.destroy();
    } else if (!response.destroyed) {
      const body = JSON.stringify(outcome.body ?? {});
      response.writeHead(outcome.status, {
        'content-type': 'application/json; charset=utf-8',
        'content-length': Buffer.byteLength(body),
        'x-ms-request-id': requestId,
        'x-ms-correlation-request-id':
          (request.headers['x-ms-correlation-request-id'] as
            | string
            | undefined) ?? requestId,
        ...outcome.headers,
      });
      response.end(body);
    }
    log.record({
      time,
      method: request.method ?? 'GET',
      path: rawPath,
      query: Object.fromEntries(query),
      status: outcome.status,
      durationMs: Math.round((performance.now() - started) * 10) / 10,
      route: outcome.route,
      ...(outcome.collection ? { collection: outcome.collection } : {}),
      ...(outcome.subscriptionId
        ? { subscriptionId: outcome.subscriptionId }
        : {}),
      ...(outcome.fault ? { fault: outcome.fault } : {}),
      ...(outcome.errorCode ? { errorCode: outcome.errorCode } : {}),
      requestId,
    });
  }

  const server = https.createServer(
    { key: certificates.keyPem, cert: certificates.certPem },
    (request, response) => {
      onRequest(request, response).catch(() => response.destroy());
    },
  );
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  url = `https://127.0.0.1:${port}`;
  audiences = armAudiences([url, `https://localhost:${port}`]);

  const defaultTenant = () => served.tenants()[0] ?? DEFAULT_TENANT_ID;

  return {
    url,
    port,
    caPem: certificates.caPem,
    get tenants() {
      return served.tenants();
    },
    credential(credentialOptions = {}) {
      return {
        async getToken(scopes) {
          const scope = (Array.isArray(scopes) ? scopes[0] : scopes) ?? '';
          const { token, claims } = issuer.issue({
            audience: scope.replace(/\/\.default$/, ''),
            tenantId: credentialOptions.tenantId ?? defaultTenant(),
            clientId: credentialOptions.clientId ?? DEFAULT_CLIENT_ID,
          });
          return {
            token,
            expiresOnTimestamp: claims.exp * 1000,
            tokenType: 'Bearer' as const,
          };
        },
      };
    },
    requests: () => log.all(),
    clearRequests: () => log.clear(),
    setFaults(faults) {
      injector = new FaultInjector(toRules(faults));
    },
    faultCounts: () => injector.counts(),
    setSnapshot(snapshot) {
      served = new ServedSnapshot(
        normalizeSnapshot(snapshot, 'snapshot').snapshot,
      );
    },
    async stop() {
      const closed = new Promise<void>(resolve =>
        server.close(() => resolve()),
      );
      for (const wake of [...sleeping]) wake();
      server.closeAllConnections();
      await closed;
      await log.close();
    },
  };
}
