import { generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import forge from 'node-forge';

/** A CA and a server certificate it signed, all PEM. @public */
export interface EmulatorCertificates {
  /** The CA certificate: what a client trusts (`NODE_EXTRA_CA_CERTS`, `tlsOptions.ca`). */
  caPem: string;
  /** The server certificate (for `localhost`, `127.0.0.1`, `::1`). */
  certPem: string;
  /** The server's private key. Never leaves the process unless the caller writes it. */
  keyPem: string;
}

// node-forge builds the certificates; Node's crypto does the RSA work (key generation and
// signing), which in pure JS takes seconds, and far longer under jest.
function rsaKeyPair() {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  return {
    privateKeyPem: privateKey,
    publicKey: forge.pki.publicKeyFromPem(publicKey),
  };
}

/** Signs a certificate with SHA-256/RSA, as `cert.sign()` would, with a native signature. */
function signCertificate(
  certificate: forge.pki.Certificate,
  privateKeyPem: string,
): void {
  const oid = forge.pki.oids.sha256WithRSAEncryption;
  certificate.siginfo.algorithmOid = oid;
  certificate.signatureOid = oid;
  // `getTBSCertificate` exists in node-forge but not in @types/node-forge.
  const { getTBSCertificate } = forge.pki as unknown as {
    getTBSCertificate(c: forge.pki.Certificate): forge.asn1.Asn1;
  };
  const tbs = getTBSCertificate(certificate);
  (
    certificate as unknown as { tbsCertificate: forge.asn1.Asn1 }
  ).tbsCertificate = tbs;
  const der = Buffer.from(forge.asn1.toDer(tbs).getBytes(), 'binary');
  certificate.signature = sign('sha256', der, privateKeyPem).toString('binary');
}

function serialNumber(): string {
  // Positive (high bit clear) random serial, as RFC 5280 asks.
  const bytes = randomBytes(16);
  bytes[0] &= 0x7f;
  return bytes.toString('hex');
}

/**
 * Makes a throw-away CA (valid one day, path length 0) and a `localhost` server certificate signed by
 * it. A fresh CA per start means trusting it trusts nothing else, and its key dies with the process.
 * @public
 */
export function createCertificates(
  now: Date = new Date(),
): EmulatorCertificates {
  const notBefore = new Date(now.getTime() - 60 * 60 * 1000);
  const notAfter = new Date(now.getTime() + 24 * 60 * 60 * 1000);

  const caKeys = rsaKeyPair();
  const ca = forge.pki.createCertificate();
  ca.publicKey = caKeys.publicKey;
  ca.serialNumber = serialNumber();
  ca.validity.notBefore = notBefore;
  ca.validity.notAfter = notAfter;
  const caName = [
    {
      name: 'commonName',
      value: `azure-arm-emulator CA ${randomBytes(4).toString('hex')}`,
    },
    { name: 'organizationName', value: 'AIB Scorecards test' },
  ];
  ca.setSubject(caName);
  ca.setIssuer(caName);
  ca.setExtensions([
    {
      name: 'basicConstraints',
      cA: true,
      pathLenConstraint: 0,
      critical: true,
    },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  signCertificate(ca, caKeys.privateKeyPem);

  const serverKeys = rsaKeyPair();
  const server = forge.pki.createCertificate();
  server.publicKey = serverKeys.publicKey;
  server.serialNumber = serialNumber();
  server.validity.notBefore = notBefore;
  server.validity.notAfter = notAfter;
  server.setSubject([{ name: 'commonName', value: 'localhost' }]);
  server.setIssuer(caName);
  server.setExtensions([
    { name: 'basicConstraints', cA: false, critical: true },
    {
      name: 'keyUsage',
      digitalSignature: true,
      keyEncipherment: true,
      critical: true,
    },
    { name: 'extKeyUsage', serverAuth: true },
    {
      name: 'subjectAltName',
      altNames: [
        { type: 2, value: 'localhost' },
        { type: 7, ip: '127.0.0.1' },
        { type: 7, ip: '::1' },
      ],
    },
    { name: 'subjectKeyIdentifier' },
    {
      name: 'authorityKeyIdentifier',
      keyIdentifier: ca.generateSubjectKeyIdentifier().getBytes(),
    },
  ]);
  signCertificate(server, caKeys.privateKeyPem);

  return {
    caPem: forge.pki.certificateToPem(ca),
    certPem: forge.pki.certificateToPem(server),
    keyPem: serverKeys.privateKeyPem,
  };
}
