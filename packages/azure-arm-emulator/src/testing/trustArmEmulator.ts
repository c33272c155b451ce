import tls from 'node:tls';
import { ArmEmulator } from '../server/startArmEmulator';

/**
 * Makes this process trust the emulator's certificate authority, as `NODE_EXTRA_CA_CERTS` does for
 * a backend, so that the real Azure SDK clients reach it; returns the function that restores the
 * default trust. Needs Node 22.15 or later (`tls.setDefaultCACertificates`).
 * @public
 */
export function trustArmEmulator(
  emulator: Pick<ArmEmulator, 'caPem'>,
): () => void {
  const defaults = tls.getCACertificates('default');
  tls.setDefaultCACertificates([...defaults, emulator.caPem]);
  return () => tls.setDefaultCACertificates(defaults);
}
