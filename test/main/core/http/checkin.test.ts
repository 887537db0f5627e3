// Check-in at the door over real HTTPS: once per ticket, whatever number of doors scan it at
// once; only inside the show's window; audited with the door's label; undone by a manager.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startHarness, type Harness } from './harness';

let h: Harness;
let manager: string;
let kiosk: string;
const doors: string[] = [];
let phoneSeq = 0;

// Doors open 60 minutes before a show and close 120 minutes after it starts.
beforeAll(async () => {
  h = await startHarness({ checkinOpensMinutes: 60, checkinClosesMinutes: 120, capacity: 200 });
  manager = await h.token('manager', 'box-office');
  kiosk = await h.token('kiosk', 'lobby-kiosk');
  for (const label of ['door-left', 'door-right', 'door-balcony']) doors.push(await h.token('door', label));
});
afterAll(async () => {
  await h?.close();
});

async function book(minutesFromNow: number, userName = 'Ana Lima') {
  const showTime = await h.showTime(minutesFromNow);
  const answer = await h.client.request('POST', '/ticket/book', { userName, phoneNo: `+3460${String(1000000 + ++phoneSeq)}`, showTime }, manager);
  expect(answer.status).toBe(201);
  return answer.json as { ticketId: number; ticketCode: string; showTime: string };
}

const checkIn = (ticketCode: string, token = doors[0]!) => h.client.request('POST', '/ticket/checkin', { ticketCode }, token);

