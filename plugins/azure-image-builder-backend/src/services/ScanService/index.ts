export * from './types';
export { createScanService } from './createScanService';
export type { ScanServiceOptions } from './createScanService';
