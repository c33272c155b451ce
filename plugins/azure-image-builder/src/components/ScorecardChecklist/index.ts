export { ScorecardChecklist } from './ScorecardChecklist';
