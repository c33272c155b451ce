import { ArmResource } from '@aib-scorecards/plugin-azure-image-builder-common';
import { isArmExpression, isObject } from '../snapshot/validate';

/** Label keys of a template's entity. @public */
export const LABEL_OS = 'azure-image-builder/os';
/** @public */
export const LABEL_SOURCE_TYPE = 'azure-image-builder/source-type';
/** @public */
export const LABEL_DISTRIBUTION = 'azure-image-builder/distribution';

const MAX_LABEL_LENGTH = 63;
/** Customizer and validator types that only exist for one OS (image template reference). */
const WINDOWS_STEPS = new Set([
  'powershell',
  'windowsrestart',
  'windowsupdate',
]);
const LINUX_STEPS = new Set(['shell']);

function isText(value: unknown): value is string {
  return typeof value === 'string' && value !== '' && !isArmExpression(value);
}

function stepTypes(template: ArmResource): string[] {
  const p = isObject(template.properties) ? template.properties : {};
  const validate = isObject(p.validate) ? p.validate : {};
  return [p.customize, validate.inVMValidations]
    .flatMap(steps => (Array.isArray(steps) ? steps : []))
    .map(step =>
      isObject(step) && isText(step.type) ? step.type.toLowerCase() : '',
    )
    .filter(Boolean);
}

/**
 * `windows` or `linux`, from the source image (a platform image whose publisher or offer says
 * Windows), else from the customizers (PowerShell, WindowsRestart and WindowsUpdate only run on
 * Windows, Shell only on Linux), else `linux` for any other platform image; `undefined` when it
 * cannot be told (a managed or gallery image customized with OS-neutral steps only).
 * @public
 */
export function inferTemplateOs(
  template: ArmResource,
): 'linux' | 'windows' | undefined {
  const p = isObject(template.properties) ? template.properties : {};
  const source = isObject(p.source) ? p.source : {};
  const isPlatform =
    isText(source.type) && source.type.toLowerCase() === 'platformimage';
  const named = [source.publisher, source.offer].filter(isText);
  if (isPlatform && named.some(n => /windows/i.test(n))) return 'windows';
  const types = stepTypes(template);
  const windows = types.some(t => WINDOWS_STEPS.has(t));
  const linux = types.some(t => LINUX_STEPS.has(t));
  if (windows !== linux) return windows ? 'windows' : 'linux';
  if (isPlatform && named.length > 0) return 'linux';
  return undefined;
}

/** A valid label value (`[a-z0-9]` words joined by `sep`), or undefined. */
function labelValue(words: string[], sep: string): string | undefined {
  let value = '';
  for (const word of words) {
    const next = value ? `${value}${sep}${word}` : word;
    // Cut at a word boundary rather than in the middle of a type name.
    if (next.length > MAX_LABEL_LENGTH) break;
    value = next;
  }
  return value || undefined;
}

/** `PlatformImage` → `platform-image`. */
function kebab(value: string): string[] {
  return value
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/**
 * The labels of a template's entity: OS, source type and distribution kinds (`managedimage.sharedimage`),
 * each left out when unknown.
 * @public
 */
export function templateLabels(template: ArmResource): Record<string, string> {
  const labels: Record<string, string> = {};
  const os = inferTemplateOs(template);
  if (os) labels[LABEL_OS] = os;

  const p = isObject(template.properties) ? template.properties : {};
  const source = isObject(p.source) ? p.source : {};
  if (isText(source.type)) {
    const sourceType = labelValue(kebab(source.type), '-');
    if (sourceType) labels[LABEL_SOURCE_TYPE] = sourceType;
  }

  const kinds = new Set<string>();
  for (const target of Array.isArray(p.distribute) ? p.distribute : []) {
    if (isObject(target) && isText(target.type)) {
      const kind = target.type.toLowerCase().replace(/[^a-z0-9]+/g, '');
      if (kind) kinds.add(kind);
    }
  }
  const distribution = labelValue([...kinds].sort(), '.');
  if (distribution) labels[LABEL_DISTRIBUTION] = distribution;
  return labels;
}
