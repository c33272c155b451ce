import { ConfigReader } from '@backstage/config';
import { DEFAULT_MAX_DROP_RATIO, readMaxDropRatio } from './readMaxDropRatio';

describe('readMaxDropRatio', () => {
  it('defaults to 0.5 when the key is absent', () => {
    expect(readMaxDropRatio(new ConfigReader({}))).toBe(DEFAULT_MAX_DROP_RATIO);
    expect(DEFAULT_MAX_DROP_RATIO).toBe(0.5);
    expect(
      readMaxDropRatio(
        new ConfigReader({ azureImageBuilder: { sources: [] } }),
      ),
    ).toBe(0.5);
  });

  it.each([0, 0.25, 1])('reads %p', value => {
    expect(
      readMaxDropRatio(
        new ConfigReader({
          azureImageBuilder: { catalog: { maxDropRatio: value } },
        }),
      ),
    ).toBe(value);
  });

  it.each([-0.1, 1.5])('rejects %p naming the key', value => {
    expect(() =>
      readMaxDropRatio(
        new ConfigReader({
          azureImageBuilder: { catalog: { maxDropRatio: value } },
        }),
      ),
    ).toThrow(
      `Invalid config at azureImageBuilder.catalog.maxDropRatio: must be a number from 0 to 1, got ${value}`,
    );
  });

  it('rejects a value that is not a number naming the key', () => {
    expect(() =>
      readMaxDropRatio(
        new ConfigReader({
          azureImageBuilder: { catalog: { maxDropRatio: 'half' } },
        }),
      ),
    ).toThrow(/azureImageBuilder\.catalog\.maxDropRatio/);
  });
});
