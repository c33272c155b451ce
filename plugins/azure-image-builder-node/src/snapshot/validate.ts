/*
 * Shape checks of the items of a snapshot. Each check returns the issues it found (field path and
 * what is wrong) and a normalised copy of the item; the caller turns issues into SnapshotProblems
 * with the file, subscription and collection. Only the fields that code reads with a fixed type are
 * checked: unknown fields are kept as they are, so a newer API version's JSON still loads.
 */
import {
  ArmResource,
  IMAGE_TEMPLATE_RESOURCE_TYPE,
} from '@aib-scorecards/plugin-azure-image-builder-common';
import { parseImageTemplateId } from './imageTemplateId';

/** @internal */
export type JsonObject = Record<string, unknown>;

/** One thing wrong with an item. `fatal` issues leave the item out. @internal */
export interface Issue {
  /** Path inside the item, e.g. `properties.source`; `''` for the item itself. */
  field: string;
  problem: string;
  /** What happens when the item is kept anyway (e.g. `tags ignored`). */
  consequence?: string;
}

/** @internal */
export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `a string`, `an array`, `null`: for messages, never the value itself. @internal */
export function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  switch (typeof value) {
    case 'object':
      return 'an object';
    case 'string':
      return 'a string';
    case 'number':
      return 'a number';
    case 'boolean':
      return 'a boolean';
    default:
      return typeof value;
  }
}

/**
 * An unresolved ARM template expression such as `[parameters('customize')]`: templates taken from
 * deployment templates keep them as opaque strings, and rules answer `unknown` for them.
 * @internal
 */
export function isArmExpression(value: unknown): value is string {
  return (
    typeof value === 'string' &&
    value.startsWith('[') &&
    !value.startsWith('[[') &&
    value.trimEnd().endsWith(']')
  );
}

/** `a.b`, `a["odd key"]`. @internal */
export function fieldPath(base: string, key: string | number): string {
  if (typeof key === 'number') return `${base}[${key}]`;
  if (/^[A-Za-z_$][A-Za-z0-9_$-]*$/.test(key)) {
    return base ? `${base}.${key}` : key;
  }
  return `${base}[${JSON.stringify(
    key.length > 60 ? `${key.slice(0, 60)}…` : key,
  )}]`;
}

function own(o: JsonObject, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(o, key);
}

function expected(what: string, value: unknown): string {
  return value === undefined
    ? 'is missing'
    : `expected ${what}, got ${describeType(value)}`;
}

/**
 * Checks `tags` (an object of strings). `null` and an unresolved expression mean "no tags known":
 * they are removed, and the item is kept.
 */
function checkTags(item: JsonObject, issues: Issue[]): void {
  if (!own(item, 'tags') || item.tags === undefined) return;
  const tags = item.tags;
  if (tags === null) {
    delete item.tags;
    return;
  }
  if (isArmExpression(tags)) {
    delete item.tags;
    issues.push({
      field: 'tags',
      problem: 'is an unresolved template expression',
      consequence: 'tags ignored',
    });
    return;
  }
  if (!isObject(tags)) {
    issues.push({
      field: 'tags',
      problem: expected('an object of strings', tags),
    });
    return;
  }
  for (const [key, value] of Object.entries(tags)) {
    if (typeof value !== 'string') {
      issues.push({
        field: fieldPath('tags', key),
        problem: expected('a string', value),
      });
    }
  }
}

/**
 * The checks every ARM resource of a snapshot passes: an object with a non-empty string `id`, and
 * `name`, `type`, `location`, `tags`, `properties` of the types `ArmResource` declares (`null`
 * counts as absent and is removed). Returns the issues and a shallow copy of the item.
 * @internal
 */
export function checkArmResource(value: unknown): {
  issues: Issue[];
  item?: JsonObject;
} {
  if (!isObject(value)) {
    return {
      issues: [
        {
          field: '',
          problem: `expected an object, got ${describeType(value)}`,
        },
      ],
    };
  }
  const item: JsonObject = { ...value };
  const issues: Issue[] = [];
  if (typeof item.id !== 'string' || item.id.trim() === '') {
    issues.push({
      field: 'id',
      problem:
        typeof item.id === 'string'
          ? 'is empty'
          : expected('a string', item.id),
    });
  }
  for (const key of ['name', 'type', 'location']) {
    if (item[key] === null) delete item[key];
    else if (item[key] !== undefined && typeof item[key] !== 'string') {
      issues.push({ field: key, problem: expected('a string', item[key]) });
    }
  }
  checkTags(item, issues);
  if (item.properties === null) delete item.properties;
  else if (item.properties !== undefined && !isObject(item.properties)) {
    issues.push({
      field: 'properties',
      problem: expected('an object', item.properties),
    });
  }
  return { issues, item };
}

