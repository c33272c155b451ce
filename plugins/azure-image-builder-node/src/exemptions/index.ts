export * from './types';
export { readExemption, readExemptions } from './readExemptions';
export { createExemptions } from './createExemptions';
