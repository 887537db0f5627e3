// Pairing a device without typing a token: the manager makes a one-time six-digit code for a
// role and a label; the device sends the code (no token yet) and gets its own token back.
// A code is short enough to read off a screen, so it is single-use, lives ten minutes, and
// wrong guesses are limited per source and in total, in the database so that every process
// answering the API shares the count.
import { createHash, randomInt } from 'node:crypto';
import type { ResultSetHeader } from 'mysql2/promise';
import { MarqueeError } from '../../common/errors';
import type { PairableRole } from '../../common/roles';
import { PAIRING_CODE_DIGITS } from '../../common/schemas';
import type { Database, Row } from '../db/database';
import { isDuplicateKey } from '../db/errors';
import { INSERT_TOKEN_SQL, mintToken } from './tokens';

export const PAIRING_VALID_MINUTES = 10;
/** Wrong codes allowed from one address, and from everyone together, per window. */
export const PAIRING_GUESSES_PER_SOURCE = 5;
export const PAIRING_GUESSES_TOTAL = 30;
export const PAIRING_GUESS_WINDOW_MINUTES = 10;

const hashCode = (code: string) => createHash('sha256').update(`pairing:${code}`, 'utf8').digest('hex');

export interface PairingCode {
  pairingId: number;
  code: string;
  role: PairableRole;
  label: string;
  expiresAt: Date;
}

export async function createPairingCode(db: Database, role: PairableRole, label: string, createdBy: string): Promise<PairingCode> {
  // Expired codes go first, so a new code never collides with a dead one.
  await db.exec('DELETE FROM pairing_code WHERE expires_at < UTC_TIMESTAMP(3)');
  await db.exec(`DELETE FROM pairing_failure WHERE at < UTC_TIMESTAMP(3) - INTERVAL ${PAIRING_GUESS_WINDOW_MINUTES} MINUTE`);
  for (let attempt = 0; ; attempt++) {
    const code = String(randomInt(0, 10 ** PAIRING_CODE_DIGITS)).padStart(PAIRING_CODE_DIGITS, '0');
    try {
      const result = await db.exec(
        `INSERT INTO pairing_code (code_hash, role, label, created_by, created_at, expires_at)
         VALUES (?, ?, ?, ?, UTC_TIMESTAMP(3), UTC_TIMESTAMP(3) + INTERVAL ${PAIRING_VALID_MINUTES} MINUTE)`,
        [hashCode(code), role, label, createdBy],
      );
      const [row] = await db.rows('SELECT expires_at FROM pairing_code WHERE pairing_id = ?', [result.insertId]);
      return { pairingId: Number(result.insertId), code, role, label, expiresAt: row!.expires_at as Date };
    } catch (err) {
      // Another live code drew the same digits: draw again (a million codes, few alive).
      if (!isDuplicateKey(err) || attempt >= 5) throw err;
    }
  }
}

async function assertGuessesLeft(db: Database, source: string): Promise<void> {
  const [row] = await db.rows(
    `SELECT COUNT(*) AS total, COALESCE(SUM(source = ?), 0) AS mine FROM pairing_failure
      WHERE at > UTC_TIMESTAMP(3) - INTERVAL ${PAIRING_GUESS_WINDOW_MINUTES} MINUTE`,
    [source],
  );
  if (Number(row?.mine) >= PAIRING_GUESSES_PER_SOURCE || Number(row?.total) >= PAIRING_GUESSES_TOTAL) {
    throw new MarqueeError(
      'RATE_LIMITED',
      `Too many wrong pairing codes. Wait ${PAIRING_GUESS_WINDOW_MINUTES} minutes, then enter the code again (or ask the manager for a new one).`,
    );
  }
}

/** The token for a live, unused code; the code is spent in the same transaction. */
export async function redeemPairingCode(
  db: Database, code: string, source: string,
): Promise<{ tokenId: number; label: string; role: PairableRole; token: string }> {
  const sourceKey = source.slice(0, 64);
  await assertGuessesLeft(db, sourceKey);
  const redeemed = await db.withConnection(async (conn) => {
    await conn.beginTransaction();
    try {
      const [[pairing]] = await conn.query<Row[]>(
        `SELECT pairing_id, role, label FROM pairing_code
          WHERE code_hash = ? AND used_at IS NULL AND expires_at > UTC_TIMESTAMP(3) FOR UPDATE`,
        [hashCode(code)],
      );
      if (!pairing) {
        await conn.rollback();
        return null;
      }
      const { token, hash } = mintToken();
      const [inserted] = await conn.query<ResultSetHeader>(INSERT_TOKEN_SQL, [pairing.label, pairing.role, hash]);
      await conn.query('UPDATE pairing_code SET used_at = UTC_TIMESTAMP(3), token_id = ? WHERE pairing_id = ?', [inserted.insertId, pairing.pairing_id]);
      await conn.commit();
      return { tokenId: Number(inserted.insertId), label: String(pairing.label), role: pairing.role as PairableRole, token };
    } catch (err) {
      await conn.rollback().catch(() => undefined);
      throw err;
    }
  });
  if (redeemed) return redeemed;
  await db.exec('INSERT INTO pairing_failure (source, at) VALUES (?, UTC_TIMESTAMP(3))', [sourceKey]);
  throw new MarqueeError('PAIRING_CODE_INVALID');
}
