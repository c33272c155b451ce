export * from './ScorecardStore';
export { DatabaseScorecardStore } from './DatabaseScorecardStore';
