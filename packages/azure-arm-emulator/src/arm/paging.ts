import type { ArmError } from './armErrors';

/** The query parameter that carries the position of the next page, as ARM names it. */
export const SKIP_TOKEN = '$skiptoken';

function encodeToken(offset: number): string {
  return Buffer.from(`offset:${offset}`).toString('base64url');
}

function decodeToken(token: string): number | undefined {
  const match = /^offset:(\d+)$/.exec(
    Buffer.from(token, 'base64url').toString('utf8'),
  );
  return match ? Number(match[1]) : undefined;
}

function encodeQuery(query: URLSearchParams): string {
  // Keep `$filter`/`$skiptoken` readable in the log; values are percent-encoded.
  return [...query]
    .map(
      ([key, value]) =>
        `${encodeURIComponent(key).replace(/^%24/, '$')}=${encodeURIComponent(
          value,
        )}`,
    )
    .join('&');
}

/**
 * One page of a list: `{ value, nextLink? }`. The nextLink is absolute, on the origin the client
 * called (an SDK sends its bearer token to whatever host a nextLink names), repeats the request's
 * path and query, and adds an opaque `$skiptoken`. `pageSize` 0 puts everything on one page.
 */
export function pageOf(
  items: readonly unknown[],
  options: {
    query: URLSearchParams;
    pageSize: number;
    origin: string;
    rawPath: string;
  },
): { value: unknown[]; nextLink?: string } | ArmError {
  const token = options.query.get(SKIP_TOKEN);
  const offset = token === null ? 0 : decodeToken(token);
  if (offset === undefined) {
    return {
      status: 400,
      code: 'InvalidSkipToken',
      message: `The ${SKIP_TOKEN} '${token}' is not one this emulator issued.`,
    };
  }
  if (options.pageSize <= 0) return { value: items.slice(offset) };
  const end = offset + options.pageSize;
  const value = items.slice(offset, end);
  if (end >= items.length) return { value };
  const next = new URLSearchParams(options.query);
  next.set(SKIP_TOKEN, encodeToken(end));
  return {
    value,
    nextLink: `${options.origin}${options.rawPath}?${encodeQuery(next)}`,
  };
}
