import {
  SNAPSHOT_COLLECTIONS,
  Snapshot,
} from '@aib-scorecards/plugin-azure-image-builder-common';
import { parseImageTemplateId, parseSnapshot, SnapshotError } from '.';
import { jsonErrorOffset } from './jsonError';
import { validSnapshot } from './__testUtils__/validSnapshot';

/** mulberry32: a small seeded PRNG, so a failure reproduces from its iteration number. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rand = () => number;
const pick = <T>(rand: Rand, items: readonly T[]): T =>
  items[Math.floor(rand() * items.length)];

function randomValue(rand: Rand, depth = 0): unknown {
  const leaves: unknown[] = [
    null,
    0,
    -1.5,
    1e308,
    true,
    false,
    '',
    'x',
    "[parameters('p')]",
    'https://a.blob.core.windows.net/c?sv=1&sig=SECRET',
    '/subscriptions/s/resourceGroups/r/providers/Microsoft.VirtualMachineImages/imageTemplates/t',
    'aib-scorecards/snapshot',
    '__proto__',
  ];
  if (depth > 2 || rand() < 0.6) return pick(rand, leaves);
  if (rand() < 0.5) {
    return Array.from({ length: Math.floor(rand() * 3) }, () =>
      randomValue(rand, depth + 1),
    );
  }
  const o: Record<string, unknown> = {};
  for (let i = Math.floor(rand() * 3); i > 0; i--) {
    o[pick(rand, ['id', 'type', 'properties', 'tags', 'x', 'source'])] =
      randomValue(rand, depth + 1);
  }
  return o;
}

/** Sets a key as an own property (a `__proto__` key must not change the prototype). */
function set(container: any, key: string | number, value: unknown) {
  if (Array.isArray(container) && typeof key === 'number')
    container[key] = value;
  else {
    Object.defineProperty(container, key, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
}

/** Every (container, key) in the document, so a mutation can hit any level. */
function slots(doc: unknown): Array<[any, string | number]> {
  const out: Array<[any, string | number]> = [];
  const seen = new Set<unknown>();
  const visit = (v: unknown) => {
    if (seen.has(v)) return;
    if (v && typeof v === 'object') seen.add(v);
    if (Array.isArray(v)) {
      v.forEach((x, i) => {
        out.push([v, i]);
        visit(x);
      });
    } else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        out.push([v, k]);
        visit(x);
      }
    }
  };
  visit(doc);
  return out;
}

function mutate(rand: Rand, doc: any): any {
  const all = slots(doc);
  if (all.length === 0) return randomValue(rand);
  const [container, key] = pick(rand, all);
  switch (Math.floor(rand() * 5)) {
    case 0: // delete a key or an array item
      if (Array.isArray(container)) container.splice(key as number, 1);
      else delete container[key];
      break;
    case 1: // another value, usually of another type
      set(container, key, randomValue(rand));
      break;
    case 2: // swap two values (may even make a cycle)
      {
        const [c2, k2] = pick(rand, all);
        const t = container[key];
        set(container, key, c2[k2]);
        set(c2, k2, t);
      }
      break;
    case 3: // duplicate an array item / wrap in an array
      if (Array.isArray(container)) container.push(container[key as number]);
      else set(container, key, [container[key]]);
      break;
    default: // an extra key
      if (container[key] && typeof container[key] === 'object') {
        set(
          container[key],
          pick(rand, ['__proto__', 'constructor', 'extra', 'id']),
          randomValue(rand),
        );
      } else {
        set(container, key, null);
      }
  }
  return doc;
}

function mutateText(rand: Rand, text: string): string {
  const at = Math.floor(rand() * text.length);
  switch (Math.floor(rand() * 3)) {
    case 0: // truncate
      return text.slice(0, at);
    case 1: // insert a character
      return (
        text.slice(0, at) +
        pick(rand, ['{', '}', '"', ',', ':', '\\', '\n', 'x', '[']) +
        text.slice(at)
      );
    default: // delete a character
      return text.slice(0, at) + text.slice(at + 1);
  }
}

/** A plain assertion: `expect` is too slow for thousands of iterations. */
function check(condition: unknown, what: string): asserts condition {
  if (!condition) throw new Error(`not well-formed: ${what}`);
}

