// A poster file checked the way the server checks it — by its first bytes, not its name, and
// by size — so a wrong file is refused at once with the reason, before 2 MB travel; then turned
// into the base64 text the /film/poster body carries.
import { posterTypeOf } from '../../../../main/common/poster-format';
import { POSTER_MAX_BYTES } from '../../../../main/common/schemas';

/** What a file input gives (a File is one). */
export type PosterFile = Pick<Blob, 'size' | 'arrayBuffer'>;

export type PosterProblem = 'type' | 'size' | 'unreadable';

export const isPosterImage = (bytes: Uint8Array): boolean => posterTypeOf(bytes) !== null;

export function base64Of(bytes: Uint8Array): string {
  let binary = '';
  // In slices: String.fromCharCode takes its arguments on the stack.
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export async function checkPoster(file: PosterFile): Promise<{ ok: true; base64: string } | { ok: false; problem: PosterProblem }> {
  if (file.size > POSTER_MAX_BYTES) return { ok: false, problem: 'size' };
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await file.arrayBuffer());
  } catch {
    return { ok: false, problem: 'unreadable' };
  }
  if (!isPosterImage(bytes)) return { ok: false, problem: 'type' };
  return { ok: true, base64: base64Of(bytes) };
}
