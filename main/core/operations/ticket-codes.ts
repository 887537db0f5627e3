// Makes ticket codes: the one place they come from, for bookings and for the backfill of
// tickets booked before codes existed. In TypeScript rather than SQL because MariaDB before
// 10.10 has no CSPRNG function (RANDOM_BYTES), and RAND()/UUID() are guessable.
import { randomBytes } from 'node:crypto';
import { TICKET_CODE_BITS, ticketCodeFromBits } from '../../common/ticket-code';

const MASK = (1n << BigInt(TICKET_CODE_BITS)) - 1n;

/** A fresh code: 55 bits from the operating system's CSPRNG, plus the check symbol. */
export function newTicketCode(): string {
  return ticketCodeFromBits(randomBytes(8).readBigUInt64LE() & MASK);
}
