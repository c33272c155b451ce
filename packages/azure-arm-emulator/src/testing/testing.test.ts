import tls from 'node:tls';
import { createCertificates } from '../tls/createCertificates';
import { trustArmEmulator } from './trustArmEmulator';
import { waitFor } from './waitFor';

describe('waitFor', () => {
  it('reads until the value is done, and returns it', async () => {
    let reads = 0;
    const value = await waitFor(
      'three reads',
      async () => ++reads,
      n => n >= 3,
      { intervalMs: 1 },
    );
    expect(value).toBe(3);
    expect(reads).toBe(3);
  });

  it('names what it waited for and the last value when time runs out', async () => {
    await expect(
      waitFor(
        'a scorecard',
        async () => ({ status: 404 }),
        () => false,
        {
          timeoutMs: 0,
          intervalMs: 1,
        },
      ),
    ).rejects.toThrow(
      'Timed out waiting for a scorecard; last value: {"status":404}',
    );
  });
});

describe('trustArmEmulator', () => {
  it('adds the emulator CA to the default trust, and takes it away again', () => {
    const { caPem } = createCertificates();
    const before = tls.getCACertificates('default');
    // Node hands certificates back in its own PEM layout: compare the base64 body.
    const body = (pem: string) => pem.replace(/-----[A-Z ]+-----|\s/g, '');
    const restore = trustArmEmulator({ caPem });
    const trusted = tls.getCACertificates('default');
    expect(trusted.map(body)).toContain(body(caPem));
    restore();
    const after = tls.getCACertificates('default').map(body);
    expect(after).not.toContain(body(caPem));
    expect(new Set(after)).toEqual(new Set(before.map(body)));
  });
});
