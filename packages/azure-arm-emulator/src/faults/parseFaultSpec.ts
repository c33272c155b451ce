import { SNAPSHOT_COLLECTIONS } from '@aib-scorecards/plugin-azure-image-builder-common';

/** What a fault rule does to a request it fires on. @public */
export type FaultKind = 'throttle' | 'error' | 'forbid' | 'latency' | 'reset';

/**
 * One rule of a fault spec (see the README): which requests it selects, when it fires, and what
 * it answers.
 * @public
 */
export interface FaultRule {
  kind: FaultKind;
  /** The rule as written, for the request log. */
  text: string;
  /** Collections selected (`token` = the Entra ID endpoints). Absent: every ARM route. */
  collections?: string[];
  /** Subscription ids selected (lower case). */
  subscriptions?: string[];
  /** A case-insensitive substring of the request path. */
  path?: string;
  /** Route names selected (e.g. `imageTemplates.list`), lower case. */
  routes?: string[];
  /** Skip the first `after` matching requests. */
  after: number;
  /** Fire on every `every`-th matching request after those. */
  every: number;
  /** Fire at most `times` times. */
  times?: number;
  /** `error`: the HTTP status. */
  status?: number;
  /** The error code in the body (defaults by kind and status). */
  code?: string;
  /** Seconds for `Retry-After` (`throttle` default 1; 0 = no header). */
  retryAfter?: number;
  /** `latency`: milliseconds added. */
  ms?: number;
}

const COLLECTION_ALIASES: Record<string, string> = {
  templates: 'imageTemplates',
  identities: 'userAssignedIdentities',
  identity: 'token',
};

const KNOWN_COLLECTIONS = new Map(
  [...SNAPSHOT_COLLECTIONS, 'subscriptions', 'token'].map(name => [
    name.toLowerCase(),
    name,
  ]),
);

const SELECTORS = ['collection', 'subscription', 'path', 'route'];
const COUNTERS = ['after', 'every', 'times'];
const PARAMS: Record<FaultKind, string[]> = {
  throttle: ['retryAfter', 'code'],
  error: ['status', 'code', 'retryAfter'],
  forbid: ['code'],
  latency: ['ms'],
  reset: [],
};

function integer(
  rule: string,
  key: string,
  value: string,
  min: number,
  max = Number.MAX_SAFE_INTEGER,
): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < min || n > max) {
    throw new Error(
      `fault "${rule}": ${key} must be an integer from ${min}${
        max === Number.MAX_SAFE_INTEGER ? '' : ` to ${max}`
      }, got "${value}"`,
    );
  }
  return n;
}

function collectionName(rule: string, value: string): string {
  const name = COLLECTION_ALIASES[value.toLowerCase()] ?? value;
  const known = KNOWN_COLLECTIONS.get(name.toLowerCase());
  if (!known) {
    throw new Error(
      `fault "${rule}": unknown collection "${value}" (known: ${[
        ...KNOWN_COLLECTIONS.values(),
      ].join(', ')}; aliases templates, identities)`,
    );
  }
  return known;
}

function parseRule(text: string): FaultRule {
  const colon = text.indexOf(':');
  const head = (colon < 0 ? text : text.slice(0, colon)).trim();
  const body = colon < 0 ? '' : text.slice(colon + 1);
  // `error500` is shorthand for `error:status=500`.
  const shorthand = /^error(\d{3})$/i.exec(head);
  const kind = (shorthand ? 'error' : head.toLowerCase()) as FaultKind;
  if (!(kind in PARAMS)) {
    throw new Error(
      `fault "${text}": unknown kind "${head}" (known: ${Object.keys(
        PARAMS,
      ).join(', ')}, errorNNN)`,
    );
  }
  const rule: FaultRule = { kind, text, after: 0, every: 1 };
  if (shorthand) rule.status = integer(text, 'status', shorthand[1], 400, 599);
  const allowed = [...SELECTORS, ...COUNTERS, ...PARAMS[kind]];
  for (const param of body
    .split(',')
    .map(p => p.trim())
    .filter(Boolean)) {
    const eq = param.indexOf('=');
    const key = eq < 0 ? param : param.slice(0, eq).trim();
    const value = eq < 0 ? '' : param.slice(eq + 1).trim();
    const canonicalKey = allowed.find(
      name => name.toLowerCase() === key.toLowerCase(),
    );
    if (!canonicalKey) {
      throw new Error(
        `fault "${text}": unknown parameter "${key}" for ${kind} (allowed: ${allowed.join(
          ', ',
        )})`,
      );
    }
    if (!value) throw new Error(`fault "${text}": ${key} needs a value`);
    const values = value
      .split('|')
      .map(v => v.trim())
      .filter(Boolean);
    switch (canonicalKey) {
      case 'collection':
        rule.collections = values.map(v => collectionName(text, v));
        break;
      case 'subscription':
        rule.subscriptions = values.map(v => v.toLowerCase());
        break;
      case 'route':
        rule.routes = values.map(v => v.toLowerCase());
        break;
      case 'path':
        rule.path = value.toLowerCase();
        break;
      case 'after':
        rule.after = integer(text, key, value, 0);
        break;
      case 'every':
        rule.every = integer(text, key, value, 1);
        break;
      case 'times':
        rule.times = integer(text, key, value, 1);
        break;
      case 'status':
        rule.status = integer(text, key, value, 400, 599);
        break;
      case 'retryAfter':
        rule.retryAfter = integer(text, key, value, 0, 3600);
        break;
      case 'ms':
        rule.ms = integer(text, key, value, 0, 600_000);
        break;
      case 'code':
        rule.code = value;
        break;
      default:
        break;
    }
  }
  if (kind === 'latency' && rule.ms === undefined) {
    throw new Error(`fault "${text}": latency needs ms=<milliseconds>`);
  }
  if (kind === 'throttle' && rule.retryAfter === undefined) rule.retryAfter = 1;
  if (kind === 'error' && rule.status === undefined) rule.status = 500;
  return rule;
}

/**
 * Parses a fault spec: rules separated by `;`, each `kind[:key=value,...]`, e.g.
 * `throttle:every=5,retryAfter=1;error503:path=/locks,times=2;forbid:collection=locks,subscription=<id>;latency:ms=100`.
 * Throws an error naming the rule and the parameter when the spec is wrong.
 * @public
 */
export function parseFaultSpec(spec: string): FaultRule[] {
  return spec
    .split(';')
    .map(rule => rule.trim())
    .filter(Boolean)
    .map(parseRule);
}
