export { REDACTED } from './detectors';
export type { SecretFinding, SecretKind } from './detectors';
export {
  redactString,
  redactSecrets,
  findSecrets,
  findSecretsInValue,
  isSecretPropertyName,
} from './redact';
export type { SecretLocation } from './redact';
export { redactSnapshot } from './redactSnapshot';
export type { RedactedSnapshot } from './redactSnapshot';
