import {
  createHash,
  createHmac,
  randomBytes,
  timingSafeEqual,
} from 'node:crypto';

/** The claims of a token the emulator issues (a subset of an Entra ID v1 app token). @public */
export interface EmulatorTokenClaims {
  /** The resource, e.g. `https://management.azure.com` (the scope without `/.default`). */
  aud: string;
  iss: string;
  tid: string;
  appid: string;
  oid: string;
  sub: string;
  iat: number;
  nbf: number;
  exp: number;
  ver: '1.0';
  idtyp: 'app';
}

/** Why a bearer token was refused. */
export type TokenRejection = 'malformed' | 'signature' | 'expired';

/** A stable GUID-shaped object id for a client in a tenant, so 403 messages name one. */
export function objectIdFor(tenantId: string, clientId: string): string {
  const hex = createHash('sha256')
    .update(`${tenantId.toLowerCase()}/${clientId.toLowerCase()}`)
    .digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(
    13,
    16,
  )}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

const b64 = (value: unknown) =>
  Buffer.from(JSON.stringify(value)).toString('base64url');

/**
 * Issues and checks JWT-shaped bearer tokens signed (HS256) with a key made at start, so only
 * tokens this emulator issued are accepted, and an emulator restart invalidates old ones.
 */
export class TokenIssuer {
  private readonly key = randomBytes(32);

  issue(options: {
    audience: string;
    tenantId: string;
    clientId: string;
    lifetimeSeconds?: number;
  }): { token: string; claims: EmulatorTokenClaims } {
    const now = Math.floor(Date.now() / 1000);
    const oid = objectIdFor(options.tenantId, options.clientId);
    const claims: EmulatorTokenClaims = {
      aud: options.audience,
      iss: `https://sts.windows.net/${options.tenantId}/`,
      tid: options.tenantId,
      appid: options.clientId,
      oid,
      sub: oid,
      iat: now,
      nbf: now - 300,
      exp: now + (options.lifetimeSeconds ?? 3599),
      ver: '1.0',
      idtyp: 'app',
    };
    const unsigned = `${b64({ typ: 'JWT', alg: 'HS256' })}.${b64(claims)}`;
    return { token: `${unsigned}.${this.sign(unsigned)}`, claims };
  }

  verify(
    token: string,
  ): { claims: EmulatorTokenClaims } | { rejected: TokenRejection } {
    const parts = token.split('.');
    if (parts.length !== 3) return { rejected: 'malformed' };
    const expected = Buffer.from(this.sign(`${parts[0]}.${parts[1]}`));
    const actual = Buffer.from(parts[2]);
    if (
      expected.length !== actual.length ||
      !timingSafeEqual(expected, actual)
    ) {
      return { rejected: 'signature' };
    }
    let claims: EmulatorTokenClaims;
    try {
      claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
    } catch {
      return { rejected: 'malformed' };
    }
    if (claims.exp * 1000 <= Date.now()) return { rejected: 'expired' };
    return { claims };
  }

  private sign(data: string): string {
    return createHmac('sha256', this.key).update(data).digest('base64url');
  }
}
