import { X509Certificate, createPrivateKey } from 'node:crypto';
import { createCertificates } from './createCertificates';

describe('createCertificates', () => {
  const { caPem, certPem, keyPem } = createCertificates(
    new Date('2026-11-20T10:00:00Z'),
  );
  const ca = new X509Certificate(caPem);
  const server = new X509Certificate(certPem);

  it('makes a CA that signed a server certificate for localhost and 127.0.0.1', () => {
    expect(ca.ca).toBe(true);
    expect(server.ca).toBe(false);
    expect(server.checkIssued(ca)).toBe(true);
    expect(server.verify(ca.publicKey)).toBe(true);
    expect(ca.verify(ca.publicKey)).toBe(true);
    expect(server.checkHost('localhost')).toBe('localhost');
    expect(server.checkIP('127.0.0.1')).toBe('127.0.0.1');
    expect(server.checkHost('example.com')).toBeUndefined();
  });

  it('is valid around the given time only', () => {
    expect(new Date(server.validFrom).getTime()).toBeLessThan(
      Date.parse('2026-11-20T10:00:00Z'),
    );
    expect(new Date(server.validTo).getTime()).toBeLessThanOrEqual(
      Date.parse('2026-11-21T10:00:00Z'),
    );
  });

  it('gives the server key that matches the certificate', () => {
    expect(server.checkPrivateKey(createPrivateKey(keyPem))).toBe(true);
  });

  it('makes a new CA each time', () => {
    expect(createCertificates().caPem).not.toBe(caPem);
  });
});