/** `value` is absent, `null`, an expression, or passes `ok`. */
function optional(
  container: JsonObject,
  key: string,
  path: string,
  what: string,
  ok: (v: unknown) => boolean,
  issues: Issue[],
): boolean {
  const v = container[key];
  if (v === undefined || v === null || isArmExpression(v)) return false;
  if (!ok(v)) {
    issues.push({ field: fieldPath(path, key), problem: expected(what, v) });
    return false;
  }
  return true;
}

/** An array of objects, each with an optional string `type` (customize, distribute, validations). */
function checkSteps(
  container: JsonObject,
  key: string,
  path: string,
  issues: Issue[],
): void {
  if (!optional(container, key, path, 'an array', Array.isArray, issues)) {
    return;
  }
  const steps = container[key] as unknown[];
  const base = fieldPath(path, key);
  steps.forEach((step, i) => {
    if (isArmExpression(step)) return;
    if (!isObject(step)) {
      issues.push({
        field: fieldPath(base, i),
        problem: expected('an object', step),
      });
      return;
    }
    if (step.type !== undefined && typeof step.type !== 'string') {
      issues.push({
        field: fieldPath(fieldPath(base, i), 'type'),
        problem: expected('a string', step.type),
      });
    }
  });
}

/**
 * The checks of an image template, on top of {@link checkArmResource}: an image template id in the
 * subscription it is listed under, the image template resource type, `properties` present, and
 * the containers the rules walk (`source`, `customize`, `distribute`, `validate`, `vmProfile`,
 * `optimize`, …) of the right types. Unresolved template expressions are accepted where a value is
 * (rules answer `unknown` for them).
 * @internal
 */
export function checkImageTemplate(
  value: unknown,
  subscriptionId: string,
): { issues: Issue[]; item?: ArmResource } {
  const { issues, item } = checkArmResource(value);
  if (!item) return { issues };

  if (typeof item.id === 'string' && item.id.trim() !== '') {
    const parts = parseImageTemplateId(item.id);
    if (!parts) {
      issues.push({
        field: 'id',
        problem: `is not an image template id (/subscriptions/<subscription>/resourceGroups/<group>/providers/${IMAGE_TEMPLATE_RESOURCE_TYPE}/<name>)`,
      });
    } else if (
      parts.subscriptionId.toLowerCase() !== subscriptionId.toLowerCase()
    ) {
      issues.push({
        field: 'id',
        problem: `is in subscription ${parts.subscriptionId}, not in the subscription it is listed under`,
      });
    }
  }
  if (
    typeof item.type === 'string' &&
    item.type.toLowerCase() !== IMAGE_TEMPLATE_RESOURCE_TYPE.toLowerCase()
  ) {
    issues.push({
      field: 'type',
      problem: `is not ${IMAGE_TEMPLATE_RESOURCE_TYPE}`,
    });
  }
  if (item.identity === null) delete item.identity;
  else if (
    item.identity !== undefined &&
    !isObject(item.identity) &&
    !isArmExpression(item.identity)
  ) {
    issues.push({
      field: 'identity',
      problem: expected('an object', item.identity),
    });
  }

  if (item.properties === undefined) {
    issues.push({ field: 'properties', problem: 'is missing' });
  } else if (isObject(item.properties)) {
    const p = item.properties;
    const path = 'properties';
    if (optional(p, 'source', path, 'an object', isObject, issues)) {
      const source = p.source as JsonObject;
      optional(
        source,
        'type',
        'properties.source',
        'a string',
        v => typeof v === 'string',
        issues,
      );
    }
    checkSteps(p, 'customize', path, issues);
    checkSteps(p, 'distribute', path, issues);
    if (optional(p, 'validate', path, 'an object', isObject, issues)) {
      checkSteps(
        p.validate as JsonObject,
        'inVMValidations',
        'properties.validate',
        issues,
      );
    }
    if (optional(p, 'vmProfile', path, 'an object', isObject, issues)) {
      const vmProfile = p.vmProfile as JsonObject;
      optional(
        vmProfile,
        'vnetConfig',
        'properties.vmProfile',
        'an object',
        isObject,
        issues,
      );
      optional(
        vmProfile,
        'userAssignedIdentities',
        'properties.vmProfile',
        'an array of strings',
        v =>
          Array.isArray(v) &&
          v.every(x => typeof x === 'string' || isArmExpression(x)),
        issues,
      );
    }
    optional(p, 'optimize', path, 'an object', isObject, issues);
    optional(p, 'lastRunStatus', path, 'an object', isObject, issues);
    optional(
      p,
      'stagingResourceGroup',
      path,
      'a string',
      v => typeof v === 'string',
      issues,
    );
    optional(
      p,
      'buildTimeoutInMinutes',
      path,
      'a number',
      v => typeof v === 'number',
      issues,
    );
  }
  return { issues, item: item as ArmResource };
}
