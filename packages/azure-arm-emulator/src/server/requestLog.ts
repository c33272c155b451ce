import { createWriteStream, type WriteStream } from 'node:fs';

/** One line of the request log. @public */
export interface RequestLogEntry {
  /** When the request arrived (ISO 8601). */
  time: string;
  method: string;
  /** The path as the client sent it (before `//` and case are normalised). */
  path: string;
  /** The query parameters, URL-decoded. */
  query: Record<string, string>;
  status: number;
  /** Time from arrival to the last byte written, including injected latency. */
  durationMs: number;
  /** The route that answered (`imageTemplates.list`, `token`, ...), `null` when none matched. */
  route: string | null;
  /** The collection the route reads (`token` for the Entra ID endpoints). */
  collection?: string;
  subscriptionId?: string;
  /** The fault rule that answered, as written. */
  fault?: string;
  /** The ARM error code of an error answer. */
  errorCode?: string;
  /** `x-ms-request-id` of the answer. */
  requestId: string;
}

/** Where log entries go: a file (one JSON line each), a callback, or both. @public */
export type RequestLogTarget = string | ((entry: RequestLogEntry) => void);

/**
 * Forwards entries to the configured target and, unless `keep` is false (a long-running CLI),
 * keeps them in memory for `requests()`.
 */
export class RequestLog {
  private readonly entries: RequestLogEntry[] = [];
  private readonly stream?: WriteStream;
  private readonly callback?: (entry: RequestLogEntry) => void;

  constructor(target?: RequestLogTarget, private readonly keep = true) {
    if (typeof target === 'string') {
      this.stream = createWriteStream(target, { flags: 'w' });
    } else if (target) {
      this.callback = target;
    }
  }

  record(entry: RequestLogEntry): void {
    if (this.keep) this.entries.push(entry);
    this.stream?.write(`${JSON.stringify(entry)}\n`);
    this.callback?.(entry);
  }

  all(): RequestLogEntry[] {
    return [...this.entries];
  }

  clear(): void {
    this.entries.length = 0;
  }

  async close(): Promise<void> {
    const stream = this.stream;
    if (!stream) return;
    await new Promise<void>((resolve, reject) =>
      stream.end((error?: Error | null) => (error ? reject(error) : resolve())),
    );
  }
}
