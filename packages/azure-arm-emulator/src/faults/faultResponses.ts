import { authorizationFailed, type ArmError } from '../arm/armErrors';
import { aadError, type IdentityResponse } from '../identity/identityEndpoint';
import type { FaultRule } from './parseFaultSpec';

const CODE_BY_STATUS: Record<number, string> = {
  400: 'BadRequest',
  401: 'AuthenticationFailed',
  403: 'AuthorizationFailed',
  404: 'NotFound',
  408: 'RequestTimeout',
  409: 'Conflict',
  429: 'TooManyRequests',
  500: 'InternalServerError',
  502: 'BadGateway',
  503: 'ServiceUnavailable',
  504: 'GatewayTimeout',
};

function retryAfterHeader(rule: FaultRule): Record<string, string> {
  return rule.retryAfter ? { 'retry-after': String(rule.retryAfter) } : {};
}

/** The ARM answer of a fault rule (not `latency`, not `reset`). */
export function armFaultError(
  rule: FaultRule,
  request: {
    collection: string;
    scope: string;
    subscriptionId?: string;
    clientId?: string;
    objectId?: string;
  },
): ArmError {
  switch (rule.kind) {
    case 'throttle': {
      const seconds = rule.retryAfter ?? 0;
      return {
        status: 429,
        code:
          rule.code ??
          (request.subscriptionId
            ? 'SubscriptionRequestsThrottled'
            : 'TenantRequestsThrottled'),
        message: `Number of 'read' requests for ${
          request.subscriptionId
            ? `subscription '${request.subscriptionId}'`
            : 'tenant'
        } actor '${request.objectId ?? 'unknown'}' exceeded.${
          seconds ? ` Please try again after '${seconds}' seconds.` : ''
        } Refer to https://aka.ms/arm-throttling for additional information. (fault injected: ${
          rule.text
        })`,
        headers: {
          ...retryAfterHeader(rule),
          'x-ms-ratelimit-remaining-subscription-reads': '0',
        },
      };
    }
    case 'forbid': {
      const error = authorizationFailed(request);
      return { ...error, code: rule.code ?? error.code };
    }
    case 'error':
    default: {
      const status = rule.status ?? 500;
      return {
        status,
        code: rule.code ?? CODE_BY_STATUS[status] ?? 'Error',
        message: `The request failed with status ${status} (fault injected: ${rule.text}).`,
        headers: retryAfterHeader(rule),
      };
    }
  }
}

/** The Entra ID answer of a fault rule on the token endpoint. */
export function identityFaultResponse(rule: FaultRule): {
  response: IdentityResponse;
  headers: Record<string, string>;
} {
  const note = `(fault injected: ${rule.text})`;
  switch (rule.kind) {
    case 'forbid':
      return {
        response: aadError(
          401,
          'invalid_client',
          7000215,
          `Invalid client secret provided. ${note}`,
        ),
        headers: {},
      };
    case 'throttle':
      return {
        response: aadError(
          429,
          'temporarily_unavailable',
          50196,
          `The server terminated an operation because it encountered a client request loop. ${note}`,
        ),
        headers: retryAfterHeader(rule),
      };
    case 'error':
    default:
      return {
        response: aadError(
          rule.status ?? 500,
          (rule.status ?? 500) >= 500
            ? 'temporarily_unavailable'
            : 'invalid_request',
          90033,
          `A transient error has occurred. Please try again. ${note}`,
        ),
        headers: retryAfterHeader(rule),
      };
  }
}
