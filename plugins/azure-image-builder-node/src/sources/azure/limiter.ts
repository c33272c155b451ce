/** Runs at most `concurrency` tasks at once, in the order they were queued. */
export type Limiter = <T>(task: () => Promise<T>) => Promise<T>;

/** A first-in, first-out concurrency limiter (what `p-limit` does, in a few lines). */
export function createLimiter(concurrency: number): Limiter {
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new Error(
      `concurrency must be a positive integer, got ${concurrency}`,
    );
  }
  let running = 0;
  const queue: Array<() => void> = [];
  const release = () => {
    running -= 1;
    queue.shift()?.();
  };
  return task =>
    new Promise((resolve, reject) => {
      const start = () => {
        running += 1;
        task().then(resolve, reject).finally(release);
      };
      if (running < concurrency) start();
      else queue.push(start);
    });
}
