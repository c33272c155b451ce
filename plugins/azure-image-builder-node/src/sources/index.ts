export * from './types';
export { FileSource } from './FileSource';
export { createImageTemplateSources } from './createImageTemplateSources';
export * from './azure';
