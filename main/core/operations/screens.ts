// Screens (auditoriums): each show plays on one; a screen's seats are the default capacity of
// its shows. The first screen (lowest id still in use) takes the shows made without one: the
// original API's implicit creation and a DBA's raw INSERT (sql/routines/show_record_before_insert.sql).
import { MarqueeError } from '../../common/errors';
import type { OperationOutput, ParsedInput } from '../../common/operations';
import type { Row } from '../db/database';
import { isDuplicateKey } from '../db/errors';
import type { OperationContext } from './context';
import { inTransaction } from './transaction';

const SCREEN_COLUMNS = 'screen_id, name, capacity, notes';

function screenFromRow(row: Row): OperationOutput<'createScreen'> {
  return {
    screenId: Number(row.screen_id),
    name: String(row.name),
    capacity: Number(row.capacity),
    notes: row.notes === null ? null : String(row.notes),
  };
}

async function readScreen(ctx: OperationContext, screenId: number): Promise<OperationOutput<'createScreen'>> {
  const [row] = await ctx.db.rows(`SELECT ${SCREEN_COLUMNS} FROM screen WHERE screen_id = ? AND retired_at IS NULL`, [screenId]);
  if (!row) throw new MarqueeError('SCREEN_NOT_FOUND');
  return screenFromRow(row);
}

/** Runs a write that may hit the unique name: SCREEN_EXISTS instead of a driver error. */
async function namedUniquely<T>(name: string | undefined, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (err) {
    if (isDuplicateKey(err)) throw new MarqueeError('SCREEN_EXISTS', `There is already a screen called "${name}".`, 'name');
    throw err;
  }
}

export async function createScreen(ctx: OperationContext, input: ParsedInput<'createScreen'>): Promise<OperationOutput<'createScreen'>> {
  const result = await namedUniquely(input.name, () =>
    ctx.db.exec('INSERT INTO screen (name, capacity, notes, created_at) VALUES (?, ?, ?, UTC_TIMESTAMP(3))', [input.name, input.capacity, input.notes ?? null]),
  );
  return readScreen(ctx, Number(result.insertId));
}

export async function listScreens(ctx: OperationContext): Promise<OperationOutput<'listScreens'>> {
  const rows = await ctx.db.rows(`SELECT ${SCREEN_COLUMNS} FROM screen WHERE retired_at IS NULL ORDER BY screen_id`);
  return { screens: rows.map(screenFromRow) };
}

/** Name, seats or notes. Shows already made keep their capacity (tickets may be sold against it). */
export async function updateScreen(ctx: OperationContext, input: ParsedInput<'updateScreen'>): Promise<OperationOutput<'updateScreen'>> {
  const sets: string[] = [];
  const params: Array<string | number | null> = [];
  for (const [column, value] of [['name', input.name], ['capacity', input.capacity], ['notes', input.notes]] as const) {
    if (value === undefined) continue;
    sets.push(`${column} = ?`);
    params.push(value);
  }
  const result = await namedUniquely(input.name, () =>
    ctx.db.exec(`UPDATE screen SET ${sets.join(', ')} WHERE screen_id = ? AND retired_at IS NULL`, [...params, input.screenId]),
  );
  if (result.affectedRows === 0) throw new MarqueeError('SCREEN_NOT_FOUND');
  return readScreen(ctx, input.screenId);
}

const shows = (n: number) => (n === 1 ? '1 show' : `${n} shows`);

/**
 * A screen with shows still playing or to come is kept (SCREEN_HAS_SHOWS, with the count);
 * one that never had a show is deleted, and one with past shows only is retired, so those
 * shows and the reports keep their screen. The last screen stays: shows made without a screen
 * need one. The screen row is locked first, so no show is scheduled onto it meanwhile (the
 * show triggers write that row).
 */
export async function deleteScreen(ctx: OperationContext, input: ParsedInput<'deleteScreen'>): Promise<OperationOutput<'deleteScreen'>> {
  return inTransaction(ctx, async (conn) => {
    const [[screen]] = await conn.query<Row[]>('SELECT screen_id FROM screen WHERE screen_id = ? AND retired_at IS NULL FOR UPDATE', [input.screenId]);
    if (!screen) throw new MarqueeError('SCREEN_NOT_FOUND');
    const [[counts]] = await conn.query<Row[]>(
      `SELECT COUNT(*) AS shows, COALESCE(SUM(ends_at > UTC_TIMESTAMP() AND cancelled_at IS NULL), 0) AS future,
              (SELECT COUNT(*) FROM screen WHERE retired_at IS NULL) AS screens
         FROM show_record WHERE screen_id = ?`,
      [input.screenId],
    );
    const future = Number(counts!.future);
    if (future > 0) {
      throw new MarqueeError('SCREEN_HAS_SHOWS', `This screen has ${shows(future)} still to come. Move or delete them first.`, undefined, {
        details: { futureShows: String(future) },
      });
    }
    if (Number(counts!.screens) <= 1) throw new MarqueeError('LAST_SCREEN');
    if (Number(counts!.shows) === 0) {
      await conn.query('DELETE FROM screen WHERE screen_id = ?', [input.screenId]);
      return { screenId: input.screenId, outcome: 'deleted' as const };
    }
    await conn.query('UPDATE screen SET retired_at = UTC_TIMESTAMP(3) WHERE screen_id = ?', [input.screenId]);
    return { screenId: input.screenId, outcome: 'retired' as const };
  });
}
