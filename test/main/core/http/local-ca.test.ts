// The local CA as the issue asks it: five years, name-constrained to this machine's names and
// local networks (a certificate it signed for any other name is refused by a TLS client that
// trusts it), its key apart in tls/private/, and a CA made by an older Marquee kept, not replaced.
import { createPrivateKey, webcrypto, X509Certificate } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import tls from 'node:tls';
import { afterEach, expect, test } from 'vitest';
import { CA_LIFETIME_DAYS, describeLocalCa, ensureLocalCertificates, TLS_FILES } from '../../../../main/core/tls/certificates';
import { loadX509 } from '../../../../main/core/tls/x509-loader';
import { tlsChecks } from '../../../../main/core/commands/tls-checks';

const DAY = 86_400_000;
const EC = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
const names = { dns: ['localhost', 'boxoffice'], ip: ['127.0.0.1', '::1', '192.168.1.20'] };

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'marquee-ca-'));
  dirs.push(dir);
  return path.join(dir, 'tls');
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A server certificate for `host` signed with the CA's own key, as a thief of the key would make one. */
async function signWithCa(dir: string, host: { dns?: string; ip?: string }): Promise<{ cert: string; key: string }> {
  const x509 = await loadX509();
  const ca = new x509.X509Certificate(readFileSync(path.join(dir, TLS_FILES.ca), 'utf8'));
  const caKey = await webcrypto.subtle.importKey(
    'pkcs8', createPrivateKey(readFileSync(path.join(dir, TLS_FILES.caKey), 'utf8')).export({ type: 'pkcs8', format: 'der' }), EC, false, ['sign'],
  );
  const keys = (await webcrypto.subtle.generateKey(EC, true, ['sign', 'verify'])) as CryptoKeyPair;
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: '0a1b2c', subject: 'CN=test', issuer: ca.subject,
    notBefore: new Date(Date.now() - DAY), notAfter: new Date(Date.now() + 30 * DAY),
    signingAlgorithm: EC, publicKey: keys.publicKey, signingKey: caKey,
    extensions: [
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      new x509.SubjectAlternativeNameExtension(host.dns ? [{ type: 'dns', value: host.dns }] : [{ type: 'ip', value: host.ip! }]),
    ],
  });
  const key = x509.PemConverter.encode(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey), 'PRIVATE KEY');
  return { cert: cert.toString('pem'), key };
}

/** A TLS handshake with a client that trusts only the CA: null when it accepts, else its error code. */
async function handshake(caPem: string, served: { cert: string; key: string }, servername: string): Promise<string | null> {
  const server = tls.createServer({ cert: served.cert, key: served.key }, (socket) => socket.end());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  try {
    return await new Promise<string | null>((resolve) => {
      const socket = tls.connect({ host: '127.0.0.1', port, ca: caPem, servername, checkServerIdentity: () => undefined }, () => {
        socket.destroy();
        resolve(null);
      });
      socket.on('error', (err: NodeJS.ErrnoException) => resolve(`${err.code}: ${err.message}`));
    });
  } finally {
    server.close();
  }
}

test('the CA is valid for five years and says so to doctor', async () => {
  const dir = tempDir();
  const { caCertPem } = await ensureLocalCertificates(dir, { names });
  const ca = new X509Certificate(caCertPem);
  const days = (new Date(ca.validTo).getTime() - Date.now()) / DAY;
  expect(days).toBeGreaterThan(CA_LIFETIME_DAYS - 2);
  expect(days).toBeLessThan(CA_LIFETIME_DAYS + 1);
  expect(CA_LIFETIME_DAYS).toBeGreaterThanOrEqual(5 * 365);
  expect(describeLocalCa(dir)).toEqual({ validTo: new Date(ca.validTo), constrained: true });
});

test('a certificate the CA signs for another name or a public address is refused; its own names pass', async () => {
  const dir = tempDir();
  const { caCertPem } = await ensureLocalCertificates(dir, { names });
  expect(await handshake(caCertPem, await signWithCa(dir, { dns: 'boxoffice' }), 'boxoffice')).toBeNull();
  expect(await handshake(caCertPem, await signWithCa(dir, { ip: '192.168.44.9' }), 'x')).toBeNull(); // another lease on the LAN
  expect(await handshake(caCertPem, await signWithCa(dir, { dns: 'bank.example.com' }), 'bank.example.com')).toMatch(/permitted subtree violation/);
  expect(await handshake(caCertPem, await signWithCa(dir, { ip: '8.8.8.8' }), 'x')).toMatch(/permitted subtree violation/);
});

