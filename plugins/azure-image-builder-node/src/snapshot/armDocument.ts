/*
 * Image templates from the ARM documents a user has at hand instead of a snapshot: a single
 * `imageTemplates` resource (wire JSON, a resource body, or the flattened form the Azure CLI
 * prints), an ARM list response (`{ "value": [...] }`, or a bare array), and an ARM deployment
 * template (`resources[]`, also inside nested `Microsoft.Resources/deployments`). They carry no
 * triggers, locks, role data or identities, so the snapshot made of them has those collections
 * `null` and the rules that need them answer `unknown`.
 */
import {
  ArmResource,
  IMAGE_TEMPLATE_RESOURCE_TYPE,
  Snapshot,
  SnapshotCollection,
  SNAPSHOT_KIND,
  SNAPSHOT_VERSION,
  SnapshotSubscription,
  templateKey,
} from '@aib-scorecards/plugin-azure-image-builder-common';
import { redactString } from '../redaction';
import { parseImageTemplateId } from './imageTemplateId';
import { parseSnapshot, toDocument } from './parseSnapshot';
import { readInputFile } from './readSnapshotFile';
import { SnapshotError } from './SnapshotError';
import { LoadedSnapshot, SnapshotProblem } from './types';
import {
  checkImageTemplate,
  describeType,
  fieldPath,
  isArmExpression,
  isObject,
  JsonObject,
} from './validate';

/** The shapes of ARM document that hold image templates. @public */
export type ArmDocumentKind =
  | 'arm-resource'
  | 'arm-list'
  | 'arm-deployment-template';

/** What an input file holds: a snapshot, or one of the ARM document shapes. @public */
export type ScoringInputKind = 'snapshot' | ArmDocumentKind;

/**
 * The subscription of the ids made up for templates that have none (deployment templates and
 * resource bodies): `/subscriptions/<this>/resourceGroups/<file>/providers/…/imageTemplates/<name>`.
 * @public
 */
export const SYNTHETIC_SUBSCRIPTION_ID = '00000000-0000-0000-0000-000000000000';

/** One image template found in an ARM document. @public */
export interface ArmDocumentTemplate {
  /** Checked and normalised ARM wire JSON (with `properties`), with an image template `id`. */
  template: ArmResource;
  /** Where it is in the document, e.g. `resources[2]`; `''` when it is the whole document. */
  path: string;
  /** Whether `template.id` was made up because the document had none (see {@link SYNTHETIC_SUBSCRIPTION_ID}). */
  syntheticId: boolean;
}

/** The image templates of one ARM document. @public */
export interface ArmDocumentTemplates {
  kind: ArmDocumentKind;
  file?: string;
  /** In document order. */
  templates: ArmDocumentTemplate[];
  /** Templates that could not be read (left out), naming the file, where and the field. */
  problems: SnapshotProblem[];
}

/** A parsed input: a snapshot, or the templates of an ARM document. @public */
export type ScoringInput =
  | ({ kind: 'snapshot'; file?: string } & LoadedSnapshot)
  | ArmDocumentTemplates;

const DEPLOYMENTS_TYPE = 'Microsoft.Resources/deployments';

/** The collections a snapshot made of ARM documents cannot have. */
const NOT_IN_ARM_DOCUMENTS: readonly SnapshotCollection[] = [
  'resourceGroups',
  'triggers',
  'locks',
  'roleAssignments',
  'roleDefinitions',
  'userAssignedIdentities',
];
/** The code rules use for a collection that was not collected (the engine's `NOT_COLLECTED`). */
const NOT_COLLECTED_CODE = 'NotCollected';
/** Nested deployments deeper than this are not followed (a guard, not a real-world limit). */
const MAX_DEPLOYMENT_DEPTH = 10;
/** ARM resource group names: up to 90 of these characters. */
const RESOURCE_GROUP_CHARS = /[^A-Za-z0-9_.()-]/g;
const MAX_RESOURCE_GROUP_LENGTH = 90;

