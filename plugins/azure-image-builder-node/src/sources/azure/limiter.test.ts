import { createLimiter } from './limiter';

const tick = () => new Promise(resolve => setImmediate(resolve));

describe('createLimiter', () => {
  it('runs at most `concurrency` tasks at once, first in first out', async () => {
    const limit = createLimiter(2);
    let running = 0;
    let peak = 0;
    const started: number[] = [];
    const releases: Array<() => void> = [];
    const results = Array.from({ length: 5 }, (_, i) =>
      limit(async () => {
        started.push(i);
        running += 1;
        peak = Math.max(peak, running);
        await new Promise<void>(resolve => releases.push(resolve));
        running -= 1;
        return i;
      }),
    );
    await tick();
    expect(started).toEqual([0, 1]);
    releases[1]();
    await tick();
    expect(started).toEqual([0, 1, 2]);
    releases[0]();
    await tick();
    releases[2]();
    await tick();
    releases[3]();
    releases[4]();
    await expect(Promise.all(results)).resolves.toEqual([0, 1, 2, 3, 4]);
    expect(started).toEqual([0, 1, 2, 3, 4]);
    expect(peak).toBe(2);
  });

  it('passes rejections through and keeps going', async () => {
    const limit = createLimiter(1);
    const failed = limit(async () => {
      throw new Error('boom');
    });
    const next = limit(async () => 'ok');
    await expect(failed).rejects.toThrow('boom');
    await expect(next).resolves.toBe('ok');
  });

  it('refuses a concurrency that is not a positive integer', () => {
    expect(() => createLimiter(0)).toThrow(
      'concurrency must be a positive integer, got 0',
    );
  });
});
