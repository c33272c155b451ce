import type { FaultRule } from './parseFaultSpec';

/** What the fault rules select on. */
export interface FaultTarget {
  /** The route's collection; `token` for the Entra ID endpoints. */
  collection: string;
  subscriptionId?: string;
  path: string;
  route: string;
}

/** What the rules decided for one request. */
export interface FaultDecision {
  /** Milliseconds to wait before answering (sum of the latency rules that fired). */
  latencyMs: number;
  /** The first non-latency rule that fired, if any: it answers the request. */
  fault?: FaultRule;
}

function selects(rule: FaultRule, target: FaultTarget): boolean {
  if (rule.collections) {
    if (!rule.collections.includes(target.collection)) return false;
  } else if (target.collection === 'token') {
    // Rules without a collection are about ARM; the token endpoint is opted into by name.
    return false;
  }
  if (
    rule.subscriptions &&
    !rule.subscriptions.includes((target.subscriptionId ?? '').toLowerCase())
  ) {
    return false;
  }
  if (rule.path && !target.path.toLowerCase().includes(rule.path)) return false;
  if (rule.routes && !rule.routes.includes(target.route.toLowerCase())) {
    return false;
  }
  return true;
}

/**
 * Applies fault rules in order with per-rule counters, so a spec like `every=5` or `times=2` is
 * deterministic: the same requests in the same order meet the same faults. Latency rules add up;
 * the first other rule that fires answers the request, and later rules do not see it.
 */
export class FaultInjector {
  private readonly state: Array<{
    rule: FaultRule;
    seen: number;
    fired: number;
  }>;

  constructor(rules: readonly FaultRule[]) {
    this.state = rules.map(rule => ({ rule, seen: 0, fired: 0 }));
  }

  decide(target: FaultTarget): FaultDecision {
    let latencyMs = 0;
    for (const entry of this.state) {
      const { rule } = entry;
      if (!selects(rule, target)) continue;
      entry.seen += 1;
      const n = entry.seen - rule.after;
      if (n <= 0 || n % rule.every !== 0) continue;
      if (rule.times !== undefined && entry.fired >= rule.times) continue;
      entry.fired += 1;
      if (rule.kind === 'latency') {
        latencyMs += rule.ms ?? 0;
        continue;
      }
      return { latencyMs, fault: rule };
    }
    return { latencyMs };
  }

  /** How often each rule fired, for tests and the shutdown summary. */
  counts(): Array<{ rule: string; seen: number; fired: number }> {
    return this.state.map(({ rule, seen, fired }) => ({
      rule: rule.text,
      seen,
      fired,
    }));
  }
}
