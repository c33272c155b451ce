export { createRulesExtension } from './createRulesExtension';
export type { RulesExtension } from './createRulesExtension';
