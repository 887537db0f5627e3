import { MarqueeError } from '../../common/errors';
import type { OperationOutput, ParsedInput } from '../../common/operations';
import { formatInZone, toUtc } from '../../common/time';
import type { Row } from '../db/database';
import { isCheckViolation } from '../db/errors';
import type { OperationContext } from './context';

const SHOW_SELECT = `
  SELECT s.show_id, s.starts_at, s.title, s.capacity, s.booked, (s.starts_at <= c.cutoff) AS is_expired
    FROM show_record s
    JOIN (SELECT marquee_expiry_cutoff(?) AS cutoff) c`;

export function showFromRow(row: Row, timeZone: string) {
  const capacity = Number(row.capacity);
  const booked = Number(row.booked);
  return {
    showId: Number(row.show_id),
    showTime: formatInZone(row.starts_at as Date, timeZone),
    title: row.title === null ? null : String(row.title),
    capacity,
    booked,
    seatsLeft: capacity - booked,
    isExpired: Number(row.is_expired) === 1,
  };
}

export async function listShows(ctx: OperationContext, input: ParsedInput<'listShows'>): Promise<OperationOutput<'listShows'>> {
  const rows = await ctx.db.rows(
    `${SHOW_SELECT}
      WHERE s.starts_at < UTC_TIMESTAMP() + INTERVAL ? DAY ${input.includeExpired ? '' : 'AND s.starts_at > c.cutoff'}
      ORDER BY s.starts_at LIMIT 500`,
    [ctx.config.expireHours, input.days],
  );
  return rows.map((r) => showFromRow(r, ctx.config.timeZone));
}

export async function createShow(ctx: OperationContext, input: ParsedInput<'createShow'>): Promise<OperationOutput<'createShow'>> {
  const startsAt = toUtc(input.showTime, ctx.config.timeZone);
  return ctx.db.withConnection(async (conn) => {
    const [[check]] = await conn.query<Row[]>('SELECT (? <= marquee_expiry_cutoff(?)) AS expired', [startsAt, ctx.config.expireHours]);
    if (Number(check?.expired) === 1) throw new MarqueeError('SHOW_EXPIRED');
    await conn.query('CALL marquee_ensure_show(?, ?, @marquee_show_id)', [startsAt, input.capacity ?? ctx.config.capacity]);
    try {
      await conn.query(
        'UPDATE show_record SET title = COALESCE(?, title), capacity = COALESCE(?, capacity) WHERE show_id = @marquee_show_id',
        [input.title ?? null, input.capacity ?? null],
      );
    } catch (err) {
      if (isCheckViolation(err)) {
        throw new MarqueeError('INVALID_INPUT', 'capacity: cannot be below the seats already booked', 'capacity', { reason: 'belowBooked' });
      }
      throw err;
    }
    const [rows] = await conn.query<Row[]>(`${SHOW_SELECT} WHERE s.show_id = @marquee_show_id`, [ctx.config.expireHours]);
    return showFromRow(rows[0]!, ctx.config.timeZone);
  });
}
