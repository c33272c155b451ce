export * from './types';
export { SnapshotError } from './SnapshotError';
export { parseSnapshot, INVALID_SNAPSHOT_CODE } from './parseSnapshot';
export { readSnapshotFile } from './readSnapshotFile';
export { parseImageTemplateId } from './imageTemplateId';
export type { ImageTemplateIdParts } from './imageTemplateId';
export {
  detectArmDocumentKind,
  parseArmDocument,
  parseScoringInput,
  readScoringInputFile,
  scoringInputToSnapshot,
  snapshotFromArmDocuments,
  SYNTHETIC_SUBSCRIPTION_ID,
} from './armDocument';
export type {
  ArmDocumentKind,
  ArmDocumentTemplate,
  ArmDocumentTemplates,
  ScoringInput,
  ScoringInputKind,
} from './armDocument';
