/*
 * Trusting the emulator process-wide with tls.setDefaultCACertificates (README, "Trusting the
 * certificate", way 3): no per-client options. Restores the default list afterwards, since the
 * change outlives this file in its jest worker.
 */
import { ImageBuilderClient } from '@azure/arm-imagebuilder';
import tls from 'node:tls';
import { SUB_A, TENANT, testSnapshot } from '../__testUtils__/testSnapshot';
import { startArmEmulator, type ArmEmulator } from './startArmEmulator';

const setDefaults = (
  tls as { setDefaultCACertificates?: (certs: string[]) => void }
).setDefaultCACertificates;
const d = setDefaults ? describe : describe.skip;

d('tls.setDefaultCACertificates', () => {
  let emulator: ArmEmulator;
  let previous: string[];

  beforeAll(async () => {
    emulator = await startArmEmulator({ snapshot: testSnapshot() });
    previous = tls.getCACertificates('default');
  });
  afterAll(async () => {
    setDefaults!(previous);
    await emulator.stop();
  });

  it('makes fetch and the SDK clients trust the emulator without options', async () => {
    const discovery = `${emulator.url}/${TENANT}/v2.0/.well-known/openid-configuration`;
    await expect(fetch(discovery)).rejects.toThrow();
    setDefaults!([...previous, emulator.caPem]);
    expect((await fetch(discovery)).status).toBe(200);
    const client = new ImageBuilderClient(emulator.credential(), SUB_A, {
      endpoint: emulator.url,
    });
    const template = await client.virtualMachineImageTemplates.get(
      'rg-images',
      'it-0',
    );
    expect(template.name).toBe('it-0');
  });
});
