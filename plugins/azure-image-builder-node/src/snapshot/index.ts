export * from './types';
export { SnapshotError } from './SnapshotError';
export { parseSnapshot, INVALID_SNAPSHOT_CODE } from './parseSnapshot';
export { readSnapshotFile } from './readSnapshotFile';
export { parseImageTemplateId } from './imageTemplateId';
export type { ImageTemplateIdParts } from './imageTemplateId';
