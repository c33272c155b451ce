import { RuleOutcome } from './types';
import { ScanMemo } from './util';

/**
 * Values derived from an object of one scan (an indexed role assignment, an indexed template, the
 * index itself) and a list of keys, made once and then shared: the same grant or sibling is
 * evidence for thousands of templates. Held weakly by the object, so they go when the scan's
 * index goes. Keys compare as `Map` keys do (see `ScanMemo`, which keeps them). Lists of any length.
 */
export class Memo<O extends object, V> {
  private readonly values = new ScanMemo<V>();

  get(owner: O, keys: readonly unknown[], make: () => V): V {
    const found = this.values.find(owner, keys);
    return found !== undefined ? found : this.values.keep(owner, keys, make());
  }
}

/**
 * Values by three keys: {@link Memo} for a fixed number of keys, without a list nor a closure per
 * lookup (rules look up once per template). The first two keys are held weakly (the first is
 * usually long-lived, the second an object of the scan) and the third as a `Map` key below the
 * second, so a value goes with either of the first two.
 */
export class Memo3<A extends object, B extends object, C, V> {
  private readonly roots = new WeakMap<A, WeakMap<B, Map<C, V>>>();

  /** The value kept for the keys, `undefined` when none is. */
  get(a: A, b: B, c: C): V | undefined {
    return this.roots.get(a)?.get(b)?.get(c);
  }

  /** Keeps a value for the keys and returns it. */
  set(a: A, b: B, c: C, value: V): V {
    let byB = this.roots.get(a);
    if (!byB) {
      byB = new WeakMap();
      this.roots.set(a, byB);
    }
    let byC = byB.get(b);
    if (!byC) {
      byC = new Map();
      byB.set(b, byC);
    }
    byC.set(c, value);
    return value;
  }
}

/**
 * Freezes an outcome to be shared between templates: it, its evidence list and each evidence
 * (whose `observed` values are frozen already or plain values).
 */
export function freezeOutcome(outcome: RuleOutcome): RuleOutcome {
  for (const item of outcome.evidence) deepFreeze(item);
  Object.freeze(outcome.evidence);
  return Object.freeze(outcome);
}

function deepFreeze(value: unknown): void {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) {
    return;
  }
  Object.freeze(value);
  for (const child of Object.values(value)) deepFreeze(child);
}
