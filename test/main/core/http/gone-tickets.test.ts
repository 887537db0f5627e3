// Tickets that are gone, over real HTTPS and a real database: a kiosk looking up a cancelled
// ticket's code is told it was cancelled and when (410 TICKET_CANCELLED, never by whom), a
// swept ticket's code that its show is over; unknown codes and numbers keep the original 404;
// the door's check-in of such a code says the same; and a cancelled ticket's history still
// names who held it (phone for the manager only).
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { formatTicketCode, ticketCodeFromBits } from '../../../../main/common/ticket-code';
import { silentLogger } from '../../../../main/core/log';
import { ExpirySweeper } from '../../../../main/core/sweep';
import { startHarness, type Harness } from './harness';

let h: Harness;
let manager: string;
let viewer: string;
let kiosk: string;
let door: string;
let phoneSeq = 0;
const phone = () => `+3460${String(7000000 + ++phoneSeq)}`;

beforeAll(async () => {
  h = await startHarness();
  manager = await h.token('manager', 'Office');
  viewer = await h.token('viewer', 'Signage');
  kiosk = await h.token('kiosk', 'Lobby kiosk 3');
  door = await h.token('door', 'Door B');
});
afterAll(async () => {
  await h?.close();
});

const post = (path: string, body: unknown, token?: string) => h.client.request('POST', path, body, token);

async function book(userName: string, phoneNo = phone(), minutesFromNow = 900 + phoneSeq) {
  const showTime = await h.showTime(minutesFromNow);
  const answer = await post('/ticket/book', { userName, phoneNo, showTime }, kiosk);
  expect(answer.status, answer.text).toBe(201);
  return { ticketId: answer.json.ticketId as number, ticketCode: answer.json.ticketCode as string, showTime };
}

const near = (iso: string, ms = 120_000) => Math.abs(Date.parse(iso) - Date.now()) < ms;

describe('a cancelled ticket looked up by its code', () => {
  test('answers 410 TICKET_CANCELLED with when it was cancelled, and nothing about who did it', async () => {
    const { ticketCode } = await book('José Muñoz');
    expect((await post('/ticket/delete', { ticketCode }, kiosk)).status).toBe(200);

    const looked = await post('/ticket/view/user', { ticketCode }, kiosk);
    expect(looked.status).toBe(410);
    expect(looked.json.error.code).toBe('TICKET_CANCELLED');
    expect(Object.keys(looked.json.error.details)).toEqual(['cancelledAt']);
    const { cancelledAt } = looked.json.error.details as { cancelledAt: string };
    expect(cancelledAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/);
    expect(near(cancelledAt)).toBe(true);
    expect(looked.text).not.toContain('Lobby kiosk 3');

    // However the code is typed, and whatever the kiosk tries with it.
    const typed = ticketCode.replaceAll('-', ' ').toLowerCase();
    expect((await post('/ticket/view/user', { ticketCode: typed }, kiosk)).json.error.code).toBe('TICKET_CANCELLED');
    const moveTo = await h.showTime(1500);
    expect((await post('/ticket/update/time', { ticketCode, showTime: moveTo }, kiosk)).status).toBe(410);
    expect((await post('/ticket/delete', { ticketCode }, kiosk)).status).toBe(410);
  });

  test('a ticket the manager cancelled by number, or a DBA deleted by hand, is told apart the same way', async () => {
    const byManager = await book('Ana Lima');
    expect((await post('/ticket/delete', { ticketId: byManager.ticketId }, manager)).status).toBe(200);
    expect((await post('/ticket/view/user', { ticketCode: byManager.ticketCode }, kiosk)).status).toBe(410);

    const byHand = await book('Bruno Díaz');
    const raw = await h.database.raw();
    await raw.query('DELETE FROM ticket_record WHERE ticket_id = ?', [byHand.ticketId]);
    await raw.end();
    const answer = await post('/ticket/view/user', { ticketCode: byHand.ticketCode }, kiosk);
    expect(answer.status).toBe(410);
    expect(near(answer.json.error.details.cancelledAt)).toBe(true);
  });

  test('a code and a number of two different tickets stay not found', async () => {
    const cancelled = await book('Cora Vidal');
    const other = await book('Dana Roca');
    await post('/ticket/delete', { ticketCode: cancelled.ticketCode }, kiosk);
    const mixed = await post('/ticket/view/user', { ticketCode: cancelled.ticketCode, ticketId: other.ticketId }, manager);
    expect(mixed.status).toBe(404);
    expect(mixed.json.error.code).toBe('TICKET_NOT_FOUND');
  });
});

describe('what stays as it was', () => {
  test('a code no ticket ever had, and an unknown or cancelled ticket number, answer 404 TICKET_NOT_FOUND', async () => {
    const never = await post('/ticket/view/user', { ticketCode: formatTicketCode(ticketCodeFromBits(424242n)) }, kiosk);
    expect(never.status).toBe(404);
    expect(never.json.error.code).toBe('TICKET_NOT_FOUND');

    const unknown = await post('/ticket/view/user', { ticketId: 99_999_999 }, manager);
    expect(unknown.status).toBe(404);
    expect(unknown.json.error.code).toBe('TICKET_NOT_FOUND');

    // The original API's lookup by number is untouched: a cancelled ticket is simply not there.
    const { ticketId } = await book('Eva Sanz');
    await post('/ticket/delete', { ticketId }, manager);
    const byNumber = await post('/ticket/view/user', { ticketId }, manager);
    expect(byNumber.status).toBe(404);
    expect(byNumber.json.error.code).toBe('TICKET_NOT_FOUND');
  });

  test('a ticket swept after its show is over answers 422 SHOW_EXPIRED, not cancelled', async () => {
    const code = await sweptTicketCode(987654321n, 10, 'Long Gone', 'Late Guest', '+34600999111');
    const answer = await post('/ticket/view/user', { ticketCode: formatTicketCode(code) }, kiosk);
    expect(answer.status).toBe(422);
    expect(answer.json.error.code).toBe('SHOW_EXPIRED');
  });
});

