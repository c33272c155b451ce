/**
 * Whether an Azure RBAC action pattern (`*`, `Microsoft.Compute/*`) matches an action. `*` stands
 * for any run of characters, `/` included, as in Azure role definitions; the comparison
 * ignores case (Azure's does). No regular expression: patterns come from snapshots, and this
 * greedy matcher stays O(pattern × action) whatever they hold.
 * @public
 */
export function matchesActionPattern(pattern: string, action: string): boolean {
  if (typeof pattern !== 'string' || typeof action !== 'string') return false;
  const p = pattern.trim().toLowerCase();
  const s = action.trim().toLowerCase();
  let pi = 0;
  let si = 0;
  let star = -1; // position of the last `*` seen in the pattern
  let resume = 0; // where the text resumes when that `*` swallows one more character
  while (si < s.length) {
    if (pi < p.length && p[pi] === '*') {
      star = pi++;
      resume = si;
    } else if (pi < p.length && p[pi] === s[si]) {
      pi++;
      si++;
    } else if (star >= 0) {
      pi = star + 1;
      si = ++resume;
    } else {
      return false;
    }
  }
  while (pi < p.length && p[pi] === '*') pi++;
  return pi === p.length;
}
