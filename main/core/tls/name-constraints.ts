// The local CA's name constraints (RFC 5280 §4.2.1.10): it may vouch only for this machine's
// names and for local networks, so its key, were it ever copied, could not impersonate any
// public site to a device that trusts it. Encoded here in DER by hand: a few tags and lengths, and the
// same names always give the same bytes, which is how an existing CA is recognised as current.
import net from 'node:net';
import os from 'node:os';
import { canonicalIp } from './certificates';

export const NAME_CONSTRAINTS_OID = '2.5.29.30';
/** The extension's OID as it appears in DER (06 03 55 1D 1E): present in a constrained CA. */
export const NAME_CONSTRAINTS_OID_DER = Buffer.from([0x06, 0x03, 0x55, 0x1d, 0x1e]);

function der(tag: number, content: Buffer): Buffer {
  const n = content.length;
  const length = n < 0x80 ? Buffer.from([n]) : n < 0x100 ? Buffer.from([0x81, n]) : Buffer.from([0x82, n >> 8, n & 0xff]);
  return Buffer.concat([Buffer.from([tag]), length, content]);
}

function ipBytes(ip: string): Buffer {
  if (net.isIPv4(ip)) return Buffer.from(ip.split('.').map(Number));
  return Buffer.from(canonicalIp(ip).split(':').flatMap((g) => { const v = parseInt(g, 16); return [v >> 8, v & 0xff]; }));
}

function maskBytes(bits: number, length: number): Buffer {
  return Buffer.from(Array.from({ length }, (_, i) => { const b = Math.max(0, Math.min(8, bits - i * 8)); return (0xff << (8 - b)) & 0xff; }));
}

/** An address block: the network's first address and its prefix length. */
export interface Subnet {
  address: string;
  prefix: number;
}

/**
 * Private and local address blocks (RFC 1918, 6598, 3927, 4193, 4291 link-local and loopback):
 * no public site lives there.
 */
const LOCAL_BLOCKS: Subnet[] = [
  { address: '127.0.0.0', prefix: 8 },
  { address: '10.0.0.0', prefix: 8 },
  { address: '172.16.0.0', prefix: 12 },
  { address: '192.168.0.0', prefix: 16 },
  { address: '100.64.0.0', prefix: 10 },
  { address: '169.254.0.0', prefix: 16 },
  { address: '::1', prefix: 128 },
  { address: 'fc00::', prefix: 7 },
  { address: 'fe80::', prefix: 10 },
];

function within(ip: string, block: Subnet): boolean {
  if (net.isIPv4(ip) !== net.isIPv4(block.address)) return false;
  const a = ipBytes(ip);
  const b = ipBytes(block.address);
  const mask = maskBytes(block.prefix, a.length);
  return a.every((byte, i) => (byte & mask[i]!) === (b[i]! & mask[i]!));
}

/**
 * Every local block, so a machine that gains or changes a LAN address keeps the CA every device
 * trusts, and the network of each public address it has (rare on a lobby PC).
 */
export function subnetsOf(ips: string[]): Subnet[] {
  const prefixes = new Map<string, number>();
  for (const addresses of Object.values(os.networkInterfaces())) {
    for (const a of addresses ?? []) {
      const prefix = Number(a.cidr?.split('/')[1]);
      if (Number.isInteger(prefix)) prefixes.set(canonicalIp(a.address), prefix);
    }
  }
  const publicOnes = ips
    .filter((ip) => !LOCAL_BLOCKS.some((block) => within(ip, block)))
    .map((ip) => ({ address: ip, prefix: prefixes.get(canonicalIp(ip)) ?? (net.isIPv4(ip) ? 32 : 128) }));
  return [...LOCAL_BLOCKS, ...publicOnes];
}

/** The DER of NameConstraints permitting exactly `dns` (and their subdomains) and `subnets`. */
export function nameConstraintsDer(dns: string[], subnets: Subnet[]): Buffer {
  const dnsTrees = [...new Set(dns.map((d) => d.toLowerCase()))].sort().map((d) => der(0x30, der(0x82, Buffer.from(d, 'ascii'))));
  const ipTrees = subnets
    .map(({ address, prefix }) => {
      const bytes = ipBytes(address);
      const mask = maskBytes(prefix, bytes.length);
      const network = Buffer.from(bytes.map((b, i) => b & mask[i]!));
      return Buffer.concat([network, mask]);
    })
    .map((b) => b.toString('hex'))
    .filter((hex, i, all) => all.indexOf(hex) === i)
    .sort()
    .map((hex) => der(0x30, der(0x87, Buffer.from(hex, 'hex'))));
  return der(0x30, der(0xa0, Buffer.concat([...dnsTrees, ...ipTrees])));
}