/** Top-level keys of an ARM resource; anything else of a flattened template is a property. */
const ENVELOPE_KEYS = new Set([
  'id',
  'name',
  'type',
  'location',
  'tags',
  'identity',
  'systemData',
  'apiVersion',
  'dependsOn',
  'etag',
  'kind',
  'sku',
  'plan',
  'zones',
  'extendedLocation',
  'managedBy',
  'resources',
  'copy',
  'condition',
  'comments',
  'scope',
  'resourceGroup',
]);

function sameType(value: unknown, type: string): boolean {
  return (
    typeof value === 'string' && value.toLowerCase() === type.toLowerCase()
  );
}

/** Ids and names in messages are the user's text: shortened, and never a secret. */
function clip(text: string): string {
  return redactString(text.length > 200 ? `${text.slice(0, 200)}…` : text);
}

/** The SDK / `az image builder show` form: no `properties`, the template's fields at the top. */
function isFlattened(doc: JsonObject): boolean {
  return (
    doc.properties === undefined &&
    (isObject(doc.source) ||
      Array.isArray(doc.distribute) ||
      Array.isArray(doc.customize))
  );
}

/**
 * Microsoft's quick starts (`az resource create --is-full-object --resource-type …`) give resource
 * bodies `"type": "Microsoft.VirtualMachineImages"`: the CLI takes the type from its argument.
 */
const PROVIDER_NAMESPACE = IMAGE_TEMPLATE_RESOURCE_TYPE.split('/')[0];

function isTemplateType(value: unknown): boolean {
  return (
    sameType(value, IMAGE_TEMPLATE_RESOURCE_TYPE) ||
    sameType(value, PROVIDER_NAMESPACE)
  );
}

function looksLikeResource(doc: JsonObject): boolean {
  return (
    isObject(doc.properties) || isTemplateType(doc.type) || isFlattened(doc)
  );
}

/**
 * The ARM shape of a parsed JSON document, or `undefined` when it is none of them. A snapshot is
 * not an ARM document: check `kind` first.
 * @public
 */
export function detectArmDocumentKind(
  doc: unknown,
): ArmDocumentKind | undefined {
  if (Array.isArray(doc)) return 'arm-list';
  if (!isObject(doc)) return undefined;
  if (Array.isArray(doc.value)) return 'arm-list';
  if (looksLikeResource(doc)) return 'arm-resource';
  if (Array.isArray(doc.resources) || isObject(doc.resources)) {
    return 'arm-deployment-template';
  }
  return undefined;
}

/** `templates/x.json` → `templates_x.json`: a valid resource group name, unique per path. */
function syntheticResourceGroup(file: string | undefined): string {
  const name = (file ?? 'input')
    .replace(RESOURCE_GROUP_CHARS, '_')
    .replace(/\.+$/, '');
  // Keep the end of a long path: the file name tells more than its first folders.
  return (name || 'input').slice(-MAX_RESOURCE_GROUP_LENGTH);
}

function fileStem(file: string | undefined): string {
  if (!file) return 'template';
  const base = file.split(/[\\/]/).pop() ?? file;
  return base.replace(/\.json$/i, '') || 'template';
}

interface Candidate {
  value: unknown;
  /** JSON path of the item, `''` for the whole document. */
  path: string;
  /** The container, for `SnapshotProblem.collection`, and the index in it. */
  collection?: string;
  index?: number;
  /** Name used when the item has none. */
  fallbackName: string;
}

