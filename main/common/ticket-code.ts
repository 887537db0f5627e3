// Ticket codes: the secret a ticket carries (printed, in its QR, typed by a wedge scanner)
// and the proof of ownership for kiosk devices. Runs anywhere: the core makes them, the door
// app checks a scan before it asks the server.
//
// Format: 12 symbols of Crockford's base 32 (digits and capitals without I, L, O, U — nothing
// that reads or sounds like another symbol), grouped 4-4-4 for reading aloud: K7QM-4XWP-9TX8.
// The first 11 are random (55 bits from a CSPRNG); the last is a check symbol, so a misread
// or made-up code is refused on the spot, before any request.

export const TICKET_CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const TICKET_CODE_RANDOM_SYMBOLS = 11;
export const TICKET_CODE_LENGTH = TICKET_CODE_RANDOM_SYMBOLS + 1;
/** Entropy of a code: 5 bits per random symbol. */
export const TICKET_CODE_BITS = TICKET_CODE_RANDOM_SYMBOLS * 5;

// Read the way people and OCR confuse them: O is zero, I and L are one.
const ALIASES: Record<string, string> = { O: '0', I: '1', L: '1' };

/**
 * The check symbol: a sum of the symbols' values with odd weights, modulo 32. Odd weights are
 * invertible modulo 32, so every single wrong symbol changes the sum.
 */
export function checkSymbol(randomPart: string): string {
  let sum = 0;
  for (let i = 0; i < randomPart.length; i++) sum += TICKET_CODE_ALPHABET.indexOf(randomPart[i]!) * (2 * i + 1);
  return TICKET_CODE_ALPHABET[sum % 32]!;
}

/** A ticket code from 55 random bits (`bits` is a bigint below 2^55): the core's only maker. */
export function ticketCodeFromBits(bits: bigint): string {
  let randomPart = '';
  for (let i = 0; i < TICKET_CODE_RANDOM_SYMBOLS; i++) {
    randomPart += TICKET_CODE_ALPHABET[Number((bits >> BigInt(5 * i)) & 31n)];
  }
  return randomPart + checkSymbol(randomPart);
}

/**
 * The stored form of what someone typed or scanned (`k7qm 4xwp-9txc`, a QR's text), or null
 * when it is not a well-formed code with a matching check symbol.
 */
export function normalizeTicketCode(raw: string): string | null {
  const compact = raw.trim().toUpperCase().replace(/[\s-]/g, '').replace(/[OIL]/g, (c) => ALIASES[c]!);
  if (compact.length !== TICKET_CODE_LENGTH) return null;
  for (const c of compact) if (!TICKET_CODE_ALPHABET.includes(c)) return null;
  const randomPart = compact.slice(0, TICKET_CODE_RANDOM_SYMBOLS);
  return checkSymbol(randomPart) === compact[TICKET_CODE_RANDOM_SYMBOLS] ? compact : null;
}

/** How a code is printed and read aloud: K7QM-4XWP-9TX8. */
export function formatTicketCode(code: string): string {
  // Slices, not a regular expression: every roster row formats its code.
  let grouped = code.slice(0, 4);
  for (let i = 4; i < code.length; i += 4) grouped += `-${code.slice(i, i + 4)}`;
  return grouped;
}

/**
 * What a ticket's QR code says: the grouped code itself. The code is the secret (see
 * docs/ARCHITECTURE.md, "Ticket codes"), so the QR needs no second one, and a keyboard-wedge
 * scanner types exactly what a person would read off the paper.
 */
export function ticketQrText(code: string): string {
  return formatTicketCode(code);
}
