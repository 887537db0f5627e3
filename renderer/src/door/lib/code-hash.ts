// The snapshot names tickets by a hash of their code, never the code (main/core/operations/door.ts):
// a scanned code is hashed the same way, PBKDF2-SHA256 under the snapshot's salt, and looked up.
export interface CodeHashSpec {
  salt: string;
  iterations: number;
}

const HASH_BITS = 256;

export async function hashTicketCode(normalizedCode: string, spec: CodeHashSpec): Promise<string> {
  const encoder = new TextEncoder();
  const key = await crypto.subtle.importKey('raw', encoder.encode(normalizedCode), 'PBKDF2', false, ['deriveBits']);
  const bits = await crypto.subtle.deriveBits(
    { name: 'PBKDF2', hash: 'SHA-256', salt: encoder.encode(spec.salt), iterations: spec.iterations },
    key,
    HASH_BITS,
  );
  return [...new Uint8Array(bits)].map((b) => b.toString(16).padStart(2, '0')).join('');
}