/** A ticket for a show that started `hoursAgo` (over 8) hours ago, swept by the real sweeper; its code. */
async function sweptTicketCode(bits: bigint, hoursAgo: number, title: string, userName: string, phoneNo: string): Promise<string> {
  const code = ticketCodeFromBits(bits);
  const raw = await h.database.raw();
  await raw.query("INSERT INTO show_record (starts_at, title, capacity, booked, created_at) VALUES (UTC_TIMESTAMP() - INTERVAL ? HOUR, ?, 5, 0, UTC_TIMESTAMP())", [hoursAgo, title]);
  await raw.query('INSERT INTO user_record (user_name, phone_no, created_at) VALUES (?, ?, UTC_TIMESTAMP())', [userName, phoneNo]);
  await raw.query('SELECT u.user_id, s.show_id INTO @u, @s FROM user_record u, show_record s WHERE u.user_name = ? AND s.title = ?', [userName, title]);
  await raw.query('INSERT INTO ticket_record (user_id, show_id, ticket_code) VALUES (@u, @s, ?)', [code]);
  await new ExpirySweeper(h.core.db, 8, silentLogger).runOnce();
  const [[left]] = (await raw.query('SELECT COUNT(*) AS n FROM ticket_record WHERE ticket_code = ?', [code])) as unknown as [[{ n: number }]];
  await raw.end();
  expect(Number(left.n)).toBe(0);
  return code;
}

describe('a gone ticket scanned at the door', () => {
  const checkIn = (ticketCode: string) => post('/ticket/checkin', { ticketCode }, door);

  test('a cancelled ticket answers 410 TICKET_CANCELLED with when (the same answer the kiosk gets), and nothing is written', async () => {
    // Its show is boarding, so only the cancellation keeps the guest out.
    const { ticketCode } = await book('Olga Prieto', phone(), 10);
    expect((await post('/ticket/delete', { ticketCode }, kiosk)).status).toBe(200);
    const raw = await h.database.raw();
    const events = async () => {
      const [[row]] = (await raw.query("SELECT COUNT(*) AS n FROM ticket_event WHERE kind = 'checked_in'")) as unknown as [[{ n: number }]];
      return Number(row.n);
    };
    const before = await events();

    const scanned = await checkIn(ticketCode.toLowerCase());
    expect(scanned.status).toBe(410);
    expect(scanned.json.error.code).toBe('TICKET_CANCELLED');
    expect(Object.keys(scanned.json.error.details)).toEqual(['cancelledAt']);
    expect(near(scanned.json.error.details.cancelledAt)).toBe(true);
    expect(scanned.text).not.toContain('Lobby kiosk 3');
    const looked = await post('/ticket/view/user', { ticketCode }, kiosk);
    expect(scanned.json.error).toEqual(looked.json.error);

    expect(await events()).toBe(before);
    await raw.end();
  });

  test('a swept ticket answers 422 SHOW_EXPIRED; a code never issued stays 404 TICKET_NOT_FOUND', async () => {
    const code = await sweptTicketCode(123456789n, 11, 'Gone Matinee', 'Early Guest', '+34600999222');
    const swept = await checkIn(formatTicketCode(code));
    expect(swept.status).toBe(422);
    expect(swept.json.error.code).toBe('SHOW_EXPIRED');

    const never = await checkIn(formatTicketCode(ticketCodeFromBits(535353n)));
    expect(never.status).toBe(404);
    expect(never.json.error.code).toBe('TICKET_NOT_FOUND');
  });
});

describe('who held a cancelled ticket', () => {
  test('its history names the guest and phone for the manager; a viewer may not read it', async () => {
    const { ticketId } = await book('Marta Ruiz', '+34 600 555 012');
    await post('/ticket/delete', { ticketId }, manager);

    const history = await post('/ticket/history', { ticketId }, manager);
    expect(history.status).toBe(200);
    const last = history.json.at(-1);
    expect(last).toMatchObject({ kind: 'cancelled', userName: 'Marta Ruiz', phoneNo: '+34600555012' });

    const asViewer = await post('/ticket/history', { ticketId }, viewer);
    expect(asViewer.status).toBe(403);
    expect(asViewer.text).not.toContain('600555012');
    expect(asViewer.text).not.toContain('Marta');
    const asKiosk = await post('/ticket/history', { ticketId }, kiosk);
    expect(asKiosk.status).toBe(403);
  });

  test('a viewer searching by name sees live tickets with the phone masked, as before', async () => {
    const { ticketId } = await book('Nuria Pardo', '+34 600 555 034');
    const hits = await post('/ticket/search', { query: 'nuria' }, viewer);
    expect(hits.status).toBe(200);
    expect(hits.json.find((t: { ticketId: number }) => t.ticketId === ticketId)).toMatchObject({ userName: 'Nuria Pardo', phoneNo: '•••• 34' });
  });
});
