/**
 * Reads a value until `done` says it is what a test waits for (a scan stored a scorecard, the
 * catalog shows an entity), every `intervalMs`, and returns it; throws after `timeoutMs` with
 * `what` and the last value read. For tests that drive a backend whose scans run on a schedule.
 * @public
 */
export async function waitFor<T>(
  what: string,
  get: () => Promise<T>,
  done: (value: T) => boolean,
  options: { timeoutMs?: number; intervalMs?: number } = {},
): Promise<T> {
  const { timeoutMs = 60_000, intervalMs = 200 } = options;
  const deadline = Date.now() + timeoutMs;
  let value = await get();
  while (!done(value)) {
    if (Date.now() > deadline) {
      throw new Error(
        `Timed out waiting for ${what}; last value: ${JSON.stringify(value)}`,
      );
    }
    await new Promise(resolve => setTimeout(resolve, intervalMs));
    value = await get();
  }
  return value;
}
