// The counter's end of day (issue 22): a day's money per device, from the payment rows alone
// (they outlive cancelled tickets), and the close of a drawer — the cash counted against what the
// rows expected, recorded once per day and device (sql/022_cashup_close.sql).
import { MarqueeError } from '../../common/errors';
import type { Actor, OperationOutput, ParsedInput } from '../../common/operations';
import { formatInZone, localDayWindow } from '../../common/time';
import { isDuplicateKey } from '../db/errors';
import type { Row } from '../db/database';
import type { OperationContext } from './context';
import { currencyOf } from './ticket-types';

type CashUpFigures = OperationOutput<'cashUp'>['totals'];
type CashUpClose = OperationOutput<'closeCashUp'>;
const noMoney = (): CashUpFigures => ({ cash: { sales: 0, refunds: 0, expected: 0 }, card: { sales: 0, refunds: 0 }, comp: { count: 0 } });

/** The desktop app has no token; its drawer is keyed 0 (a key column cannot be NULL). */
const DESKTOP_KEY = 0;
const tokenKey = (tokenId: number | null | undefined) => tokenId ?? DESKTOP_KEY;

function addTo(figures: CashUpFigures, row: { kind: string; method: string; amount: number; count: number }): void {
  if (row.method === 'comp') {
    if (row.kind === 'payment') figures.comp.count += row.count;
    return;
  }
  const bucket = row.method === 'cash' ? figures.cash : figures.card;
  if (row.kind === 'payment') bucket.sales += row.amount;
  else bucket.refunds += row.amount;
  figures.cash.expected = figures.cash.sales - figures.cash.refunds;
}

/** A counter sees and closes only its own drawer; a manager any (default: its own). */
function drawerOf(input: { tokenId?: number | undefined }, actor: Actor): number | undefined {
  if (actor.role !== 'manager' && input.tokenId !== undefined && input.tokenId !== actor.tokenId) {
    throw new MarqueeError('FORBIDDEN', 'A counter sees and closes only its own cash-up.');
  }
  return actor.role === 'manager' ? input.tokenId : actor.tokenId;
}

async function paymentRows(ctx: OperationContext, day: string, tokenId: number | undefined): Promise<Row[]> {
  const [start, end] = localDayWindow(day, ctx.config.timeZone);
  return ctx.db.rows(
    `SELECT actor, token_id, kind, method, SUM(amount) AS amount, COUNT(*) AS n FROM payment
      WHERE at >= ? AND at < ? ${tokenId === undefined ? '' : 'AND token_id <=> ?'}
      GROUP BY actor, token_id, kind, method ORDER BY actor, token_id`,
    tokenId === undefined ? [start, end] : [start, end, tokenId],
  );
}

function closeOf(ctx: OperationContext, r: Row): CashUpClose {
  const key = Number(r.token_key);
  return {
    day: String(r.day_text),
    tokenId: key === DESKTOP_KEY ? null : key,
    device: String(r.device),
    expected: Number(r.expected),
    counted: Number(r.counted),
    difference: Number(r.difference),
    closedBy: String(r.closed_by),
    closedAt: formatInZone(r.at as Date, ctx.config.timeZone),
    currency: currencyOf(ctx),
  };
}

async function closesOf(ctx: OperationContext, day: string, tokenId: number | undefined): Promise<CashUpClose[]> {
  const rows = await ctx.db.rows(
    `SELECT DATE_FORMAT(day, '%Y-%m-%d') AS day_text, token_key, device, expected, counted, difference, closed_by, at
       FROM cashup_close WHERE day = ? ${tokenId === undefined ? '' : 'AND token_key = ?'}`,
    tokenId === undefined ? [day] : [day, tokenKey(tokenId)],
  );
  return rows.map((r) => closeOf(ctx, r));
}

/** A day's money by device, with each drawer's close once it is counted. */
export async function cashUp(ctx: OperationContext, input: ParsedInput<'cashUp'>, actor: Actor): Promise<OperationOutput<'cashUp'>> {
  const tokenId = drawerOf(input, actor);
  const [rows, closes] = await Promise.all([paymentRows(ctx, input.day, tokenId), closesOf(ctx, input.day, tokenId)]);
  type Device = OperationOutput<'cashUp'>['devices'][number];
  const devices = new Map<string, Device>();
  const totals = noMoney();
  for (const r of rows) {
    const key = `${r.token_id ?? ''}|${r.actor}`;
    const device = devices.get(key) ?? { ...noMoney(), device: String(r.actor), tokenId: r.token_id === null ? null : Number(r.token_id), close: null };
    devices.set(key, device);
    const row = { kind: String(r.kind), method: String(r.method), amount: Number(r.amount), count: Number(r.n) };
    addTo(device, row);
    addTo(totals, row);
  }
  for (const { currency: _currency, ...close } of closes) {
    const device = [...devices.values()].find((d) => d.tokenId === close.tokenId);
    // A drawer counted on a day it took no money still shows, with its count.
    if (device) device.close = close;
    else devices.set(`${close.tokenId ?? ''}|${close.device}`, { ...noMoney(), device: close.device, tokenId: close.tokenId, close });
  }
  return { day: input.day, currency: currencyOf(ctx), devices: [...devices.values()], totals };
}

/** The name a drawer goes by: its device's label, or the caller's own for its own drawer. */
async function deviceLabel(ctx: OperationContext, tokenId: number | undefined, actor: Actor): Promise<string> {
  if (tokenId === undefined || tokenId === actor.tokenId) return actor.label;
  const [row] = await ctx.db.rows('SELECT label FROM api_token WHERE token_id = ?', [tokenId]);
  if (!row) throw new MarqueeError('INVALID_INPUT', 'tokenId: there is no such device', 'tokenId');
  return String(row.label);
}

/**
 * Closes a drawer for a day: the cash counted, what the payment rows expected then, and the
 * difference. Once per day and device (the primary key): of closes racing, one is recorded; a
 * repeat with the same count (a retry after a lost answer) answers that close, another count
 * CASHUP_CLOSED with the first close's figures.
 */
export async function closeCashUp(ctx: OperationContext, input: ParsedInput<'closeCashUp'>, actor: Actor): Promise<OperationOutput<'closeCashUp'>> {
  const tokenId = drawerOf(input, actor) ?? actor.tokenId;
  const device = await deviceLabel(ctx, tokenId, actor);
  const expected = noMoney();
  for (const r of await paymentRows(ctx, input.day, tokenId)) {
    addTo(expected, { kind: String(r.kind), method: String(r.method), amount: Number(r.amount), count: Number(r.n) });
  }
  try {
    await ctx.db.exec(
      `INSERT INTO cashup_close (day, token_key, device, expected, counted, difference, closed_by, closed_by_token, at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, UTC_TIMESTAMP(3))`,
      [input.day, tokenKey(tokenId), device, expected.cash.expected, input.counted, input.counted - expected.cash.expected, actor.label, actor.tokenId ?? null],
    );
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
  }
  const [close] = await closesOf(ctx, input.day, tokenId ?? DESKTOP_KEY);
  if (!close) throw new MarqueeError('INTERNAL');
  if (close.counted !== input.counted || close.closedBy !== actor.label) {
    const { day: _day, tokenId: _token, device: _device, currency: _currency, ...first } = close;
    throw new MarqueeError('CASHUP_CLOSED', `This drawer was already closed for ${input.day} by ${close.closedBy} (counted ${close.counted}).`, 'counted', {
      details: Object.fromEntries(Object.entries(first).map(([k, v]) => [k, String(v)])),
    });
  }
  return close;
}
