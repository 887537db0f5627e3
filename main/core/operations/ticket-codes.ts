// Makes ticket codes: the one place they come from, for bookings and for the backfill of
// tickets booked before codes existed. In TypeScript rather than SQL because MariaDB before
// 10.10 has no CSPRNG function (RANDOM_BYTES), and RAND()/UUID() are guessable.
import { randomBytes } from 'node:crypto';
import { TICKET_CODE_BITS, ticketCodeFromBits } from '../../common/ticket-code';

const MASK = (1n << BigInt(TICKET_CODE_BITS)) - 1n;

// Randomness is drawn from the CSPRNG 4 KB at a time and each 8 bytes used once, as Node's own
// randomUUID() caches: one call per booking cost more than the rest of making the code.
const POOL_BYTES = 4096;
let pool = Buffer.alloc(0);
let offset = 0;

function random64(): bigint {
  if (offset + 8 > pool.length) {
    pool = randomBytes(POOL_BYTES);
    offset = 0;
  }
  const value = pool.readBigUInt64LE(offset);
  // Used bytes are wiped, so memory never holds a code's randomness after it was drawn.
  pool.fill(0, offset, offset + 8);
  offset += 8;
  return value;
}

/** A fresh code: 55 bits from the operating system's CSPRNG, plus the check symbol. */
export function newTicketCode(): string {
  return ticketCodeFromBits(random64() & MASK);
}
