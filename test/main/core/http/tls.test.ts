// The listener's certificates: a local CA and a P-256 server certificate for this machine's
// names, kept and reused, renewed when names change or expiry nears; or one's own.
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { ConfigError } from '../../../../main/core/config';
import { ensureLocalCertificates, loadOwnCertificate, localSubjectNames, TLS_FILES } from '../../../../main/core/tls/certificates';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'marquee-tls-'));
  dirs.push(dir);
  return path.join(dir, 'tls');
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const DAY = 86_400_000;

test('first run makes a CA and an EC P-256 / SHA-256 server certificate for loopback, hostname and LAN addresses', async () => {
  const dir = tempDir();
  const material = await ensureLocalCertificates(dir);
  const server = new X509Certificate(material.certPem);
  const ca = new X509Certificate(material.caCertPem);
  expect(server.verify(ca.publicKey)).toBe(true);
  expect(server.checkIssued(ca)).toBe(true);
  expect(ca.ca).toBe(true);
  expect(server.ca).toBe(false);
  expect(server.publicKey.asymmetricKeyType).toBe('ec');
  expect(server.publicKey.asymmetricKeyDetails?.namedCurve).toBe('prime256v1');
  expect(server.fingerprint256).toBe(material.fingerprint);
  const san = server.subjectAltName ?? '';
  for (const name of ['DNS:localhost', 'IP Address:127.0.0.1', 'IP Address:0:0:0:0:0:0:0:1', `DNS:${os.hostname().toLowerCase()}`]) expect(san).toContain(name);
  for (const ip of localSubjectNames().ip.filter((a) => !a.includes(':'))) expect(san).toContain(`IP Address:${ip}`);
  expect(server.checkHost('localhost')).toBe('localhost');
  expect(server.checkIP('127.0.0.1')).toBe('127.0.0.1');
  expect(new Date(server.validTo).getTime() - Date.now()).toBeLessThan(398 * DAY);

  for (const file of [TLS_FILES.caKey, TLS_FILES.serverKey]) expect(statSync(path.join(dir, file)).mode & 0o777).toBe(0o600);
  expect(statSync(dir).mode & 0o077).toBe(0);
});

test('later runs reuse the files', async () => {
  const dir = tempDir();
  const first = await ensureLocalCertificates(dir);
  const second = await ensureLocalCertificates(dir);
  expect(second.fingerprint).toBe(first.fingerprint);
  expect(second.keyPem).toBe(first.keyPem);
});

test('a changed set of names remakes the server certificate under the same CA', async () => {
  const dir = tempDir();
  const names = { dns: ['localhost'], ip: ['127.0.0.1', '::1'] };
  const first = await ensureLocalCertificates(dir, { names });
  const moved = await ensureLocalCertificates(dir, { names: { ...names, ip: [...names.ip, '192.168.7.7'] } });
  expect(moved.fingerprint).not.toBe(first.fingerprint);
  expect(moved.caCertPem).toBe(first.caCertPem);
  expect(new X509Certificate(moved.certPem).checkIP('192.168.7.7')).toBe('192.168.7.7');
});

test('a server certificate within 30 days of expiry is renewed; the CA stays', async () => {
  const dir = tempDir();
  const names = { dns: ['localhost'], ip: ['127.0.0.1'] };
  const first = await ensureLocalCertificates(dir, { names });
  const notAfter = new Date(new X509Certificate(first.certPem).validTo).getTime();
  const almost = await ensureLocalCertificates(dir, { names, now: new Date(notAfter - 31 * DAY) });
  expect(almost.fingerprint).toBe(first.fingerprint);
  const renewed = await ensureLocalCertificates(dir, { names, now: new Date(notAfter - 29 * DAY) });
  expect(renewed.fingerprint).not.toBe(first.fingerprint);
  expect(renewed.caCertPem).toBe(first.caCertPem);
});

test('damaged files are replaced rather than refusing to start', async () => {
  const dir = tempDir();
  const first = await ensureLocalCertificates(dir);
  writeFileSync(path.join(dir, TLS_FILES.serverKey), 'garbage');
  const repaired = await ensureLocalCertificates(dir);
  expect(repaired.fingerprint).not.toBe(first.fingerprint);
  expect(new X509Certificate(repaired.certPem).verify(new X509Certificate(repaired.caCertPem).publicKey)).toBe(true);
});

test('one\'s own certificate and key are used as given, and must belong together', async () => {
  const a = tempDir();
  const b = tempDir();
  await ensureLocalCertificates(a, { names: { dns: ['localhost'], ip: ['127.0.0.1'] } });
  await ensureLocalCertificates(b, { names: { dns: ['localhost'], ip: ['127.0.0.1'] } });
  const own = loadOwnCertificate(path.join(a, TLS_FILES.server), path.join(a, TLS_FILES.serverKey));
  expect(own.fingerprint).toBe(new X509Certificate(readFileSync(path.join(a, TLS_FILES.server))).fingerprint256);
  expect(() => loadOwnCertificate(path.join(a, TLS_FILES.server), path.join(b, TLS_FILES.serverKey))).toThrow(ConfigError);
  expect(() => loadOwnCertificate(path.join(a, 'missing.pem'), path.join(a, TLS_FILES.serverKey))).toThrow(ConfigError);
});
