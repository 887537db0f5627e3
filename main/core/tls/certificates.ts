// The listener's TLS identity. By default a local CA and a server certificate made on first
// run and kept in <dataDir>/tls/; LAN devices trust the CA once (or pin the fingerprint).
// The server certificate is remade when the machine's names or addresses change or it nears
// expiry; the CA stays, so devices keep trusting it, unless the machine moved to names or
// networks outside its name constraints. The CA's key lives apart in tls/private/ (0700), so
// tls/ can be handed out whole. MARQUEE_TLS_CERT/KEY bring one's own.
import { createHash, createPrivateKey, createPublicKey, randomBytes, webcrypto, X509Certificate as NodeCertificate } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { ConfigError } from '../config';
import { loadX509 } from './x509-loader';
import { NAME_CONSTRAINTS_OID, NAME_CONSTRAINTS_OID_DER, nameConstraintsDer, subnetsOf } from './name-constraints';
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE } from '../private-files';

export interface TlsMaterial {
  keyPem: string;
  /** The server certificate (and chain, for one's own) in PEM. */
  certPem: string;
  /** What a client should trust: our local CA, or the last certificate of one's own chain. */
  caCertPem: string;
  /** SHA-256 of the server certificate, colon-separated hex as browsers show it. */
  fingerprint: string;
}

export interface SubjectNames {
  dns: string[];
  ip: string[];
}

const EC = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
const DAY_MS = 24 * 60 * 60 * 1000;
/** Five years: devices install the CA once in a while, not every year; doctor warns 60 days ahead. */
export const CA_LIFETIME_DAYS = 5 * 365 + 1;
/** `marquee doctor` says when the CA (or one's own certificate) ends this close. */
export const CA_WARN_DAYS = 60;
/** Browsers refuse server certificates valid for longer than 398 days. */
const SERVER_LIFETIME_DAYS = 397;
const RENEW_BEFORE_DAYS = 30;

export const TLS_FILES = {
  ca: 'ca.pem',
  caKey: 'private/ca-key.pem',
  server: 'server.pem',
  serverKey: 'server-key.pem',
} as const;

const isWildcard = (host: string) => host === '0.0.0.0' || host === '::' || host === '';

/** The names a LAN device may use to reach this machine: loopback, hostname, LAN addresses, and the bound host. */
export function localSubjectNames(boundHost?: string): SubjectNames {
  const dns = new Set(['localhost']);
  const ip = new Set(['127.0.0.1', '::1']);
  const hostname = os.hostname();
  if (/^[A-Za-z0-9.-]{1,253}$/.test(hostname)) dns.add(hostname.toLowerCase());
  for (const addresses of Object.values(os.networkInterfaces())) {
    for (const a of addresses ?? []) {
      // Link-local IPv6 needs a zone id, which no certificate can name.
      if (!a.internal && !(a.family === 'IPv6' && /^fe80:/i.test(a.address))) ip.add(a.address);
    }
  }
  if (boundHost && !isWildcard(boundHost)) {
    if (net.isIP(boundHost)) ip.add(boundHost);
    else if (/^[A-Za-z0-9.-]{1,253}$/.test(boundHost)) dns.add(boundHost.toLowerCase());
  }
  return { dns: [...dns].sort(), ip: [...ip].sort() };
}

export function fingerprintOf(certPem: string): string {
  return new NodeCertificate(certPem).fingerprint256;
}

/** Base64 SHA-256 of the certificate's SubjectPublicKeyInfo (for pinning, e.g. chromium's spki list). */
export function spkiSha256Base64(certPem: string): string {
  const spki = new NodeCertificate(certPem).publicKey.export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(spki).digest('base64');
}

/** One's own certificate and key (MARQUEE_TLS_CERT / MARQUEE_TLS_KEY), checked to belong together. */
export function loadOwnCertificate(certFile: string, keyFile: string): TlsMaterial {
  let certPem: string;
  let keyPem: string;
  try {
    certPem = readFileSync(certFile, 'utf8');
    keyPem = readFileSync(keyFile, 'utf8');
  } catch (err) {
    throw new ConfigError(`Cannot read the TLS certificate or key (${(err as NodeJS.ErrnoException).code ?? 'error'}): ${certFile}, ${keyFile}.`);
  }
  const chain = certPem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  if (chain.length === 0) throw new ConfigError(`MARQUEE_TLS_CERT (${certFile}) holds no PEM certificate.`);
  try {
    if (!keyMatches(keyPem, chain[0]!)) throw new ConfigError('MARQUEE_TLS_KEY is not the key of MARQUEE_TLS_CERT.');
  } catch (err) {
    if (err instanceof ConfigError) throw err;
    throw new ConfigError('MARQUEE_TLS_CERT or MARQUEE_TLS_KEY is not a readable PEM certificate or private key.');
  }
  return { keyPem, certPem, caCertPem: `${chain[chain.length - 1]!}\n`, fingerprint: fingerprintOf(chain[0]!) };
}

