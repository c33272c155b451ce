export * from './SnapshotIndex';
export * from './armId';
export * from './types';
export * from './createRuleEngine';
export * from './scoreSnapshot';
