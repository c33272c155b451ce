import { SnapshotCollectionError } from '@aib-scorecards/plugin-azure-image-builder-common';
import { redactString } from '../../redaction';

const MAX_MESSAGE = 500;

/** An HTTP status of an SDK error (`RestError`, from either SDK generation), if any. */
export function statusOf(error: unknown): number | undefined {
  const status = (error as { statusCode?: unknown })?.statusCode;
  return typeof status === 'number' ? status : undefined;
}

/** Whether the error is the caller's abort (the whole read stops), not a failed call. */
export function isAbort(error: unknown, signal?: AbortSignal): boolean {
  return (
    signal?.aborted === true ||
    (error instanceof Error && error.name === 'AbortError')
  );
}

/**
 * The `errors` entry of a collection that could not be read: the code as Azure returned it
 * (`AuthorizationFailed`, `ResourceNotFound`, …), else `HTTP <status>`, else the error's
 * name; ARM's message as it wrote it (its first line), redacted and shortened.
 */
export function toCollectionError(
  collection: string,
  error: unknown,
  context?: string,
): SnapshotCollectionError {
  const e = error as { code?: unknown; name?: unknown; message?: unknown };
  const status = statusOf(error);
  let code: string;
  if (typeof e?.code === 'string' && e.code !== '') {
    code = e.code;
  } else if (status !== undefined) {
    code = `HTTP ${status}`;
  } else if (typeof e?.name === 'string' && e.name !== 'Error') {
    code = e.name;
  } else {
    code = 'RequestFailed';
  }
  let message = typeof e?.message === 'string' ? e.message : String(error);
  // ARM's messages can span lines (and the SDK adds the raw body): keep the first paragraph.
  message = message.split('\n')[0].trim();
  if (context) message = `${context}: ${message}`;
  if (message.length > MAX_MESSAGE) {
    message = `${message.slice(0, MAX_MESSAGE)}…`;
  }
  return { collection, code, message: redactString(message) };
}
