// Pairing a device without typing a token: the manager makes a one-time six-digit code for a
// role and a label; the device sends the code (no token yet) and gets its own token back.
// A code is short enough to read off a screen, so it is single-use, lives ten minutes, is
// stored only as a keyed hash (pairing-key.ts), and every try is charged to its address before
// the code is looked at (pairing-guesses.ts).
import { randomInt } from 'node:crypto';
import type { PoolConnection, ResultSetHeader } from 'mysql2/promise';
import { MarqueeError } from '../../common/errors';
import type { PairableRole } from '../../common/roles';
import { PAIRING_CODE_DIGITS } from '../../common/schemas';
import type { Database, Row } from '../db/database';
import { isDuplicateKey } from '../db/errors';
import { chargeGuess, forgetEndedWindows, guessSource, refundGuess, refuseIfSpent } from './pairing-guesses';
import { hashPairingCode } from './pairing-key';
import { INSERT_TOKEN_SQL, mintToken } from './tokens';

export const PAIRING_VALID_MINUTES = 10;

export interface PairingCode {
  pairingId: number;
  code: string;
  role: PairableRole;
  label: string;
  expiresAt: Date;
}

export interface PairedDevice {
  tokenId: number;
  label: string;
  role: PairableRole;
  token: string;
}

/** `screenIds`: a door scoped to these screens from its first scan (door_screen, sql/020). */
export async function createPairingCode(
  db: Database, key: Buffer, role: PairableRole, label: string, createdBy: string, screenIds: readonly number[] = [],
): Promise<PairingCode> {
  // Expired codes go first, so a new code never collides with a dead one.
  await db.exec('DELETE FROM pairing_code WHERE expires_at < UTC_TIMESTAMP(3)');
  await forgetEndedWindows(db);
  for (let attempt = 0; ; attempt++) {
    const code = String(randomInt(0, 10 ** PAIRING_CODE_DIGITS)).padStart(PAIRING_CODE_DIGITS, '0');
    try {
      const result = await db.exec(
        `INSERT INTO pairing_code (code_hash, role, label, created_by, created_at, expires_at, screen_ids)
         VALUES (?, ?, ?, ?, UTC_TIMESTAMP(3), UTC_TIMESTAMP(3) + INTERVAL ${PAIRING_VALID_MINUTES} MINUTE, ?)`,
        [hashPairingCode(key, code), role, label, createdBy, screenIds.length > 0 ? screenIds.join(',') : null],
      );
      const [row] = await db.rows('SELECT expires_at FROM pairing_code WHERE pairing_id = ?', [result.insertId]);
      return { pairingId: Number(result.insertId), code, role, label, expiresAt: row!.expires_at as Date };
    } catch (err) {
      // Another live code drew the same digits: draw again (a million codes, few alive).
      if (!isDuplicateKey(err) || attempt >= 5) throw err;
    }
  }
}

export interface Redemption {
  code: string;
  /** The role the pairing page is for: a code of another role is refused and stays valid. */
  expectRole?: PairableRole | undefined;
}

/** What one try came to; decided inside the transaction, thrown after it. */
type Outcome = { paired: PairedDevice } | { refused: MarqueeError };

/** Spends a live code on a new token; any other code found is a refusal. */
async function redeemFound(conn: PoolConnection, key: Buffer, { code, expectRole }: Redemption, source: string): Promise<Outcome> {
  const [[pairing]] = await conn.query<Row[]>(
    `SELECT pairing_id, role, label, screen_ids, (used_at IS NULL AND expires_at > UTC_TIMESTAMP(3)) AS live
       FROM pairing_code WHERE code_hash = ? FOR UPDATE`,
    [hashPairingCode(key, code)],
  );
  if (!pairing) return { refused: new MarqueeError('PAIRING_CODE_INVALID') };
  // A code that exists was not guessed: used a moment ago by a twin request, expired on a slow
  // device, or opened on the wrong page. It costs its address nothing.
  await refundGuess(conn, source);
  if (!Number(pairing.live)) return { refused: new MarqueeError('PAIRING_CODE_INVALID') };
  const role = pairing.role as PairableRole;
  if (expectRole !== undefined && role !== expectRole) {
    return { refused: new MarqueeError('WRONG_ROLE', undefined, undefined, { details: { role, expectRole } }) };
  }
  const { token, hash } = mintToken();
  const [inserted] = await conn.query<ResultSetHeader>(INSERT_TOKEN_SQL, [pairing.label, role, hash]);
  await conn.query('UPDATE pairing_code SET used_at = UTC_TIMESTAMP(3), token_id = ? WHERE pairing_id = ?', [inserted.insertId, pairing.pairing_id]);
  const screens = pairing.screen_ids === null ? [] : String(pairing.screen_ids).split(',').map(Number).filter((n) => n > 0);
  if (screens.length > 0) {
    // A screen removed since the code was made is simply not in the scope.
    await conn.query(`INSERT INTO door_screen (token_id, screen_id) SELECT ?, screen_id FROM screen WHERE screen_id IN (${screens.map(() => '?').join(',')})`, [
      inserted.insertId, ...screens,
    ]);
  }
  return { paired: { tokenId: Number(inserted.insertId), label: String(pairing.label), role, token } };
}

/**
 * The token for a live, unused code of the expected role. The try is charged to `clientAddress`
 * and the code checked and spent in one transaction under the address's row lock.
 */
export async function redeemPairingCode(db: Database, key: Buffer, redemption: Redemption, clientAddress: string): Promise<PairedDevice> {
  const source = guessSource(clientAddress);
  await refuseIfSpent(db, source);
  const outcome = await db.withConnection(async (conn): Promise<Outcome> => {
    await conn.beginTransaction();
    try {
      const spent = await chargeGuess(conn, source);
      if (spent) {
        await conn.rollback();
        return { refused: spent };
      }
      const found = await redeemFound(conn, key, redemption, source);
      await conn.commit();
      return found;
    } catch (err) {
      await conn.rollback().catch(() => undefined);
      throw err;
    }
  });
  if ('refused' in outcome) throw outcome.refused;
  return outcome.paired;
}
