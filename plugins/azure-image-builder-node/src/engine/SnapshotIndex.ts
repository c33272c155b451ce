// Placeholder: replaced by the engine implementation.
export interface SnapshotIndex {}
