/*
 * Finds image templates in the shared fixtures (/work/shared/fixtures, read at test time, never
 * copied): their shapes vary (deployment templates with `resources[]`, REST examples with
 * `parameters`/`responses` bodies, bare resource bodies), so walk every JSON value.
 */
import fs from 'fs';
import path from 'path';
import {
  ArmResource,
  IMAGE_TEMPLATE_RESOURCE_TYPE,
} from '@aib-scorecards/plugin-azure-image-builder-common';
import { isObject } from '../../rules/util';
import { SUB } from './snapshots';

/** Where the shared fixtures are: `../shared/fixtures` beside the repository. */
export const FIXTURES_DIR = path.resolve(
  __dirname,
  '../../../../../../shared/fixtures',
);

/** An image template found in a fixture file. */
export interface FixtureTemplate {
  /** Path of the file relative to the fixtures folder. */
  file: string;
  /** JSON pointer of the template inside the file. */
  pointer: string;
  template: ArmResource;
}

/**
 * Whether a JSON object is an image template: its `type` says so, or it has a `source` and a
 * `distribute` in its `properties` and a `type` that is absent (PUT request bodies) or only the
 * namespace (the Azure samples sent to `az resource create` write `Microsoft.VirtualMachineImages`).
 */
function isImageTemplate(value: Record<string, unknown>): boolean {
  const type = typeof value.type === 'string' ? value.type.toLowerCase() : '';
  if (type === IMAGE_TEMPLATE_RESOURCE_TYPE.toLowerCase()) return true;
  return (
    (type === '' || type === 'microsoft.virtualmachineimages') &&
    isObject(value.properties) &&
    value.properties.source !== undefined &&
    value.properties.distribute !== undefined
  );
}

/** Every image template inside a parsed JSON document, in document order. */
export function extractImageTemplates(
  doc: unknown,
): Array<{ pointer: string; resource: Record<string, unknown> }> {
  const found: Array<{ pointer: string; resource: Record<string, unknown> }> =
    [];
  const walk = (value: unknown, pointer: string) => {
    if (Array.isArray(value)) {
      value.forEach((item, i) => walk(item, `${pointer}/${i}`));
    } else if (isObject(value)) {
      if (isImageTemplate(value)) {
        found.push({ pointer: pointer || '/', resource: value });
        return; // a template holds no other template
      }
      for (const [key, item] of Object.entries(value)) {
        walk(
          item,
          `${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`,
        );
      }
    }
  };
  walk(doc, '');
  return found;
}

function listJsonFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap(entry => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) return listJsonFiles(full);
      return entry.name.endsWith('.json') ? [full] : [];
    })
    .sort();
}

/**
 * Every image template of the fixtures, each given an id in subscription {@link SUB} when it has
 * none (deployment templates and request bodies have none).
 */
export function readFixtureTemplates(dir = FIXTURES_DIR): FixtureTemplate[] {
  const result: FixtureTemplate[] = [];
  for (const full of listJsonFiles(dir)) {
    const file = path.relative(dir, full);
    if (file === 'INDEX.json') continue;
    const doc = JSON.parse(fs.readFileSync(full, 'utf8'));
    extractImageTemplates(doc).forEach(({ pointer, resource }, n) => {
      const stem = path
        .basename(file, '.json')
        .replace(/[^A-Za-z0-9-]/g, '-')
        .slice(0, 50);
      const id =
        typeof resource.id === 'string'
          ? resource.id
          : `/subscriptions/${SUB}/resourceGroups/fixtures/providers/${IMAGE_TEMPLATE_RESOURCE_TYPE}/${stem}-${n}`;
      result.push({
        file,
        pointer,
        template: { ...resource, id } as ArmResource,
      });
    });
  }
  return result;
}