function keyMatches(keyPem: string, certPem: string): boolean {
  const fromKey = createPublicKey(createPrivateKey(keyPem)).export({ type: 'spki', format: 'der' });
  const fromCert = new NodeCertificate(certPem).publicKey.export({ type: 'spki', format: 'der' });
  return fromKey.equals(fromCert);
}

export interface EnsureOptions {
  names?: SubjectNames;
  /** The clock, for tests of renewal. */
  now?: Date;
}

/** Loads the local CA and server certificate from `dir`, making or renewing what is missing, stale or for other names. */
export async function ensureLocalCertificates(dir: string, options: EnsureOptions = {}): Promise<TlsMaterial> {
  const names = options.names ?? localSubjectNames();
  const now = options.now ?? new Date();
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  return withDirectoryLock(dir, async () => {
    keepCaKeyApart(dir);
    const constraints = nameConstraintsDer(names.dns, subnetsOf(names.ip));
    let ca = readCa(dir, constraints, now);
    if (!ca) {
      ca = await createCa(constraints, now);
      writePem(dir, TLS_FILES.caKey, ca.keyPem, PRIVATE_FILE_MODE);
      writePem(dir, TLS_FILES.ca, ca.certPem, 0o644);
    }
    let server = readServer(dir, ca.certPem, names, now);
    if (!server) {
      server = await createServer(ca, names, now);
      writePem(dir, TLS_FILES.serverKey, server.keyPem, PRIVATE_FILE_MODE);
      writePem(dir, TLS_FILES.server, server.certPem, 0o644);
    }
    return { keyPem: server.keyPem, certPem: server.certPem, caCertPem: ca.certPem, fingerprint: fingerprintOf(server.certPem) };
  });
}

/** Where an older Marquee kept the CA key, beside the certificates. */
const LEGACY_CA_KEY = 'ca-key.pem';

/** The CA key in tls/private/ (0700), moved there from beside the certificates if it was. */
function keepCaKeyApart(dir: string): void {
  const privateDir = path.join(dir, path.dirname(TLS_FILES.caKey));
  mkdirSync(privateDir, { recursive: true, mode: PRIVATE_DIR_MODE });
  chmodSync(privateDir, PRIVATE_DIR_MODE);
  const legacy = path.join(dir, LEGACY_CA_KEY);
  if (existsSync(legacy) && !existsSync(path.join(dir, TLS_FILES.caKey))) {
    chmodSync(legacy, PRIVATE_FILE_MODE);
    renameSync(legacy, path.join(dir, TLS_FILES.caKey));
  }
}

/** What `doctor` says about the local CA: when it ends and whether it is name-constrained. */
export function describeLocalCa(dir: string): { validTo: Date; constrained: boolean } | null {
  const certPem = readText(dir, TLS_FILES.ca);
  if (!certPem) return null;
  try {
    const cert = new NodeCertificate(certPem);
    return { validTo: new Date(cert.validTo), constrained: cert.raw.includes(NAME_CONSTRAINTS_OID_DER) };
  } catch {
    return null;
  }
}

interface PemPair {
  certPem: string;
  keyPem: string;
}

function readText(dir: string, file: string): string | null {
  const p = path.join(dir, file);
  return existsSync(p) ? readFileSync(p, 'utf8') : null;
}

function writePem(dir: string, file: string, pem: string, mode: number): void {
  const target = path.join(dir, file);
  const staging = `${target}.${process.pid}.${randomBytes(4).toString('hex')}`;
  writeFileSync(staging, pem, { mode });
  chmodSync(staging, mode);
  renameSync(staging, target);
}

const expiresSoon = (cert: NodeCertificate, now: Date) => new Date(cert.validTo).getTime() - now.getTime() < RENEW_BEFORE_DAYS * DAY_MS;