test('the CA key lives in tls/private (0700, 0600); one beside the certificates is moved there and kept', async () => {
  const dir = tempDir();
  const first = await ensureLocalCertificates(dir, { names });
  expect(statSync(path.join(dir, 'private')).mode & 0o777).toBe(0o700);
  expect(statSync(path.join(dir, TLS_FILES.caKey)).mode & 0o777).toBe(0o600);
  // As an older Marquee left it: the key beside ca.pem, readable by all.
  const key = readFileSync(path.join(dir, TLS_FILES.caKey), 'utf8');
  rmSync(path.join(dir, 'private'), { recursive: true });
  writeFileSync(path.join(dir, 'ca-key.pem'), key, { mode: 0o644 });
  const again = await ensureLocalCertificates(dir, { names });
  expect(again.caCertPem).toBe(first.caCertPem);
  expect(existsSync(path.join(dir, 'ca-key.pem'))).toBe(false);
  expect(readFileSync(path.join(dir, TLS_FILES.caKey), 'utf8')).toBe(key);
  expect(statSync(path.join(dir, TLS_FILES.caKey)).mode & 0o777).toBe(0o600);
});

test('a new hostname outside the constraints makes a new CA; a CA without constraints (older Marquee) is kept', async () => {
  const dir = tempDir();
  const first = await ensureLocalCertificates(dir, { names });
  const renamed = await ensureLocalCertificates(dir, { names: { ...names, dns: ['localhost', 'lobby-pc'] } });
  expect(renamed.caCertPem).not.toBe(first.caCertPem);
  expect(new X509Certificate(renamed.certPem).checkIssued(new X509Certificate(renamed.caCertPem))).toBe(true);

  // An unconstrained CA, as made before: devices trust it, so it stays; doctor reports it.
  const legacy = tempDir();
  mkdirSync(path.join(legacy, 'private'), { recursive: true });
  const x509 = await loadX509();
  const keys = (await webcrypto.subtle.generateKey(EC, true, ['sign', 'verify'])) as CryptoKeyPair;
  const old = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: '01', name: 'CN=old CA', notBefore: new Date(Date.now() - DAY), notAfter: new Date(Date.now() + 3650 * DAY),
    signingAlgorithm: EC, keys,
    extensions: [new x509.BasicConstraintsExtension(true, 0, true), new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign, true)],
  });
  writeFileSync(path.join(legacy, TLS_FILES.ca), old.toString('pem'));
  writeFileSync(path.join(legacy, TLS_FILES.caKey), x509.PemConverter.encode(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey), 'PRIVATE KEY'));
  const kept = await ensureLocalCertificates(legacy, { names });
  expect(kept.caCertPem).toBe(old.toString('pem'));
  expect(describeLocalCa(legacy)?.constrained).toBe(false);
  const checks = tlsChecks({ httpPlain: false, tlsCertFile: undefined, dataDir: path.dirname(legacy) });
  expect(checks.map((c) => [c.label, c.ok])).toEqual([['Local CA', true], ['Local CA constraints', 'warn']]);
});

test('doctor says when the CA ends from 60 days ahead, and names a CA without constraints', async () => {
  const dir = tempDir();
  const { caCertPem } = await ensureLocalCertificates(dir, { names });
  const validTo = new Date(new X509Certificate(caCertPem).validTo).getTime();
  const config = { httpPlain: false, tlsCertFile: undefined, dataDir: path.dirname(dir) };
  expect(tlsChecks(config, new Date(validTo - 61 * DAY))).toEqual([expect.objectContaining({ label: 'Local CA', ok: true })]);
  const soon = tlsChecks(config, new Date(validTo - 59 * DAY));
  expect(soon).toEqual([expect.objectContaining({ label: 'Local CA', ok: 'warn', neededToServe: false })]);
  expect(soon[0]!.detail).toMatch(/expires on \d{4}-\d{2}-\d{2} \(in 5[89] days\); serve makes a new one 30 days before$/);
  expect(soon[0]!.fix).toContain('install the new ca.pem');
  expect(tlsChecks({ ...config, dataDir: path.join(os.tmpdir(), 'marquee-no-such-dir') })[0]).toMatchObject({ label: 'Local CA', ok: 'info' });
});
