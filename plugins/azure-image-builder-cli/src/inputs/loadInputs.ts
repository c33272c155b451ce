import {
  ArmResource,
  Snapshot,
  templateKey,
} from '@aib-scorecards/plugin-azure-image-builder-common';
import {
  ArmDocumentTemplates,
  parseScoringInput,
  redactString,
  snapshotFromArmDocuments,
  SnapshotError,
  SnapshotProblem,
} from '@aib-scorecards/plugin-azure-image-builder-node';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { findTemplateLine } from './findTemplateLine';

/** Where a template of a scan came from. */
export interface TemplateOrigin {
  file: string;
  line: number;
  /** Sort key: the file's position on the command line, then the template's in the file. */
  order: [number, number];
}

/** A snapshot to score, and where each of its templates came from (by `templateKey`). */
export interface Scan {
  snapshot: Snapshot;
  origins: Map<string, TemplateOrigin>;
}

/** The inputs, read. */
export interface LoadedInputs {
  scans: Scan[];
  /** Files that could not be read and templates that were left out: each names file and field. */
  errors: string[];
  /** Readable files without any image template. */
  warnings: string[];
}

const READ_ERRORS: Record<string, string> = {
  ENOENT: 'file not found',
  EISDIR: 'is a directory, expected a JSON file',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
};

async function readBytes(file: string, cwd: string): Promise<Buffer> {
  try {
    return await fs.readFile(path.resolve(cwd, file));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException)?.code;
    throw new SnapshotError(
      `${file}: ${
        (code && READ_ERRORS[code]) ?? `could not be read (${code ?? error})`
      }`,
      { file },
    );
  }
}

/** For finding lines only: parsing decodes on its own (UTF-16 with a byte order mark too). */
function decode(bytes: Buffer): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    return bytes.subarray(2).toString('utf16le');
  }
  return bytes.toString('utf8');
}

function problemMessages(problems: SnapshotProblem[]): string[] {
  return problems.map(p => redactString(p.message));
}

/**
 * Reads every input file: snapshots are scanned one by one; the templates of ARM documents
 * (single templates, list responses, deployment templates) are scanned together, as one scan, so
 * templates of one image family in different files see each other. A file that cannot be read
 * is reported and the others are still read.
 */
export async function loadInputs(
  files: readonly string[],
  options: { cwd: string; capturedAt?: string },
): Promise<LoadedInputs> {
  const scans: Scan[] = [];
  const errors: string[] = [];
  const warnings: string[] = [];
  const armDocuments: ArmDocumentTemplates[] = [];
  const armOrigins = new Map<string, TemplateOrigin>();

  for (const [fileIndex, file] of files.entries()) {
    let bytes: Buffer;
    let input;
    try {
      bytes = await readBytes(file, options.cwd);
      input = parseScoringInput(bytes, { file });
    } catch (error) {
      if (!(error instanceof SnapshotError)) throw error;
      errors.push(redactString(error.message));
      continue;
    }
    const text = decode(bytes);
    const origin = (
      template: ArmResource,
      index: number,
      byName: boolean,
    ): TemplateOrigin => ({
      file,
      line: findTemplateLine(text, template, { byName }),
      order: [fileIndex, index],
    });
    errors.push(...problemMessages(input.problems));

    if (input.kind === 'snapshot') {
      const origins = new Map<string, TemplateOrigin>();
      let index = 0;
      for (const sub of input.snapshot.subscriptions) {
        for (const template of sub.imageTemplates ?? []) {
          origins.set(
            templateKey(template.id),
            origin(template, index++, false),
          );
        }
      }
      if (index === 0 && input.problems.length === 0) {
        warnings.push(`${file}: the snapshot has no image templates`);
      }
      scans.push({ snapshot: input.snapshot, origins });
      continue;
    }

    input.templates.forEach((t, index) => {
      const key = templateKey(t.template.id);
      // A duplicate id across files is reported by snapshotFromArmDocuments; the first one stays.
      if (!armOrigins.has(key)) {
        armOrigins.set(key, origin(t.template, index, t.syntheticId));
      }
    });
    if (input.templates.length === 0 && input.problems.length === 0) {
      warnings.push(`${file}: no image templates found`);
    }
    armDocuments.push(input);
  }

  if (armDocuments.length > 0) {
    const { snapshot, problems } = snapshotFromArmDocuments(armDocuments, {
      capturedAt: options.capturedAt,
    });
    // The documents' own problems were reported above; these are the duplicates across files.
    const own = new Set(armDocuments.flatMap(d => d.problems));
    errors.push(...problemMessages(problems.filter(p => !own.has(p))));
    scans.push({ snapshot, origins: armOrigins });
  }
  return { scans, errors, warnings };
}
