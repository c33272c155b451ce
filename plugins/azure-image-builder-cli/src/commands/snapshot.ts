import {
  AzureReadOptions,
  AzureReadProgress,
  AzureSourceOptions,
  createImageTemplateSources,
  LoadedSnapshot,
  redactString,
  SourceConfig,
} from '@aib-scorecards/plugin-azure-image-builder-node';
import fs from 'node:fs/promises';
import path from 'node:path';
import { loadCliConfig } from '../config/loadCliConfig';
import { CliError, CliIo, PROGRAM } from '../io';

/** Options of `aib-scorecard snapshot`. */
export interface SnapshotOptions {
  /** app-config files; later files win. */
  config: string[];
  /** The id of the source to read; may be left out when exactly one is configured. */
  source?: string;
  /** Where the snapshot is written; `-` is stdout. */
  out: string;
  /** Options of azure sources that are not configuration (tests: the emulator's CA). */
  azure?: Omit<AzureSourceOptions, 'logger'>;
  signal?: AbortSignal;
}

type LoggerService = NonNullable<AzureSourceOptions['logger']>;

/** Progress is redrawn at most this often on a terminal. */
const PROGRESS_INTERVAL_MS = 100;

function pickSource(sources: SourceConfig[], id: string | undefined) {
  const ids = sources.map(s => `"${s.id}"`).join(', ');
  if (sources.length === 0) {
    throw new CliError(
      'no sources are configured (azureImageBuilder.sources in the --config files)',
    );
  }
  if (id === undefined) {
    if (sources.length > 1) {
      throw new CliError(
        `several sources are configured (${ids}): choose one with --source <id>`,
      );
    }
    return sources[0];
  }
  const source = sources.find(s => s.id === id);
  if (!source) {
    throw new CliError(`no source "${id}" is configured (configured: ${ids})`);
  }
  return source;
}

/** Draws "reading …" on one terminal line; `clear` before any other stderr output. */
function progressLine(io: CliIo, sourceId: string) {
  const tty = (io.stderr as { isTTY?: boolean }).isTTY === true;
  let drawn = false;
  let last = 0;
  return {
    tty,
    update(progress: AzureReadProgress, force = false) {
      if (!tty) return;
      const now = Date.now();
      if (!force && now - last < PROGRESS_INTERVAL_MS) return;
      last = now;
      const { done, total } = progress.subscriptions;
      io.stderr.write(
        `\r\x1b[K${PROGRAM}: reading source "${sourceId}": ${done}/${total} subscriptions, ${progress.calls} calls`,
      );
      drawn = true;
    },
    clear() {
      if (drawn) io.stderr.write('\r\x1b[K');
      drawn = false;
    },
  };
}

/** The source's log as CLI warnings on stderr (collection errors, token refresh failures). */
function cliLogger(io: CliIo, before: () => void): LoggerService {
  const write = (level: string) => (message: string) => {
    before();
    io.stderr.write(`${PROGRAM}: ${level}: ${redactString(message)}\n`);
  };
  const logger: LoggerService = {
    error: write('error'),
    warn: write('warning'),
    info: () => {},
    debug: () => {},
    child: () => logger,
  };
  return logger;
}

async function writeOutput(out: string, text: string, io: CliIo) {
  if (out === '-') {
    io.stdout.write(text);
    return;
  }
  const file = path.resolve(io.cwd, out);
  // Write then rename: an interrupted run never leaves half a snapshot where a good one was.
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    await fs.writeFile(temporary, text, 'utf8');
    await fs.rename(temporary, file);
  } catch (error) {
    await fs.rm(temporary, { force: true });
    throw new CliError(
      `${out}: could not write the snapshot (${
        (error as NodeJS.ErrnoException).code ?? String(error)
      })`,
    );
  }
}

function summary(loaded: LoadedSnapshot): string {
  const { subscriptions } = loaded.snapshot;
  const templates = subscriptions.reduce(
    (n, s) => n + (s.imageTemplates?.length ?? 0),
    0,
  );
  const unreadable = subscriptions.reduce(
    (n, s) => n + (s.errors?.length ?? 0),
    0,
  );
  return `${subscriptions.length} subscription${
    subscriptions.length === 1 ? '' : 's'
  }, ${templates} image template${templates === 1 ? '' : 's'}${
    unreadable
      ? `; ${unreadable} collection${
          unreadable === 1 ? '' : 's'
        } could not be read (null in the snapshot, see its errors)`
      : ''
  }`;
}

/**
 * `aib-scorecard snapshot --config <app-config.yaml> [--source <id>] --out <file>`: reads one
 * configured source (live Azure, or a snapshot file) and writes what it read as a snapshot
 * (SNAPSHOT.md), for air-gapped installs and to reproduce a scan. Progress goes to stderr when it
 * is a terminal. Exit 0 when written (collections that could not be read are `null` in the
 * snapshot, with a warning), 2 when the source cannot be read or the file cannot be written.
 */
export async function snapshotCommand(
  options: SnapshotOptions,
  io: CliIo,
): Promise<number> {
  const error = (message: string) =>
    io.stderr.write(`${PROGRAM}: ${message}\n`);
  let progress: ReturnType<typeof progressLine> | undefined;
  try {
    if (options.config.length === 0) {
      throw new CliError(
        'snapshot needs --config <app-config.yaml> naming the source (azureImageBuilder.sources)',
      );
    }
    const config = await loadCliConfig(options.config, io.cwd);
    const sourceConfig = pickSource(config.sources, options.source);
    const line = progressLine(io, sourceConfig.id);
    progress = line;
    const [source] = createImageTemplateSources(
      { sources: [sourceConfig] },
      {
        baseDir: io.cwd,
        logger: cliLogger(io, () => line.clear()),
        azure: options.azure,
      },
    );
    const readOptions: AzureReadOptions = {
      signal: options.signal,
      onProgress: p =>
        line.update(p, p.subscriptions.done === p.subscriptions.total),
    };
    let loaded: LoadedSnapshot;
    try {
      loaded = await source.read(readOptions);
    } catch (e) {
      throw new CliError(
        `could not read source "${sourceConfig.id}": ${redactString(
          e instanceof Error ? e.message : String(e),
        )}`,
      );
    } finally {
      line.clear();
    }
    for (const problem of loaded.problems) {
      error(`warning: left out: ${redactString(problem.message)}`);
    }
    await writeOutput(
      options.out,
      `${JSON.stringify(loaded.snapshot, null, 2)}\n`,
      io,
    );
    error(
      `wrote ${
        options.out === '-' ? 'the snapshot to stdout' : options.out
      }: ${summary(loaded)}`,
    );
    return 0;
  } catch (e) {
    progress?.clear();
    if (e instanceof CliError) {
      error(e.message);
      return e.exitCode;
    }
    throw e;
  }
}
