import { Config } from '@backstage/config';

/** The config key of the drop guard (see config.d.ts). */
export const MAX_DROP_RATIO_KEY = 'azureImageBuilder.catalog.maxDropRatio';

/** Used when `azureImageBuilder.catalog.maxDropRatio` is not set. @public */
export const DEFAULT_MAX_DROP_RATIO = 0.5;

/**
 * Reads `azureImageBuilder.catalog.maxDropRatio` from the root config: the largest share of a
 * source's entities one refresh may remove (0 to 1; 1 turns the ratio check off).
 * Throws naming the key when the value is not a number from 0 to 1.
 */
export function readMaxDropRatio(config: Config): number {
  const value = config.getOptionalNumber(MAX_DROP_RATIO_KEY);
  if (value === undefined) {
    return DEFAULT_MAX_DROP_RATIO;
  }
  if (!Number.isFinite(value) || value < 0 || value > 1) {
    throw new Error(
      `Invalid config at ${MAX_DROP_RATIO_KEY}: must be a number from 0 to 1, got ${value}`,
    );
  }
  return value;
}
