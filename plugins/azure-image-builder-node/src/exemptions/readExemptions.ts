import {
  KubernetesValidatorFunctions,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { JsonObject } from '@backstage/types';
import {
  expected,
  invalid,
  isObject,
  readString,
  rejectUnknownKeys,
} from '../config/configValues';
import { parseOwnerRef } from '../entity/ownerRef';
import { parseImageTemplateId } from '../snapshot/imageTemplateId';
import { parseExpiry } from './expires';
import { ExemptionConfig, ExemptionSelector } from './types';

const KEY = 'azureImageBuilder.exemptions';
const FIELDS = ['rule', 'selector', 'reason', 'grantedBy', 'expires'];
const SELECTORS = ['templateId', 'entityRef', 'owner', 'tag'];

/** `resource:default/<name>` for a resource entity ref (kind and namespace may be left out). */
function resourceEntityRef(value: string): string | undefined {
  try {
    const ref = parseEntityRef(value.trim(), {
      defaultKind: 'resource',
      defaultNamespace: 'default',
    });
    if (
      ref.kind.toLowerCase() !== 'resource' ||
      !KubernetesValidatorFunctions.isValidNamespace(
        ref.namespace.toLowerCase(),
      ) ||
      !KubernetesValidatorFunctions.isValidObjectName(ref.name)
    ) {
      return undefined;
    }
    return stringifyEntityRef({ ...ref, kind: 'resource' });
  } catch {
    return undefined;
  }
}

function readSelector(raw: unknown, path: string): ExemptionSelector {
  const expectedSelector = `an object with one of ${SELECTORS.map(
    s => `"${s}"`,
  ).join(', ')}`;
  if (!isObject(raw)) throw invalid(path, expected(expectedSelector, raw));
  rejectUnknownKeys(raw, SELECTORS, path, 'a selector');
  const keys = Object.keys(raw).filter(k => raw[k] !== undefined);
  if (keys.length !== 1) {
    throw invalid(
      path,
      keys.length === 0
        ? `is empty, expected ${expectedSelector}`
        : `has ${keys
            .map(k => `"${k}"`)
            .join(' and ')}; give exactly one selector`,
    );
  }
  const kind = keys[0];
  if (kind === 'templateId') {
    const id = readString(raw, kind, path).trim();
    if (!parseImageTemplateId(id)) {
      throw invalid(
        `${path}.templateId`,
        `"${id}" is not the ARM id of an image template (/subscriptions/<id>/resourceGroups/<group>/providers/Microsoft.VirtualMachineImages/imageTemplates/<name>)`,
      );
    }
    return { templateId: id };
  }
  if (kind === 'entityRef') {
    const value = readString(raw, kind, path);
    const ref = resourceEntityRef(value);
    if (!ref) {
      throw invalid(
        `${path}.entityRef`,
        `"${value}" is not a resource entity ref (e.g. "resource:default/aib-ubuntu-base-1a2b3c4d5e")`,
      );
    }
    return { entityRef: ref };
  }
  if (kind === 'owner') {
    const value = readString(raw, kind, path);
    const ref = parseOwnerRef(value);
    if (!ref) {
      throw invalid(
        `${path}.owner`,
        `"${value}" is not a group or user entity ref (e.g. "group:default/platform" or "platform")`,
      );
    }
    return { owner: ref };
  }
  const tpath = `${path}.tag`;
  const tag = raw.tag;
  if (!isObject(tag)) {
    throw invalid(tpath, expected('an object with "name" and "value"', tag));
  }
  rejectUnknownKeys(tag, ['name', 'value'], tpath, 'a tag selector');
  const name = readString(tag, 'name', tpath).trim();
  if (tag.value === undefined) return { tag: { name } };
  if (typeof tag.value !== 'string') {
    throw invalid(`${tpath}.value`, expected('a string', tag.value));
  }
  return { tag: { name, value: tag.value } };
}

/**
 * Reads one exemption (`azureImageBuilder.exemptions[i]`): every field is required, the selector
 * must be valid and `expires` an ISO 8601 date or date-time with a zone. Whether the rule is
 * enabled is checked when the exemptions meet the rule engine ({@link createExemptions}). Throws
 * naming the key.
 * @public
 */
export function readExemption(raw: unknown, path: string): ExemptionConfig {
  if (!isObject(raw)) throw invalid(path, expected('an object', raw));
  const entry = raw as JsonObject;
  rejectUnknownKeys(entry, FIELDS, path, 'an exemption');
  const rule = readString(entry, 'rule', path).trim();
  const selector = readSelector(entry.selector, `${path}.selector`);
  const reason = readString(entry, 'reason', path);
  const grantedBy = readString(entry, 'grantedBy', path);
  const expires = readString(entry, 'expires', path).trim();
  if (parseExpiry(expires) === undefined) {
    throw invalid(
      `${path}.expires`,
      `"${expires}" is not an ISO 8601 date (2026-12-31) or date-time with a zone (2026-12-31T18:00:00Z)`,
    );
  }
  return { rule, selector, reason, grantedBy, expires };
}

/**
 * Reads `azureImageBuilder.exemptions` (a list; absent: none). Throws naming the key, e.g.
 * `Invalid config at azureImageBuilder.exemptions[2].expires: ...`.
 * @public
 */
export function readExemptions(raw: unknown, path = KEY): ExemptionConfig[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) {
    throw invalid(path, expected('a list of exemptions', raw));
  }
  return raw.map((entry, i) => readExemption(entry, `${path}[${i}]`));
}
