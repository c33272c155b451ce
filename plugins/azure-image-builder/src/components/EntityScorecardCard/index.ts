export { EntityScorecardCard } from './EntityScorecardCard';
export { useBestPracticesLink } from './useBestPracticesLink';
