export * from './SnapshotIndex';
