export * from './rulesExtensionPoint';