describe('check-in', () => {
  test('admits a ticket once: 200 with name, show and time; then 409 saying when and by which door', async () => {
    const ticket = await book(20, 'Ana Lima');
    const first = await checkIn(ticket.ticketCode, doors[0]);
    expect(first.status).toBe(200);
    expect(first.json).toMatchObject({
      ticketId: ticket.ticketId, ticketCode: ticket.ticketCode, userName: 'Ana Lima', showTime: ticket.showTime,
      checkedInBy: 'door-left', result: 'Success - Ticket checked in',
    });
    expect(Date.parse(first.json.checkedInAt)).not.toBeNaN();

    const second = await checkIn(ticket.ticketCode.toLowerCase(), doors[1]);
    expect(second.status).toBe(409);
    expect(second.json.error).toMatchObject({
      code: 'ALREADY_CHECKED_IN',
      details: { checkedInAt: first.json.checkedInAt, checkedInBy: 'door-left' },
    });
    expect(second.json.error.message).toContain('door-left');
    expect(second.json.error.message).toContain(first.json.checkedInAt.slice(11, 16));
  });

  test('an unknown code is 404; a malformed one is 400 naming the field', async () => {
    const unknown = await checkIn('0000-0000-0000');
    expect(unknown.status).toBe(404);
    expect(unknown.json.error.code).toBe('TICKET_NOT_FOUND');
    const madeUp = await checkIn('K7QM-4XWP-9TXX'); // wrong check symbol
    expect(madeUp.status).toBe(400);
    expect(madeUp.json.error.field).toBe('ticketCode');
    const ticketNumber = await h.client.request('POST', '/ticket/checkin', { ticketCode: '18' }, doors[0]);
    expect(ticketNumber.status).toBe(400);
  });

  test('outside the window: too early and too late are 422 with their own codes, and nothing is written', async () => {
    const early = await book(90);
    const tooEarly = await checkIn(early.ticketCode);
    expect(tooEarly.status).toBe(422);
    expect(tooEarly.json.error.code).toBe('CHECKIN_NOT_OPEN');
    expect(tooEarly.json.error.details.opensAt).toBeDefined();

    const ended = await book(-150);
    const tooLate = await checkIn(ended.ticketCode);
    expect(tooLate.status).toBe(422);
    expect(tooLate.json.error.code).toBe('CHECKIN_CLOSED');

    const started = await book(-100); // started 100 minutes ago: doors still open
    expect((await checkIn(started.ticketCode)).status).toBe(200);
    const opening = await book(55); // starts in 55 minutes: doors just opened
    expect((await checkIn(opening.ticketCode)).status).toBe(200);

    const [row] = await h.core.db.rows('SELECT COUNT(*) AS n FROM ticket_record WHERE ticket_id IN (?, ?) AND checked_in_at IS NOT NULL', [early.ticketId, ended.ticketId]);
    expect(Number(row!.n)).toBe(0);
  });

  test('three doors scanning the same tickets at once: exactly one 200 per ticket (20 tickets × 3 doors × 3 scans)', async () => {
    const tickets = [];
    for (let i = 0; i < 20; i++) tickets.push(await book(10, `Race Guest ${i}`));
    const answers = await Promise.all(
      tickets.flatMap((ticket) => doors.flatMap((door) => [1, 2, 3].map(async () => ({ code: ticket.ticketCode, answer: await checkIn(ticket.ticketCode, door) })))),
    );
    const statuses: Record<number, number> = {};
    for (const { answer } of answers) statuses[answer.status] = (statuses[answer.status] ?? 0) + 1;
    expect(statuses).toEqual({ 200: 20, 409: 20 * 8 });
    for (const ticket of tickets) {
      const mine = answers.filter((a) => a.code === ticket.ticketCode);
      const winner = mine.filter((a) => a.answer.status === 200);
      expect(winner).toHaveLength(1);
      // Every refusal names the door that won.
      for (const loser of mine.filter((a) => a.answer.status === 409)) {
        expect(loser.answer.json.error.details.checkedInBy).toBe(winner[0]!.answer.json.checkedInBy);
      }
    }
    const [events] = await h.core.db.rows(
      `SELECT COUNT(*) AS n FROM ticket_event WHERE kind = 'checked_in' AND ticket_id IN (${tickets.map(() => '?').join(',')})`,
      tickets.map((x) => x.ticketId),
    );
    expect(Number(events!.n)).toBe(20);
  });

  test('audited: checked_in by the door, checkin_undone by the manager; then the ticket admits again', async () => {
    const ticket = await book(15);
    expect((await checkIn(ticket.ticketCode, doors[2])).status).toBe(200);
    const undo = await h.client.request('POST', '/ticket/checkin/undo', { ticketCode: ticket.ticketCode }, manager);
    expect(undo.status).toBe(200);
    expect(undo.json).toMatchObject({ ticketId: ticket.ticketId, outcome: 'undone', result: 'Success - Check-in undone' });
    const again = await h.client.request('POST', '/ticket/checkin/undo', { ticketId: ticket.ticketId }, manager);
    expect(again.json.outcome).toBe('was-not-checked-in');
    expect((await checkIn(ticket.ticketCode, doors[0])).status).toBe(200);

    const history = await h.client.request('POST', '/ticket/history', { ticketId: ticket.ticketId }, manager);
    expect(history.json.map((e: { kind: string; actor: string }) => [e.kind, e.actor])).toEqual([
      ['booked', 'box-office'], ['checked_in', 'door-balcony'], ['checkin_undone', 'box-office'], ['checked_in', 'door-left'],
    ]);
    const roster = await h.client.request('POST', '/ticket/view/time', { showTime: ticket.showTime }, manager);
    expect(roster.json.find((r: { ticketId: number }) => r.ticketId === ticket.ticketId)).toMatchObject({ checkedInBy: 'door-left' });

    const unknown = await h.client.request('POST', '/ticket/checkin/undo', { ticketId: 999999 }, manager);
    expect(unknown.status).toBe(404);
  });

  test("a DBA's raw check-in is audited too", async () => {
    const ticket = await book(16);
    const raw = await h.database.raw();
    try {
      await raw.query('UPDATE ticket_record SET checked_in_at = UTC_TIMESTAMP(3), checked_in_by = ? WHERE ticket_id = ?', ['by hand', ticket.ticketId]);
    } finally {
      await raw.end();
    }
    const [event] = await h.core.db.rows("SELECT actor FROM ticket_event WHERE ticket_id = ? AND kind = 'checked_in'", [ticket.ticketId]);
    expect(String(event!.actor)).toMatch(/^root@/);
  });

  test('the kiosk cannot check tickets in; the door can do nothing else but list today\'s shows', async () => {
    const ticket = await book(25);
    expect((await checkIn(ticket.ticketCode, kiosk)).status).toBe(403);
    for (const [path, body] of [
      ['/ticket/view/user', { ticketCode: ticket.ticketCode }],
      ['/ticket/book', { userName: 'Door Guest', phoneNo: '600123123', showTime: ticket.showTime }],
      ['/ticket/view/time', { showTime: ticket.showTime }],
      ['/show/list', {}],
      ['/ticket/checkin/undo', { ticketCode: ticket.ticketCode }],
    ] as const) {
      expect((await h.client.request('POST', path, body, doors[0])).status).toBe(403);
    }
  });
});

