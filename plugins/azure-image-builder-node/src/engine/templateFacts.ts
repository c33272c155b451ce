import {
  ArmResource,
  DistributionFact,
  TemplateFacts,
} from '@aib-scorecards/plugin-azure-image-builder-common';
import { redactString } from '../redaction';

type Json = Record<string, unknown>;

function asObject(value: unknown): Json | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Json)
    : undefined;
}

type Text = (value: unknown) => string | undefined;

/** A non-empty string, redacted; anything else is `undefined` (templates are not validated). */
function textWith(redact: (text: string) => string): Text {
  return value => {
    if (typeof value !== 'string') return undefined;
    const trimmed = value.trim();
    return trimmed ? redact(trimmed) : undefined;
  };
}

function texts(text: Text, values: unknown): string[] {
  if (!Array.isArray(values)) return [];
  return values.map(v => text(v)).filter((v): v is string => v !== undefined);
}

/** Regions as written, without repeats (Azure compares region names case-insensitively). */
function uniqueRegions(regions: string[]): string[] {
  const seen = new Set<string>();
  return regions.filter(region => {
    const key = region.toLowerCase().replace(/\s+/g, '');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function sourceImage(text: Text, source: Json): string | undefined {
  switch (source.type) {
    case 'PlatformImage': {
      const parts = [
        source.publisher,
        source.offer,
        source.sku,
        source.version,
      ].map(v => text(v));
      return parts.some(p => p !== undefined)
        ? parts.map(p => p ?? '?').join(':')
        : undefined;
    }
    case 'ManagedImage':
      return text(source.imageId);
    case 'SharedImageVersion':
      return text(source.imageVersionId);
    default:
      return text(source.imageId) ?? text(source.imageVersionId);
  }
}

function distribution(text: Text, item: Json): DistributionFact {
  const type = text(item.type) ?? 'unknown';
  let target: string | undefined;
  let regions: string[] = [];
  switch (item.type) {
    case 'ManagedImage':
      target = text(item.imageId);
      regions = texts(text, [item.location]);
      break;
    case 'SharedImage': {
      target = text(item.galleryImageId);
      // targetRegions supersedes the deprecated replicationRegions when both are written.
      regions = Array.isArray(item.targetRegions)
        ? texts(
            text,
            item.targetRegions.map(r => asObject(r)?.name),
          )
        : texts(text, item.replicationRegions);
      break;
    }
    case 'VHD':
      target = text(item.uri) ?? text(item.runOutputName);
      break;
    default:
      target =
        text(item.imageId) ??
        text(item.galleryImageId) ??
        text(item.runOutputName);
  }
  return {
    type,
    ...(target !== undefined ? { target } : {}),
    regions: uniqueRegions(regions),
  };
}

function lastRun(
  text: Text,
  status: Json,
): TemplateFacts['lastRun'] | undefined {
  const run: NonNullable<TemplateFacts['lastRun']> = {};
  for (const key of [
    'runState',
    'runSubState',
    'startTime',
    'endTime',
    'message',
  ] as const) {
    const value = text(status[key]);
    if (value !== undefined) run[key] = value;
  }
  return Object.keys(run).length > 0 ? run : undefined;
}

/**
 * Facts about an image template for the overview card and the browse page: where it builds from
 * and distributes to, its identities, build VM, staging resource group and last run. Taken from
 * the template alone, tolerating any shape (a missing or malformed property is left out), with
 * every string redacted so no secret (a SAS `sig=` in a URI, say) reaches a scorecard.
 * @public
 */
export function templateFacts(template: ArmResource): TemplateFacts {
  return readTemplateFacts(template, redactString);
}

/**
 * {@link templateFacts} with `redact` redacting each string: the cached form of `redactString` a
 * scan uses (same answers).
 * @internal
 */
export function readTemplateFacts(
  template: ArmResource,
  redact: (text: string) => string,
): TemplateFacts {
  const text = textWith(redact);
  const properties = asObject(template.properties) ?? {};
  const source = asObject(properties.source);
  const vmProfile = asObject(properties.vmProfile);
  const userAssigned = asObject(
    asObject(template.identity)?.userAssignedIdentities,
  );
  const status = asObject(properties.lastRunStatus);

  const facts: TemplateFacts = {
    distributions: Array.isArray(properties.distribute)
      ? properties.distribute
          .map(asObject)
          .filter((d): d is Json => d !== undefined)
          .map(d => distribution(text, d))
      : [],
    identities: userAssigned ? texts(text, Object.keys(userAssigned)) : [],
    buildVmIdentities: texts(text, vmProfile?.userAssignedIdentities),
  };
  // Absent facts are left out rather than set to undefined, so the JSON stays small.
  const set = <K extends keyof TemplateFacts>(
    key: K,
    value: TemplateFacts[K] | undefined,
  ) => {
    if (value !== undefined) facts[key] = value;
  };
  set('location', text(template.location));
  set('sourceType', text(source?.type));
  set('sourceImage', source ? sourceImage(text, source) : undefined);
  set('vmSize', text(vmProfile?.vmSize));
  set('stagingResourceGroup', text(properties.stagingResourceGroup));
  set('lastRun', status ? lastRun(text, status) : undefined);
  set('provisioningState', text(properties.provisioningState));
  return facts;
}