/** An IP address in one spelling: IPv6 fully expanded, lower case, no leading zeros. */
export function canonicalIp(ip: string): string {
  if (!net.isIPv6(ip)) return ip;
  let text = ip.toLowerCase();
  const v4 = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (v4) {
    const [a, b, c, d] = v4.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, v4.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.includes('::') ? text.split('::') : [text, undefined];
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = tail === undefined ? left : [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right];
  return groups.map((g) => parseInt(g, 16).toString(16)).join(':');
}

/** The names a certificate covers, as comparable strings, from Node's "DNS:a, IP Address:b" text. */
function coveredNames(cert: NodeCertificate): string[] {
  return (cert.subjectAltName ?? '')
    .split(', ')
    .filter(Boolean)
    .map((entry) => (entry.startsWith('IP Address:') ? `ip:${canonicalIp(entry.slice(11))}` : entry.startsWith('DNS:') ? `dns:${entry.slice(4).toLowerCase()}` : entry))
    .sort();
}

function wantedNames(names: SubjectNames): string[] {
  return [...names.dns.map((n) => `dns:${n.toLowerCase()}`), ...names.ip.map((ip) => `ip:${canonicalIp(ip)}`)].sort();
}

// Reading and checking existing files needs only Node's crypto; @peculiar/x509 (several MB
// of heap) is loaded only on the rare runs that make a certificate.
/**
 * A CA made by an older Marquee has no name constraints: it is kept (every device trusts it)
 * and doctor suggests replacing it. A constrained one must permit exactly today's names.
 */
function readCa(dir: string, constraints: Buffer, now: Date): PemPair | null {
  const certPem = readText(dir, TLS_FILES.ca);
  const keyPem = readText(dir, TLS_FILES.caKey);
  if (!certPem || !keyPem) return null;
  try {
    const cert = new NodeCertificate(certPem);
    if (!cert.ca || expiresSoon(cert, now) || !keyMatches(keyPem, certPem)) return null;
    if (cert.raw.includes(NAME_CONSTRAINTS_OID_DER) && !cert.raw.includes(constraints)) return null;
    return { certPem, keyPem };
  } catch {
    return null; // unreadable: make a new one rather than refuse to start
  }
}

function readServer(dir: string, caCertPem: string, names: SubjectNames, now: Date): PemPair | null {
  const certPem = readText(dir, TLS_FILES.server);
  const keyPem = readText(dir, TLS_FILES.serverKey);
  if (!certPem || !keyPem) return null;
  try {
    const cert = new NodeCertificate(certPem);
    const ca = new NodeCertificate(caCertPem);
    if (!cert.checkIssued(ca) || !cert.verify(ca.publicKey)) return null;
    if (expiresSoon(cert, now) || !keyMatches(keyPem, certPem)) return null;
    const covered = coveredNames(cert);
    const wanted = wantedNames(names);
    if (covered.length !== wanted.length || covered.some((n, i) => n !== wanted[i])) return null;
    return { certPem, keyPem };
  } catch {
    return null;
  }
}

async function exportKeyPem(key: CryptoKey): Promise<string> {
  const x509 = await loadX509();
  return x509.PemConverter.encode(await webcrypto.subtle.exportKey('pkcs8', key), 'PRIVATE KEY');
}

async function createCa(constraints: Buffer, now: Date): Promise<PemPair> {
  const x509 = await loadX509();
  const keys = (await webcrypto.subtle.generateKey(EC, true, ['sign', 'verify'])) as CryptoKeyPair;
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serial(),
    name: `CN=Marquee local CA (${os.hostname().replace(/[,+="<>#;\\]/g, '')}), O=Marquee`,
    notBefore: new Date(now.getTime() - DAY_MS),
    notAfter: new Date(now.getTime() + CA_LIFETIME_DAYS * DAY_MS),
    signingAlgorithm: EC,
    keys,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
      // Critical, as RFC 5280 asks: a client that cannot check the constraints must refuse.
      new x509.Extension(NAME_CONSTRAINTS_OID, true, new Uint8Array(constraints)),
    ],
  });
  return { certPem: cert.toString('pem'), keyPem: await exportKeyPem(keys.privateKey) };
}

/** Positive 128-bit serial (the top bit cleared so DER does not read it as negative). */
function serial(): string {
  const bytes = randomBytes(16);
  bytes[0] = bytes[0]! & 0x7f;
  return bytes.toString('hex');
}

async function createServer(ca: PemPair, names: SubjectNames, now: Date): Promise<PemPair> {
  const x509 = await loadX509();
  const caCert = new x509.X509Certificate(ca.certPem);
  const caKey = await webcrypto.subtle.importKey('pkcs8', createPrivateKey(ca.keyPem).export({ type: 'pkcs8', format: 'der' }), EC, false, ['sign']);
  const keys = (await webcrypto.subtle.generateKey(EC, true, ['sign', 'verify'])) as CryptoKeyPair;
  const commonName = (names.dns.find((n) => n !== 'localhost') ?? 'localhost').replace(/[,+="<>#;\\]/g, '');
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: serial(),
    subject: `CN=${commonName}, O=Marquee`,
    issuer: caCert.subject,
    notBefore: new Date(now.getTime() - DAY_MS),
    notAfter: new Date(now.getTime() + SERVER_LIFETIME_DAYS * DAY_MS),
    signingAlgorithm: EC,
    publicKey: keys.publicKey,
    signingKey: caKey,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      new x509.SubjectAlternativeNameExtension([
        ...names.dns.map((value) => ({ type: 'dns' as const, value })),
        ...names.ip.map((value) => ({ type: 'ip' as const, value })),
      ]),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
      await x509.AuthorityKeyIdentifierExtension.create(caCert.publicKey),
    ],
  });
  return { certPem: cert.toString('pem'), keyPem: await exportKeyPem(keys.privateKey) };
}

/**
 * Two processes on one data directory (the app and `marquee serve`) must not both write a CA:
 * a directory made with mkdir is the lock; one left by a crash is taken over after 30 s.
 */
async function withDirectoryLock<T>(dir: string, work: () => Promise<T>): Promise<T> {
  const lock = path.join(dir, '.lock');
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      let stale = false;
      try {
        stale = Date.now() - statSync(lock).mtimeMs > 30_000;
      } catch {
        continue; // released meanwhile
      }
      if (stale || Date.now() > deadline) rmSync(lock, { recursive: true, force: true });
      else await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  try {
    return await work();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}