/** The items of a list or deployment template that are (or may be) image templates. */
function candidates(
  doc: unknown,
  kind: ArmDocumentKind,
  file: string | undefined,
): Candidate[] {
  const stem = fileStem(file);
  if (kind === 'arm-resource') {
    return [{ value: doc, path: '', fallbackName: stem }];
  }
  if (kind === 'arm-list') {
    const items = Array.isArray(doc) ? doc : ((doc as JsonObject).value as []);
    const collection = Array.isArray(doc) ? '' : 'value';
    return items.flatMap((value: unknown, index: number) =>
      // A list may hold other resource types (`az resource list`): only templates are scored.
      isObject(value) && value.type !== undefined && !isTemplateType(value.type)
        ? []
        : [
            {
              value,
              path: fieldPath(collection, index),
              collection,
              index,
              fallbackName: `${stem}-${index}`,
            },
          ],
    );
  }
  const found: Candidate[] = [];
  const walk = (resources: unknown, base: string, depth: number) => {
    const entries: Array<[string | number, unknown]> = Array.isArray(resources)
      ? resources.map((r, i) => [i, r])
      : Object.entries(resources as JsonObject);
    for (const [key, value] of entries) {
      if (!isObject(value)) continue;
      const path = fieldPath(base, key);
      if (sameType(value.type, IMAGE_TEMPLATE_RESOURCE_TYPE)) {
        found.push({
          value,
          path,
          collection: base,
          ...(typeof key === 'number' ? { index: key } : {}),
          fallbackName: `${stem}-${found.length}`,
        });
      } else if (
        sameType(value.type, DEPLOYMENTS_TYPE) &&
        depth < MAX_DEPLOYMENT_DEPTH &&
        isObject(value.properties) &&
        isObject(value.properties.template)
      ) {
        const inner = value.properties.template.resources;
        if (Array.isArray(inner) || isObject(inner)) {
          walk(inner, `${path}.properties.template.resources`, depth + 1);
        }
      }
    }
  };
  walk((doc as JsonObject).resources, 'resources', 0);
  return found;
}

/** A flattened template with its fields moved under `properties`, as ARM returns it. */
function unflatten(item: JsonObject): JsonObject {
  const out: JsonObject = {};
  const properties: JsonObject = {};
  for (const [key, value] of Object.entries(item)) {
    if (ENVELOPE_KEYS.has(key)) out[key] = value;
    else properties[key] = value;
  }
  out.properties = properties;
  return out;
}

class TemplateReader {
  readonly templates: ArmDocumentTemplate[] = [];
  readonly problems: SnapshotProblem[] = [];
  private readonly usedIds = new Set<string>();
  private readonly resourceGroup: string;

  constructor(private readonly label: string, private readonly file?: string) {
    this.resourceGroup = syntheticResourceGroup(file);
  }

  private problem(
    candidate: Candidate,
    who: string | undefined,
    field: string,
    text: string,
    consequence = 'template left out',
  ) {
    const where = candidate.path
      ? `${candidate.path}${who ? ` (${clip(who)})` : ''}`
      : '';
    const message = [this.label, where, field]
      .filter(Boolean)
      .join(': ')
      .concat(`: ${text}; ${consequence}`);
    const entry: SnapshotProblem = { field, message };
    if (this.file !== undefined) entry.file = this.file;
    if (candidate.collection !== undefined) {
      entry.collection = candidate.collection;
    }
    if (candidate.index !== undefined) entry.index = candidate.index;
    if (who !== undefined) entry.id = clip(who);
    this.problems.push(entry);
  }

