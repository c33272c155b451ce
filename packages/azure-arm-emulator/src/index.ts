/**
 * An HTTPS emulator of Azure Resource Manager and of the Entra ID token endpoint that serves an
 * AIB Scorecards snapshot, for tests, demos and benchmarks of the `azure` source.
 *
 * @packageDocumentation
 */

export {
  startArmEmulator,
  DEFAULT_CLIENT_ID,
  DEFAULT_TENANT_ID,
} from './server/startArmEmulator';
export type {
  ArmEmulator,
  ArmEmulatorOptions,
  EmulatorCredential,
} from './server/startArmEmulator';
export type { RequestLogEntry, RequestLogTarget } from './server/requestLog';
export { parseFaultSpec } from './faults/parseFaultSpec';
export type { FaultKind, FaultRule } from './faults/parseFaultSpec';
export { loadSnapshotFile, normalizeSnapshot } from './snapshot/loadSnapshot';
export type { LoadedEmulatorSnapshot } from './snapshot/loadSnapshot';
export { createCertificates } from './tls/createCertificates';
export type { EmulatorCertificates } from './tls/createCertificates';
export { API_VERSIONS } from './arm/apiVersions';
export type { ApiVersionFamily } from './arm/apiVersions';
export type { ArmRouteName, RouteCollection } from './arm/routes';
export type { EmulatorTokenClaims } from './identity/tokens';
// For tests that drive a backend against the emulator.
export { waitFor } from './testing/waitFor';
export { trustArmEmulator } from './testing/trustArmEmulator';
