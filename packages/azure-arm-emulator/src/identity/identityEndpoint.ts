import { randomUUID } from 'node:crypto';
import type { TokenIssuer } from './tokens';

/** The Entra ID (login.microsoftonline.com) routes the emulator serves. */
export type IdentityRouteName =
  | 'openidConfiguration'
  | 'token'
  | 'keys'
  | 'instanceDiscovery';

/** A request path matched to an identity route. */
export interface IdentityRouteMatch {
  name: IdentityRouteName;
  tenant: string;
  method: 'GET' | 'POST';
}

/** What the identity endpoint answers. */
export interface IdentityResponse {
  status: number;
  body: unknown;
}

/**
 * Matches `/{tenant}/v2.0/.well-known/openid-configuration` (and the v1 path),
 * `/{tenant}/oauth2/v2.0/token`, `/{tenant}/discovery/v2.0/keys` and `/common/discovery/instance`.
 */
export function matchIdentityRoute(
  segments: readonly string[],
): IdentityRouteMatch | undefined {
  const lower = segments.map(segment => segment.toLowerCase());
  const [tenant] = segments;
  const path = lower.slice(1).join('/');
  if (!tenant || ['subscriptions', 'providers'].includes(lower[0])) {
    return undefined;
  }
  if (
    path === 'v2.0/.well-known/openid-configuration' ||
    path === '.well-known/openid-configuration'
  ) {
    return { name: 'openidConfiguration', tenant, method: 'GET' };
  }
  if (path === 'oauth2/v2.0/token') {
    return { name: 'token', tenant, method: 'POST' };
  }
  if (path === 'discovery/v2.0/keys') {
    return { name: 'keys', tenant, method: 'GET' };
  }
  if (path === 'discovery/instance') {
    return { name: 'instanceDiscovery', tenant, method: 'GET' };
  }
  return undefined;
}

/** Entra ID's error body (`AADSTS…` codes), which MSAL turns into an `AuthenticationError`. */
export function aadError(
  status: number,
  error: string,
  code: number,
  description: string,
): IdentityResponse {
  const traceId = randomUUID();
  const correlationId = randomUUID();
  const timestamp = new Date()
    .toISOString()
    .replace('T', ' ')
    .replace(/\..*/, 'Z');
  return {
    status,
    body: {
      error,
      error_description: `AADSTS${code}: ${description} Trace ID: ${traceId} Correlation ID: ${correlationId} Timestamp: ${timestamp}`,
      error_codes: [code],
      timestamp,
      trace_id: traceId,
      correlation_id: correlationId,
      error_uri: `https://login.microsoftonline.com/error?code=${code}`,
    },
  };
}

/** Options of the token endpoint. */
export interface IdentityEndpointOptions {
  issuer: TokenIssuer;
  /** Client id → secret. Empty: any client id with any non-empty secret (or assertion) gets a token. */
  clients: ReadonlyMap<string, string>;
  /** The tenants that exist (read per request: the snapshot can be replaced). Empty: every tenant exists. */
  tenants: () => readonly string[];
}

/**
 * The OAuth 2.0 client-credentials flow as `ClientSecretCredential` (MSAL) drives it: OpenID
 * discovery on the authority host, then a form POST to the token endpoint.
 */
export class IdentityEndpoint {
  constructor(private readonly options: IdentityEndpointOptions) {}

  handle(
    match: IdentityRouteMatch,
    request: { origin: string; form: URLSearchParams },
  ): IdentityResponse {
    const tenants = this.options.tenants();
    // Checked at the token endpoint only: MSAL reports a failed discovery as a bare
    // `endpoints_resolution_error`, while a token error carries the AADSTS text to the caller.
    if (
      match.name === 'token' &&
      tenants.length > 0 &&
      !tenants.some(t => t.toLowerCase() === match.tenant.toLowerCase())
    ) {
      return aadError(
        400,
        'invalid_tenant',
        90002,
        `Tenant '${
          match.tenant
        }' not found. The emulator's snapshot has the tenants ${tenants.join(
          ', ',
        )}.`,
      );
    }
    switch (match.name) {
      case 'openidConfiguration':
        return {
          status: 200,
          body: this.discovery(request.origin, match.tenant),
        };
      case 'keys':
        return { status: 200, body: { keys: [] } };
      case 'instanceDiscovery':
        return {
          status: 200,
          body: {
            tenant_discovery_endpoint: `${request.origin}/${match.tenant}/v2.0/.well-known/openid-configuration`,
            'api-version': '1.1',
            metadata: [
              {
                preferred_network: new URL(request.origin).host,
                preferred_cache: new URL(request.origin).host,
                aliases: [new URL(request.origin).host],
              },
            ],
          },
        };
      case 'token':
      default:
        return this.token(match.tenant, request.form);
    }
  }

