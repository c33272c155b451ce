export { TeamScorecardCard } from './TeamScorecardCard';
