import { parseArgs } from 'node:util';
import { parseFaultSpec, type FaultRule } from '../faults/parseFaultSpec';

/** The command line, checked. */
export interface CliOptions {
  snapshot: string;
  port: number;
  pageSize: number;
  faults: FaultRule[];
  faultSpec?: string;
  latencyMs: number;
  log?: string;
  certOut?: string;
  clients: Record<string, string>;
}

export const USAGE = `Usage: yarn azure-arm-emulator --snapshot <file> [options]

Serves an AIB Scorecards snapshot as Azure Resource Manager over HTTPS on 127.0.0.1,
with an Entra ID token endpoint. Prints one JSON "ready" line on stdout.

Options:
  --snapshot <file>     the snapshot to serve (required)
  --port <n>            TCP port on 127.0.0.1 (default 0: a free port)
  --page-size <n>       items per list page, with nextLink (default 0: one page)
  --faults <spec>       faults on demand, e.g. "throttle:every=5,retryAfter=1;forbid:collection=locks"
  --latency-ms <n>      milliseconds added to every request
  --log <file>          one JSON line per request
  --cert-out <file>     write the CA certificate (PEM) there (default: a temporary file)
  --client <id:secret>  accept only these client credentials at the token endpoint (repeatable)
  --help                this text
`;

function nonNegativeInteger(name: string, value: string | undefined): number {
  if (value === undefined) return 0;
  if (!/^\d+$/.test(value)) {
    throw new Error(`--${name} must be a non-negative integer, got "${value}"`);
  }
  return Number(value);
}

/**
 * Parses and checks the arguments; throws an error naming the option when they are wrong, and
 * returns `'help'` for `--help`.
 */
export function parseCliArgs(argv: string[]): CliOptions | 'help' {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      snapshot: { type: 'string' },
      port: { type: 'string' },
      'page-size': { type: 'string' },
      faults: { type: 'string' },
      'latency-ms': { type: 'string' },
      log: { type: 'string' },
      'cert-out': { type: 'string' },
      client: { type: 'string', multiple: true },
      help: { type: 'boolean' },
    },
  });
  if (values.help) return 'help';
  if (positionals.length > 0) {
    throw new Error(`unexpected argument "${positionals[0]}"`);
  }
  if (!values.snapshot) throw new Error('--snapshot <file> is required');
  const port = nonNegativeInteger('port', values.port);
  if (port > 65535)
    throw new Error(`--port must be at most 65535, got ${port}`);
  const clients: Record<string, string> = {};
  for (const pair of values.client ?? []) {
    const colon = pair.indexOf(':');
    if (colon <= 0 || colon === pair.length - 1) {
      throw new Error(`--client must be <id>:<secret>, got "${pair}"`);
    }
    clients[pair.slice(0, colon)] = pair.slice(colon + 1);
  }
  return {
    snapshot: values.snapshot,
    port,
    pageSize: nonNegativeInteger('page-size', values['page-size']),
    faults: values.faults ? parseFaultSpec(values.faults) : [],
    faultSpec: values.faults,
    latencyMs: nonNegativeInteger('latency-ms', values['latency-ms']),
    log: values.log,
    certOut: values['cert-out'],
    clients,
  };
}
