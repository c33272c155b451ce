export { resolveRollupOwners } from './resolveRollupOwners';
export type { RollupOwners } from './resolveRollupOwners';
export { buildRollup } from './buildRollup';