  private discovery(origin: string, tenant: string) {
    const base = `${origin}/${tenant}`;
    return {
      token_endpoint: `${base}/oauth2/v2.0/token`,
      token_endpoint_auth_methods_supported: [
        'client_secret_post',
        'private_key_jwt',
        'client_secret_basic',
      ],
      jwks_uri: `${base}/discovery/v2.0/keys`,
      response_modes_supported: ['query', 'fragment', 'form_post'],
      subject_types_supported: ['pairwise'],
      id_token_signing_alg_values_supported: ['RS256'],
      response_types_supported: [
        'code',
        'id_token',
        'code id_token',
        'id_token token',
      ],
      scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
      // MSAL checks that the issuer is on the authority's host.
      issuer: `${base}/v2.0`,
      request_uri_parameter_supported: false,
      userinfo_endpoint: `${origin}/oidc/userinfo`,
      authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
      device_authorization_endpoint: `${base}/oauth2/v2.0/devicecode`,
      http_logout_supported: true,
      frontchannel_logout_supported: true,
      end_session_endpoint: `${base}/oauth2/v2.0/logout`,
      claims_supported: ['sub', 'iss', 'aud', 'exp', 'iat', 'tid', 'oid'],
      kerberos_endpoint: `${base}/kerberos`,
      tenant_region_scope: null,
      cloud_instance_name: 'microsoftonline.com',
      cloud_graph_host_name: 'graph.windows.net',
      msgraph_host: 'graph.microsoft.com',
      rbac_url: 'https://pas.windows.net',
    };
  }

  private token(tenant: string, form: URLSearchParams): IdentityResponse {
    const grantType = form.get('grant_type');
    if (grantType !== 'client_credentials') {
      return aadError(
        400,
        'unsupported_grant_type',
        70003,
        `The app requested an unsupported grant type '${grantType}'. The emulator issues client_credentials tokens only.`,
      );
    }
    const clientId = form.get('client_id');
    if (!clientId) {
      return aadError(
        400,
        'invalid_request',
        900144,
        "The request body must contain the following parameter: 'client_id'.",
      );
    }
    const scope = form.get('scope') ?? '';
    const resource = scope
      .split(/\s+/)
      .find(candidate => candidate.endsWith('/.default'));
    if (!resource) {
      return aadError(
        400,
        'invalid_scope',
        1002012,
        `The provided value for scope '${scope}' is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`,
      );
    }
    const secret = form.get('client_secret');
    const assertion = form.get('client_assertion');
    if (!secret && !assertion) {
      return aadError(
        401,
        'invalid_client',
        7000218,
        "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.",
      );
    }
    const { clients } = this.options;
    if (clients.size > 0) {
      const expected = clients.get(clientId.toLowerCase());
      if (expected === undefined) {
        return aadError(
          400,
          'unauthorized_client',
          700016,
          `Application with identifier '${clientId}' was not found in the directory '${tenant}'.`,
        );
      }
      // A client assertion (workload identity) is not verified: the emulator has no keys.
      if (secret && secret !== expected) {
        return aadError(
          401,
          'invalid_client',
          7000215,
          `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${clientId}'.`,
        );
      }
    }
    const issued = this.options.issuer.issue({
      audience: resource.slice(0, -'/.default'.length),
      tenantId: tenant,
      clientId,
    });
    const expiresIn = issued.claims.exp - Math.floor(Date.now() / 1000);
    return {
      status: 200,
      body: {
        token_type: 'Bearer',
        expires_in: expiresIn,
        ext_expires_in: expiresIn,
        access_token: issued.token,
      },
    };
  }
}
