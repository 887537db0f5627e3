// Gives every ticket without a code one (tickets booked before sql/008, or inserted raw by a
// DBA). Run after each migrate; safe when several processes run it at once: a row is only
// ever written while its code is still NULL.
import type { Database } from '../db/database';
import { isDuplicateKey } from '../db/errors';
import { newTicketCode } from './ticket-codes';

const BATCH = 500;

/** Returns how many tickets got a code. */
export async function backfillTicketCodes(db: Database): Promise<number> {
  let filled = 0;
  for (;;) {
    const rows = await db.rows(`SELECT ticket_id FROM ticket_record WHERE ticket_code IS NULL ORDER BY ticket_id LIMIT ${BATCH}`);
    if (rows.length === 0) return filled;
    for (const row of rows) {
      for (;;) {
        try {
          const result = await db.exec('UPDATE ticket_record SET ticket_code = ? WHERE ticket_id = ? AND ticket_code IS NULL', [newTicketCode(), row.ticket_id]);
          filled += result.affectedRows;
          break;
        } catch (err) {
          if (!isDuplicateKey(err)) throw err; // a 1-in-2^55 collision: draw again
        }
      }
    }
  }
}