  /** `/subscriptions/0…0/resourceGroups/<file>/providers/…/imageTemplates/<name>`, unique in the document. */
  private syntheticId(name: string): string {
    const safe = name.replace(/\//g, '_');
    let id = '';
    for (let n = 1; ; n++) {
      id = `/subscriptions/${SYNTHETIC_SUBSCRIPTION_ID}/resourceGroups/${
        this.resourceGroup
      }/providers/${IMAGE_TEMPLATE_RESOURCE_TYPE}/${
        n === 1 ? safe : `${safe}-${n}`
      }`;
      if (!this.usedIds.has(templateKey(id))) return id;
    }
  }

  read(candidate: Candidate) {
    const { value } = candidate;
    if (!isObject(value)) {
      this.problem(
        candidate,
        undefined,
        '',
        `expected an object, got ${describeType(value)}`,
      );
      return;
    }
    let item: JsonObject = isFlattened(value) ? unflatten(value) : { ...value };
    const name =
      typeof item.name === 'string' && item.name.trim() !== ''
        ? item.name
        : undefined;
    const hasId =
      typeof item.id === 'string' &&
      item.id.trim() !== '' &&
      !isArmExpression(item.id);
    // Deployment templates and resource bodies have no id (or an expression): make one up.
    // An id that is absent, empty or an expression is made up; one of another type is reported.
    const syntheticId =
      !hasId &&
      (item.id === undefined ||
        item.id === null ||
        typeof item.id === 'string');
    if (syntheticId) {
      item = {
        ...item,
        id: this.syntheticId(name ?? candidate.fallbackName),
      };
    }
    if (item.type === undefined || sameType(item.type, PROVIDER_NAMESPACE)) {
      item.type = IMAGE_TEMPLATE_RESOURCE_TYPE;
    }
    const who = hasId ? (item.id as string) : name;
    const parts =
      typeof item.id === 'string' ? parseImageTemplateId(item.id) : undefined;
    const checked = checkImageTemplate(item, parts?.subscriptionId ?? '');
    let fatal = false;
    for (const issue of checked.issues) {
      // Unresolved `[parameters('tags')]` is what deployment templates hold: no news.
      if (issue.field === 'tags' && isArmExpression(value.tags)) continue;
      fatal ||= !issue.consequence;
      this.problem(
        candidate,
        who,
        issue.field,
        issue.problem,
        issue.consequence,
      );
    }
    if (fatal || !checked.item) return;
    const key = templateKey(checked.item.id);
    if (this.usedIds.has(key)) {
      this.problem(
        candidate,
        who,
        'id',
        'duplicates another template of the file (ids compare case-insensitively)',
      );
      return;
    }
    this.usedIds.add(key);
    this.templates.push({
      template: checked.item,
      path: candidate.path,
      syntheticId,
    });
  }
}

function notAnInput(label: string, doc: unknown, file?: string): SnapshotError {
  let what = `the document is ${describeType(doc)}`;
  if (isObject(doc) && doc.kind === SNAPSHOT_KIND) {
    what = 'it is a snapshot: read it with parseSnapshot';
  } else if (isObject(doc)) {
    what =
      typeof doc.type === 'string'
        ? `it is a ${clip(doc.type)} resource, not an image template`
        : 'it has none of their fields';
  }
  return new SnapshotError(
    `${label}: not a snapshot or an ARM image template (${what}); expected "kind": "${SNAPSHOT_KIND}", ` +
      `an ${IMAGE_TEMPLATE_RESOURCE_TYPE} resource (with "properties"), an ARM list ({ "value": [...] }) ` +
      `or an ARM deployment template ({ "resources": [...] })`,
    { file },
  );
}

/**
 * Reads the image templates of an ARM document (JSON text, bytes or a parsed value): a single
 * `imageTemplates` resource, an ARM list response or a deployment template (see
 * {@link detectArmDocumentKind}). Unresolved template expressions (`[parameters('x')]`) are kept
 * as opaque strings. A template without an id (deployment templates, resource bodies) gets
 * `/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/<file>/providers/Microsoft.VirtualMachineImages/imageTemplates/<name>`,
 * with `<file>` the file label made a valid resource group name. A template that is not
 * well-formed becomes a problem naming the file, where it is and the field; the rest still load.
 * Throws a {@link SnapshotError} when the input is not JSON or none of these shapes.
 * @public
 */
export function parseArmDocument(
  input: string | Uint8Array | unknown,
  options?: { file?: string },
): ArmDocumentTemplates {
  const file = options?.file;
  const label = file ?? 'input';
  const doc = toDocument(input, label, file);
  const kind = detectArmDocumentKind(doc);
  if (!kind) throw notAnInput(label, doc, file);
  if (
    kind === 'arm-resource' &&
    isObject(doc) &&
    typeof doc.type === 'string' &&
    !isTemplateType(doc.type)
  ) {
    throw notAnInput(label, doc, file);
  }
  const reader = new TemplateReader(label, file);
  for (const candidate of candidates(doc, kind, file)) reader.read(candidate);
  return {
    kind,
    ...(file !== undefined ? { file } : {}),
    templates: reader.templates,
    problems: reader.problems,
  };
}

/**
 * Reads any input the CLI scores: a snapshot (by its `kind`, see {@link parseSnapshot}) or an ARM
 * document (see {@link parseArmDocument}). Throws a {@link SnapshotError} naming the file when it
 * is not JSON or none of these.
 * @public
 */
export function parseScoringInput(
  input: string | Uint8Array | unknown,
  options?: { file?: string },
): ScoringInput {
  const file = options?.file;
  const label = file ?? 'input';
  const doc = toDocument(input, label, file);
  // A wrong `kind` or `version` of a snapshot gets parseSnapshot's own message.
  if (
    isObject(doc) &&
    (doc.kind === SNAPSHOT_KIND ||
      (Array.isArray(doc.subscriptions) && !detectArmDocumentKind(doc)))
  ) {
    return {
      kind: 'snapshot',
      ...(file !== undefined ? { file } : {}),
      ...parseSnapshot(doc, { file }),
    };
  }
  return parseArmDocument(doc, { file });
}

/**
 * One snapshot of the templates of ARM documents, scored together as one scan (so a template's
 * siblings in other files count for `dr-replicated-template`). Templates are grouped by the
 * subscription of their id; resource groups, triggers, locks, role assignments, role definitions
 * and identities are `null` (not collected): the rules that need them answer `unknown`. A template
 * whose id another document already has is left out with a problem naming both.
 * @public
 */
export function snapshotFromArmDocuments(
  documents: readonly ArmDocumentTemplates[],
  options?: { capturedAt?: string },
): LoadedSnapshot {
  const problems: SnapshotProblem[] = [];
  const subscriptions = new Map<string, SnapshotSubscription>();
  const seen = new Map<string, { file?: string; path: string }>();
  for (const doc of documents) {
    problems.push(...doc.problems);
    for (const { template, path } of doc.templates) {
      const key = templateKey(template.id);
      const first = seen.get(key);
      if (first) {
        const label = doc.file ?? 'input';
        problems.push({
          ...(doc.file !== undefined ? { file: doc.file } : {}),
          field: 'id',
          id: clip(template.id),
          message: `${[label, path].filter(Boolean).join(': ')} (${clip(
            template.id,
          )}): id: duplicates ${[first.file ?? 'input', first.path]
            .filter(Boolean)
            .join(': ')} (ids compare case-insensitively); template left out`,
        });
        continue;
      }
      seen.set(key, { file: doc.file, path });
      const subscriptionId = parseImageTemplateId(template.id)!.subscriptionId;
      const subKey = subscriptionId.toLowerCase();
      let sub = subscriptions.get(subKey);
      if (!sub) {
        sub = {
          subscriptionId,
          resourceGroups: null,
          imageTemplates: [],
          triggers: null,
          locks: null,
          roleAssignments: null,
          roleDefinitions: null,
          userAssignedIdentities: null,
          // Why they are unknown, for the findings' evidence (SNAPSHOT.md, `errors`).
          errors: NOT_IN_ARM_DOCUMENTS.map(collection => ({
            collection,
            code: NOT_COLLECTED_CODE,
            message: `ARM documents carry no ${collection}: score a snapshot to judge the rules that need them`,
          })),
        };
        subscriptions.set(subKey, sub);
      }
      sub.imageTemplates!.push(template);
    }
  }
  const snapshot: Snapshot = {
    kind: SNAPSHOT_KIND,
    version: SNAPSHOT_VERSION,
    capturedAt: options?.capturedAt ?? new Date().toISOString(),
    subscriptions: [...subscriptions.values()],
  };
  return { snapshot, problems };
}

/**
 * The snapshot of one parsed input: the snapshot itself, or the snapshot of an ARM document's
 * templates (see {@link snapshotFromArmDocuments}).
 * @public
 */
export function scoringInputToSnapshot(
  input: ScoringInput,
  options?: { capturedAt?: string },
): LoadedSnapshot {
  if (input.kind === 'snapshot') {
    return { snapshot: input.snapshot, problems: input.problems };
  }
  return snapshotFromArmDocuments([input], options);
}

/**
 * Reads and parses an input file (see {@link parseScoringInput}). An unreadable file rejects with
 * a {@link SnapshotError} naming the path.
 * @public
 */
export async function readScoringInputFile(
  path: string,
  options?: { signal?: AbortSignal },
): Promise<ScoringInput> {
  const content = await readInputFile(path, options);
  return parseScoringInput(content, { file: path });
}
