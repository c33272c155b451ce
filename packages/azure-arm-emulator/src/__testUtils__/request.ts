import https from 'node:https';
import type { ArmEmulator } from '../server/startArmEmulator';

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: any;
}

/** A token for ARM from the emulator's in-process credential. */
export async function armToken(
  emulator: ArmEmulator,
  options: { tenantId?: string; scope?: string } = {},
): Promise<string> {
  const { token } = await emulator
    .credential({ tenantId: options.tenantId })
    .getToken(options.scope ?? 'https://management.azure.com/.default');
  return token;
}

/**
 * A raw HTTPS request to the emulator (no SDK), trusting its CA. `token: null` sends no
 * Authorization header; `host` overrides the host name used (e.g. `localhost`).
 */
export function rawRequest(
  emulator: ArmEmulator,
  pathAndQuery: string,
  options: {
    token?: string | null;
    method?: string;
    body?: string;
    host?: string;
    headers?: Record<string, string>;
  } = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const request = https.request(
      {
        host: options.host ?? '127.0.0.1',
        port: emulator.port,
        path: pathAndQuery,
        method: options.method ?? 'GET',
        ca: emulator.caPem,
        // A fresh connection per request: some tests reset sockets.
        agent: false,
        headers: {
          ...(options.token
            ? { authorization: `Bearer ${options.token}` }
            : {}),
          ...(options.body
            ? { 'content-type': 'application/x-www-form-urlencoded' }
            : {}),
          ...options.headers,
        },
      },
      response => {
        const chunks: Buffer[] = [];
        response.on('data', chunk => chunks.push(chunk));
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let body: unknown = text;
          try {
            body = JSON.parse(text);
          } catch {
            // not JSON: keep the text
          }
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body,
          });
        });
      },
    );
    request.on('error', reject);
    if (options.body) request.write(options.body);
    request.end();
  });
}
