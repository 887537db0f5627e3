// The image formats a film's poster may be, told by their first bytes (never by a name or a
// header). One rule for the server, which refuses anything else, and the manager's form, which
// says so before 2 MB travel. Runs anywhere.
export type PosterType = 'image/jpeg' | 'image/png' | 'image/webp';

const ascii = (bytes: Uint8Array, from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

const POSTER_FORMATS: ReadonlyArray<{ type: PosterType; matches: (b: Uint8Array) => boolean }> = [
  { type: 'image/jpeg', matches: (b) => b.length > 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  { type: 'image/png', matches: (b) => PNG_SIGNATURE.every((byte, i) => b[i] === byte) },
  { type: 'image/webp', matches: (b) => ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 12) === 'WEBP' },
];

export function posterTypeOf(bytes: Uint8Array): PosterType | null {
  return POSTER_FORMATS.find((f) => f.matches(bytes))?.type ?? null;
}
