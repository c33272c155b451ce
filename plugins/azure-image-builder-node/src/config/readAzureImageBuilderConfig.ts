import { readSchedulerServiceTaskScheduleDefinitionFromConfig } from '@backstage/backend-plugin-api';
import { Config, ConfigReader } from '@backstage/config';
import { JsonObject, JsonValue } from '@backstage/types';
import { parseOwnerRef } from '../entity/ownerRef';
import { readExemptions } from '../exemptions/readExemptions';
import { RulesConfig } from '../rules/types';
import {
  expected,
  invalid,
  isObject,
  readOptionalString,
  readString,
  readStringList,
  shown,
} from './configValues';
import { optionSpecsOf, readRuleSettings } from './rulesConfig';
import {
  AzureImageBuilderConfig,
  AzureSourceConfig,
  DEFAULT_OWNERSHIP,
  DEFAULT_SCHEDULE,
  OwnershipConfig,
  SourceConfig,
} from './types';

const ROOT = 'azureImageBuilder';

/** Source ids name entity providers and appear in URLs: keep them simple and stable. */
const SOURCE_ID = /^[a-z0-9][a-z0-9-]*$/;
const MAX_SOURCE_ID_LENGTH = 63;
/** ARM throttles per principal and subscription; more than this only earns 429s. */
const MAX_CONCURRENCY = 64;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** @public */
export const CREDENTIAL_TYPES = [
  'default',
  'clientSecret',
  'managedIdentity',
  'workloadIdentity',
] as const;

/** Fields each credential type requires / may have (all strings). */
const CREDENTIAL_FIELDS: Record<
  (typeof CREDENTIAL_TYPES)[number],
  { required: string[]; optional: string[] }
> = {
  default: { required: [], optional: ['tenantId', 'managedIdentityClientId'] },
  clientSecret: {
    required: ['tenantId', 'clientId', 'clientSecret'],
    optional: [],
  },
  managedIdentity: { required: [], optional: ['clientId', 'resourceId'] },
  workloadIdentity: {
    required: [],
    optional: ['tenantId', 'clientId', 'tokenFilePath'],
  },
};

function readHttpsUrl(
  obj: JsonObject,
  key: string,
  path: string,
): string | undefined {
  const value = readOptionalString(obj, key, path);
  if (value === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw invalid(`${path}.${key}`, `"${value}" is not a URL`);
  }
  if (url.protocol !== 'https:') {
    throw invalid(`${path}.${key}`, `"${value}" must be an https URL`);
  }
  return value;
}

function readAzureSource(
  raw: JsonObject,
  id: string,
  path: string,
): AzureSourceConfig {
  const source: AzureSourceConfig = {
    id,
    type: 'azure',
    credential: { type: 'default' },
  };
  if (raw.subscriptions !== undefined) {
    const subscriptions = readStringList(
      raw.subscriptions,
      `${path}.subscriptions`,
    );
    if (subscriptions.length === 0) {
      throw invalid(
        `${path}.subscriptions`,
        'must list at least one subscription; leave it out to read every subscription the credential can see',
      );
    }
    const seen = new Set<string>();
    subscriptions.forEach((s, i) => {
      if (!GUID.test(s)) {
        throw invalid(
          `${path}.subscriptions[${i}]`,
          `"${s}" is not a subscription id (a GUID)`,
        );
      }
      if (seen.has(s.toLowerCase())) {
        throw invalid(`${path}.subscriptions[${i}]`, `"${s}" is listed twice`);
      }
      seen.add(s.toLowerCase());
    });
    source.subscriptions = subscriptions;
  }
  if (raw.credential !== undefined) {
    const cpath = `${path}.credential`;
    if (!isObject(raw.credential))
      throw invalid(cpath, expected('an object', raw.credential));
    const type = raw.credential.type;
    if (!CREDENTIAL_TYPES.includes(type as any)) {
      throw invalid(
        `${cpath}.type`,
        `${
          type === undefined
            ? 'is missing'
            : `"${String(type)}" is not a credential type`
        }; expected one of ${CREDENTIAL_TYPES.map(t => `"${t}"`).join(', ')}`,
      );
    }
    const fields = CREDENTIAL_FIELDS[type as (typeof CREDENTIAL_TYPES)[number]];
    // Values are never echoed: a credential field may hold a secret.
    for (const f of fields.required) readString(raw.credential, f, cpath);
    for (const f of fields.optional)
      readOptionalString(raw.credential, f, cpath);
    source.credential = { ...raw.credential, type: type as string };
  }
  if (raw.endpoints !== undefined) {
    const epath = `${path}.endpoints`;
    if (!isObject(raw.endpoints))
      throw invalid(epath, expected('an object', raw.endpoints));
    const resourceManager = readHttpsUrl(
      raw.endpoints,
      'resourceManager',
      epath,
    );
    const authorityHost = readHttpsUrl(raw.endpoints, 'authorityHost', epath);
    source.endpoints = {
      ...(resourceManager ? { resourceManager } : {}),
      ...(authorityHost ? { authorityHost } : {}),
    };
  }
  if (raw.concurrency !== undefined) {
    const value = raw.concurrency;
    if (
      typeof value !== 'number' ||
      !Number.isInteger(value) ||
      value < 1 ||
      value > MAX_CONCURRENCY
    ) {
      throw invalid(
        `${path}.concurrency`,
        `must be an integer from 1 to ${MAX_CONCURRENCY}, got ${shown(value)}`,
      );
    }
    source.concurrency = value;
  }
  if (raw.collectResourceGroups !== undefined) {
    if (typeof raw.collectResourceGroups !== 'boolean') {
      throw invalid(
        `${path}.collectResourceGroups`,
        expected('true or false', raw.collectResourceGroups),
      );
    }
    source.collectResourceGroups = raw.collectResourceGroups;
  }
  return source;
}

