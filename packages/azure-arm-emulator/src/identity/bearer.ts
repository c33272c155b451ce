import type { ArmError } from '../arm/armErrors';
import type { EmulatorTokenClaims, TokenIssuer } from './tokens';

/** A resource URI compared as ARM compares audiences: lower case, no trailing `/`. */
export function normalizeAudience(audience: string): string {
  return audience.trim().replace(/\/+$/, '').toLowerCase();
}

/** The audiences ARM accepts, plus the emulator's own origins (the HLC clients' default scope). */
export function armAudiences(origins: readonly string[]): Set<string> {
  return new Set(
    [
      'https://management.azure.com',
      'https://management.core.windows.net',
      ...origins,
    ].map(normalizeAudience),
  );
}

function unauthorized(
  code: string,
  message: string,
  authorizationUri: string,
): ArmError {
  return {
    status: 401,
    code,
    message,
    // ARM's challenge; it has no `claims`, so the SDK's CAE handling does not retry on it.
    headers: {
      'www-authenticate': `Bearer authorization_uri="${authorizationUri}", error="invalid_token", error_description="${message.replace(
        /"/g,
        "'",
      )}"`,
    },
  };
}

/**
 * Checks `Authorization: Bearer <token>` as ARM does: present, issued by this emulator, not
 * expired, for an ARM audience. Answers ARM's 401 codes otherwise.
 */
export function checkBearer(
  header: string | undefined,
  options: {
    issuer: TokenIssuer;
    audiences: Set<string>;
    authorityHost: string;
  },
): { claims: EmulatorTokenClaims } | ArmError {
  const uri = options.authorityHost;
  if (!header) {
    return unauthorized(
      'AuthenticationFailed',
      "Authentication failed. The 'Authorization' header is missing.",
      uri,
    );
  }
  const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
  if (!match) {
    return unauthorized(
      'AuthenticationFailed',
      "Authentication failed. The 'Authorization' header is provided in an invalid format.",
      uri,
    );
  }
  const result = options.issuer.verify(match[1]);
  if ('rejected' in result) {
    return result.rejected === 'expired'
      ? unauthorized(
          'ExpiredAuthenticationToken',
          'The access token expiry UTC time is earlier than current UTC time.',
          uri,
        )
      : unauthorized(
          'InvalidAuthenticationToken',
          'The access token is invalid.',
          uri,
        );
  }
  if (!options.audiences.has(normalizeAudience(result.claims.aud))) {
    return unauthorized(
      'InvalidAuthenticationTokenAudience',
      `The access token has been obtained for wrong audience or resource '${
        result.claims.aud
      }'. It should exactly match with one of the allowed audiences '${[
        ...options.audiences,
      ].join("', '")}'.`,
      uri,
    );
  }
  return result;
}