function checkWellFormed(snapshot: Snapshot) {
  check(snapshot.kind === 'aib-scorecards/snapshot', 'kind');
  check(snapshot.version === 1, 'version');
  check(!Number.isNaN(Date.parse(snapshot.capturedAt)), 'capturedAt');
  check(Array.isArray(snapshot.subscriptions), 'subscriptions');
  for (const sub of snapshot.subscriptions) {
    check(typeof sub.subscriptionId === 'string', 'subscriptionId');
    check(Array.isArray(sub.errors), 'errors');
    for (const e of sub.errors) {
      check(
        typeof e.collection === 'string' && typeof e.code === 'string',
        'error entry',
      );
    }
    for (const c of SNAPSHOT_COLLECTIONS) {
      const items = sub[c];
      check(items === null || Array.isArray(items), c);
      for (const item of items ?? []) {
        check(typeof item.id === 'string' && item.id !== '', `${c} id`);
        for (const k of ['name', 'type', 'location'] as const) {
          check(
            item[k] === undefined || typeof item[k] === 'string',
            `${c} ${k}`,
          );
        }
        if (item.tags !== undefined) {
          check(
            typeof item.tags === 'object' &&
              item.tags !== null &&
              Object.values(item.tags).every(v => typeof v === 'string'),
            `${c} tags`,
          );
        }
      }
    }
    for (const t of sub.imageTemplates ?? []) {
      check(
        parseImageTemplateId(t.id)?.subscriptionId.toLowerCase() ===
          sub.subscriptionId.toLowerCase(),
        'template id',
      );
      check(
        typeof t.properties === 'object' &&
          t.properties !== null &&
          !Array.isArray(t.properties),
        'template properties',
      );
    }
  }
}

describe('parseSnapshot on mutated snapshots', () => {
  const ITERATIONS = 3000;

  it(`returns a well-formed snapshot or throws SnapshotError, ${ITERATIONS} times`, () => {
    const rand = prng(20261120);
    let loaded = 0;
    let rejected = 0;
    for (let i = 0; i < ITERATIONS; i++) {
      let doc: any = validSnapshot();
      for (let m = 1 + Math.floor(rand() * 4); m > 0; m--)
        doc = mutate(rand, doc);
      let input: unknown = doc;
      if (rand() < 0.5) {
        let text: string | undefined;
        try {
          text = JSON.stringify(doc) ?? '';
        } catch {
          // A cycle: passed as a value, which must be rejected as not JSON data.
        }
        if (text !== undefined) {
          input = rand() < 0.5 ? mutateText(rand, text) : text;
        }
      }
      try {
        const result = parseSnapshot(input, { file: 'fuzz.json' });
        loaded++;
        checkWellFormed(result.snapshot);
        for (const p of result.problems) {
          check(typeof p.field === 'string', 'problem field');
          check(p.message.startsWith('fuzz.json: '), 'problem message');
          check(!p.message.includes('SECRET'), 'secret in a problem');
        }
      } catch (error) {
        if (!(error instanceof SnapshotError)) {
          throw new Error(`iteration ${i}: ${String(error)}`);
        }
        rejected++;
        check(
          error.message.startsWith('fuzz.json: '),
          `iteration ${i}: message`,
        );
        check(!error.message.includes('SECRET'), `iteration ${i}: secret`);
      }
      // The scanner that finds line and column agrees with JSON.parse on what is valid.
      if (typeof input === 'string') {
        let valid = true;
        try {
          JSON.parse(input);
        } catch {
          valid = false;
        }
        check(
          (jsonErrorOffset(input) === undefined) === valid,
          `iteration ${i}: scanner`,
        );
      }
    }
    // Both paths were exercised.
    expect(loaded).toBeGreaterThan(ITERATIONS / 10);
    expect(rejected).toBeGreaterThan(ITERATIONS / 10);
  });

  it('survives absurd nesting', () => {
    const deep = `${'['.repeat(200_000)}${']'.repeat(200_000)}`;
    expect(() => parseSnapshot(deep)).toThrow(SnapshotError);
    expect(jsonErrorOffset(deep)).toBeUndefined();
  });
});