describe("today's shows at the door", () => {
  test('lists shows with booked and checked-in counts, and whether doors are open', async () => {
    const soon = await book(30);
    await book(30);
    await book(30);
    expect((await checkIn(soon.ticketCode)).status).toBe(200);
    const answer = await h.client.request('POST', '/door/shows', {}, doors[1]);
    expect(answer.status).toBe(200);
    const show = answer.json.find((s: { showTime: string }) => s.showTime === soon.showTime);
    expect(show).toMatchObject({ booked: 3, checkedIn: 1, doorsOpen: true });
    // Long over (past the closing window): not listed.
    const ended = await book(-150);
    const again = await h.client.request('POST', '/door/shows', {}, doors[1]);
    expect(again.json.some((s: { showTime: string }) => s.showTime === ended.showTime)).toBe(false);
    const early = again.json.find((s: { doorsOpen: boolean }) => !s.doorsOpen);
    if (early) expect(Date.parse(early.showTime) - Date.now()).toBeGreaterThan(55 * 60_000);
  });
});

describe('a ticket used at the door', () => {
  const move = (ticket: { ticketCode: string }, showTime: string, token: string) =>
    h.client.request('POST', '/ticket/update/time', { ticketCode: ticket.ticketCode, showTime }, token);
  const cancel = (ticket: { ticketCode: string }, token: string) => h.client.request('POST', '/ticket/delete', { ticketCode: ticket.ticketCode }, token);
  const eventsOf = async (ticketId: number) =>
    (await h.core.db.rows('SELECT kind, show_id FROM ticket_event WHERE ticket_id = ? ORDER BY event_id', [ticketId])).map((r) => [String(r.kind), Number(r.show_id)]);
  const showOf = async (ticketId: number) => Number((await h.core.db.rows('SELECT show_id FROM ticket_record WHERE ticket_id = ?', [ticketId]))[0]!.show_id);

  test('the kiosk can neither move nor cancel it: 409 ALREADY_CHECKED_IN with when and by which door, nothing written', async () => {
    const ticket = await book(20, 'Used Guest');
    const later = await h.showTime(200);
    const admitted = await checkIn(ticket.ticketCode, doors[1]);
    expect(admitted.status).toBe(200);
    const before = await eventsOf(ticket.ticketId);

    for (const answer of [await move(ticket, later, kiosk), await cancel(ticket, kiosk)]) {
      expect(answer.status, answer.text).toBe(409);
      expect(answer.json.error).toMatchObject({
        code: 'ALREADY_CHECKED_IN',
        details: { checkedInAt: admitted.json.checkedInAt, checkedInBy: 'door-right' },
      });
      expect(answer.json.error.message).toContain('used at the door');
    }
    expect(await eventsOf(ticket.ticketId)).toEqual(before);
    const guest = await h.client.request('POST', '/ticket/view/user', { ticketCode: ticket.ticketCode }, kiosk);
    expect(guest.json).toMatchObject({ showTime: ticket.showTime, checkedInBy: 'door-right' });

    // A ticket not yet used still moves and cancels at the kiosk.
    const unused = await book(20, 'Unused Guest');
    expect((await move(unused, later, kiosk)).status).toBe(200);
    expect((await cancel(unused, kiosk)).status).toBe(200);
  });

  test('the manager cannot move it either until the check-in is undone, and may cancel it (the audit keeps the check-in)', async () => {
    const ticket = await book(25, 'Manager Guest');
    const later = await h.showTime(40);
    expect((await checkIn(ticket.ticketCode)).status).toBe(200);
    const refused = await move(ticket, later, manager);
    expect(refused.status).toBe(409);
    expect(refused.json.error.code).toBe('ALREADY_CHECKED_IN');
    expect(refused.json.error.message).toContain('undo the check-in before moving it');
    expect((await h.client.request('POST', '/ticket/checkin/undo', { ticketCode: ticket.ticketCode }, manager)).json.outcome).toBe('undone');
    const moved = await move(ticket, later, manager);
    expect(moved.status, moved.text).toBe(200);
    // At the new show the ticket admits again, once.
    const again = await checkIn(ticket.ticketCode);
    expect(again.status).toBe(200);
    expect(Date.parse(again.json.showTime)).toBe(Date.parse(later));

    expect((await cancel(ticket, manager)).status).toBe(200);
    const history = await h.client.request('POST', '/ticket/history', { ticketId: ticket.ticketId }, manager);
    expect(history.json.map((e: { kind: string }) => e.kind)).toEqual(['booked', 'checked_in', 'checkin_undone', 'moved', 'checked_in', 'cancelled']);
  });

  test('a move racing a check-in: each ticket is either checked in where it was, or moved and not checked in for the old show', async () => {
    // The target show's doors are not open yet, so a check-in after the move is refused.
    const target = await h.showTime(150);
    const tickets = [];
    for (let i = 0; i < 15; i++) tickets.push(await book(10, `Racer ${i}`));
    // Each booking asks for "10 minutes from now": a slow loop spreads them over several shows.
    const originalShow = new Map<number, number>();
    for (const ticket of tickets) originalShow.set(ticket.ticketId, await showOf(ticket.ticketId));
    const results = await Promise.all(
      tickets.map(async (ticket, i) => {
        const [checked, moved] = i % 2 === 0
          ? await Promise.all([checkIn(ticket.ticketCode, doors[i % 3]), move(ticket, target, kiosk)])
          : await Promise.all([move(ticket, target, kiosk), checkIn(ticket.ticketCode, doors[i % 3])]).then(([m, c]) => [c, m] as const);
        return { ticket, checked, moved };
      }),
    );
    for (const { ticket, checked, moved } of results) {
      const label = `${ticket.ticketCode}: check-in ${checked.status}, move ${moved.status}`;
      const [row] = await h.core.db.rows('SELECT show_id, checked_in_at FROM ticket_record WHERE ticket_id = ?', [ticket.ticketId]);
      if (checked.status === 200) {
        expect(moved.status, label).toBe(409);
        expect(moved.json.error.code, label).toBe('ALREADY_CHECKED_IN');
        expect(Number(row!.show_id), label).toBe(originalShow.get(ticket.ticketId));
        expect(row!.checked_in_at, label).not.toBeNull();
      } else {
        expect(moved.status, label).toBe(200);
        expect(checked.json.error.code, label).toBe('CHECKIN_NOT_OPEN');
        expect(Number(row!.show_id), label).not.toBe(originalShow.get(ticket.ticketId));
        expect(row!.checked_in_at, label).toBeNull();
      }
      // Every check-in the audit trail records is for the show the ticket is on.
      for (const [kind, showId] of await eventsOf(ticket.ticketId)) if (kind === 'checked_in') expect(showId, label).toBe(Number(row!.show_id));
    }
  });

  test('a kiosk cancel racing a check-in: either the guest is in and the ticket kept, or the ticket is gone and nobody is in', async () => {
    const tickets = [];
    for (let i = 0; i < 15; i++) tickets.push(await book(10, `Canceller ${i}`));
    const results = await Promise.all(
      tickets.map(async (ticket, i) => {
        const [checked, cancelled] = await Promise.all([checkIn(ticket.ticketCode, doors[i % 3]), cancel(ticket, kiosk)]);
        return { ticket, checked, cancelled };
      }),
    );
    for (const { ticket, checked, cancelled } of results) {
      const label = `${ticket.ticketCode}: check-in ${checked.status}, cancel ${cancelled.status}`;
      const rows = await h.core.db.rows('SELECT checked_in_at FROM ticket_record WHERE ticket_id = ?', [ticket.ticketId]);
      if (checked.status === 200) {
        expect(cancelled.json.error?.code, label).toBe('ALREADY_CHECKED_IN');
        expect(rows[0]?.checked_in_at, label).toBeTruthy();
      } else {
        // The cancel won: the door is told the ticket was cancelled (its code is in the audit trail).
        expect([cancelled.status, checked.status, checked.json.error.code], label).toEqual([200, 410, 'TICKET_CANCELLED']);
        expect(rows, label).toEqual([]);
      }
    }
  });

  test('the rule holds for a raw UPDATE too; clearing the check-in in the same UPDATE is allowed and audited against the old show', async () => {
    const ticket = await book(30, 'Raw Guest');
    const later = await h.showTime(300);
    expect((await checkIn(ticket.ticketCode)).status).toBe(200);
    const oldShow = await showOf(ticket.ticketId);
    const shows = (await h.client.request('POST', '/show/list', {}, manager)).json as Array<{ showId: number; showTime: string }>;
    const target = shows.find((s) => Date.parse(s.showTime) === Date.parse(later))!.showId;
    const raw = await h.database.raw();
    try {
      await expect(raw.query('UPDATE ticket_record SET show_id = ? WHERE ticket_id = ?', [target, ticket.ticketId])).rejects.toThrow(/MARQUEE:ALREADY_CHECKED_IN/);
      await raw.query('UPDATE ticket_record SET show_id = ?, checked_in_at = NULL, checked_in_by = NULL WHERE ticket_id = ?', [target, ticket.ticketId]);
    } finally {
      await raw.end();
    }
    expect(await eventsOf(ticket.ticketId)).toEqual([['booked', oldShow], ['checked_in', oldShow], ['moved', target], ['checkin_undone', oldShow]]);
  });
});
