import * as crypto from 'node:crypto';
import { templateKey } from '@aib-scorecards/plugin-azure-image-builder-common';
import { parseImageTemplateId } from '../snapshot/imageTemplateId';

const MAX_NAME_LENGTH = 63;
/** 10 hex digits = 40 bits: no collision in practice even across thousands of templates. */
const HASH_LENGTH = 10;

/** `crypto.hash` (Node 21.7+) where there is one: a scan names every template, and it is faster. */
const sha256Hex: (text: string) => string =
  typeof (crypto as any).hash === 'function'
    ? text => (crypto as any).hash('sha256', text, 'hex')
    : text => crypto.createHash('sha256').update(text).digest('hex');

/**
 * The `metadata.name` of a template's entity: its name made a valid entity name, shortened, plus
 * the first hex digits of the SHA-256 of its lower-cased ARM id. Stable (a function of the id only,
 * whatever its casing), unique across subscriptions and resource groups (two templates named
 * `ubuntu` get different hashes), at most 63 characters.
 * @public
 */
export function templateEntityName(resourceId: string): string {
  const hash = sha256Hex(templateKey(resourceId)).slice(0, HASH_LENGTH);
  const name =
    parseImageTemplateId(resourceId)?.name ??
    resourceId.split('/').filter(Boolean).pop() ??
    '';
  const base = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, MAX_NAME_LENGTH - HASH_LENGTH - 1)
    .replace(/^-+|-+$/g, '');
  return base ? `${base}-${hash}` : `aib-${hash}`;
}

/**
 * The entity ref of a template's entity: `resource:default/<templateEntityName>`.
 * @public
 */
export function templateEntityRef(resourceId: string): string {
  return `resource:default/${templateEntityName(resourceId)}`;
}