function readSources(raw: JsonValue | undefined): SourceConfig[] {
  const path = `${ROOT}.sources`;
  if (raw === undefined) return [];
  if (!Array.isArray(raw))
    throw invalid(path, expected('a list of sources', raw));
  const ids = new Map<string, number>();
  return raw.map((entry, i) => {
    const spath = `${path}[${i}]`;
    if (!isObject(entry)) throw invalid(spath, expected('an object', entry));
    const id = readString(entry, 'id', spath);
    if (!SOURCE_ID.test(id) || id.length > MAX_SOURCE_ID_LENGTH) {
      throw invalid(
        `${spath}.id`,
        `"${id}" is not a valid source id: use lower-case letters, digits and "-", starting with a letter or digit, at most ${MAX_SOURCE_ID_LENGTH} characters (it names the entity provider)`,
      );
    }
    const first = ids.get(id);
    if (first !== undefined) {
      throw invalid(
        `${spath}.id`,
        `"${id}" is already the id of ${path}[${first}]; source ids must be unique`,
      );
    }
    ids.set(id, i);
    switch (entry.type) {
      case 'file':
        return { id, type: 'file', path: readString(entry, 'path', spath) };
      case 'azure':
        return readAzureSource(entry, id, spath);
      default:
        throw invalid(
          `${spath}.type`,
          `${
            entry.type === undefined
              ? 'is missing'
              : `"${String(entry.type)}" is not a source type`
          }; expected "file" or "azure"`,
        );
    }
  });
}

function readOwnership(raw: JsonValue | undefined): OwnershipConfig {
  const path = `${ROOT}.ownership`;
  const ownership: OwnershipConfig = {
    tags: [...DEFAULT_OWNERSHIP.tags],
    defaultOwner: DEFAULT_OWNERSHIP.defaultOwner,
  };
  if (raw === undefined) return ownership;
  if (!isObject(raw)) throw invalid(path, expected('an object', raw));
  if (raw.tags !== undefined)
    ownership.tags = readStringList(raw.tags, `${path}.tags`);
  if (raw.defaultOwner !== undefined) {
    const value = readString(raw, 'defaultOwner', path);
    const ref = parseOwnerRef(value);
    if (!ref) {
      throw invalid(
        `${path}.defaultOwner`,
        `"${value}" is not a group or user entity ref (e.g. "group:default/platform" or "platform")`,
      );
    }
    ownership.defaultOwner = ref;
  }
  return ownership;
}

function readSchedule(raw: JsonValue | undefined) {
  const path = `${ROOT}.schedule`;
  if (raw === undefined) return DEFAULT_SCHEDULE;
  if (!isObject(raw)) throw invalid(path, expected('an object', raw));
  // Keys that are not given keep their default (a timeout and a small initial delay matter:
  // PITFALLS 7 and 8), so `schedule: { frequency: { hours: 1 } }` is enough.
  const merged = {
    ...(JSON.parse(JSON.stringify(DEFAULT_SCHEDULE)) as JsonObject),
    ...raw,
  };
  try {
    return readSchedulerServiceTaskScheduleDefinitionFromConfig(
      new ConfigReader(merged, path),
    );
  } catch (error) {
    throw invalid(path, error instanceof Error ? error.message : String(error));
  }
}

function readRules(raw: JsonValue | undefined): RulesConfig {
  const path = `${ROOT}.rules`;
  const rules: RulesConfig = { disabled: [], options: {} };
  if (raw === undefined) return rules;
  if (!isObject(raw)) throw invalid(path, expected('an object', raw));
  // Rule ids are not checked here: a backend module may add rules through the extension point,
  // so ids are checked where every rule is known, when the rule engine is created. The settings
  // of the pack's rules are checked here already (types, ranges, unknown options).
  for (const [key, value] of Object.entries(raw)) {
    if (key === 'disabled') {
      rules.disabled = readStringList(value, `${path}.disabled`);
      continue;
    }
    if (value === undefined) continue;
    rules.options[key] = readRuleSettings(key, value, optionSpecsOf(key));
  }
  return rules;
}

/**
 * Reads and validates the `azureImageBuilder` block of the root config (DESIGN.md,
 * "Configuration"). A missing block means no sources and the defaults. Every error names the key,
 * e.g. `Invalid config at azureImageBuilder.sources[1].path: is missing, expected a string`.
 * @public
 */
export function readAzureImageBuilderConfig(
  config: Config,
): AzureImageBuilderConfig {
  const raw = config.getOptional(ROOT);
  if (raw !== undefined && !isObject(raw))
    throw invalid(ROOT, expected('an object', raw));
  const block: JsonObject = raw ?? {};
  return {
    sources: readSources(block.sources),
    ownership: readOwnership(block.ownership),
    schedule: readSchedule(block.schedule),
    rules: readRules(block.rules),
    exemptions: readExemptions(block.exemptions),
  };
}
