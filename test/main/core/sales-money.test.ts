// Money in the reports (issue 21, item 6) against the real database: the sales report counts
// seats (a party of four is 4) and the value of the seats held at the prices they were sold at;
// the distributor report gains the gross. Checked by hand for a show with a release, a move and a
// cancel, and against a direct SQL sum over the live tickets for shows nobody touched after booking.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Actor } from '../../../main/common/operations';
import type { TypeSales } from '../../../main/common/schemas';
import { runOperation } from '../../../main/core/operations';
import { createTestDatabase, showTimeFromNow, type TestDatabase } from '../../support/db';

const manager: Actor = { role: 'manager', label: 'Box office' };
const door: Actor = { role: 'door', label: 'Door 1' };
const DAY_MS = 86_400_000;

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase({ capacity: 40, turnaroundMinutes: 15, currency: 'EUR' });
});
afterAll(async () => {
  await t.drop();
});

const run = <K extends Parameters<typeof runOperation>[1]>(name: K, input: unknown, actor: Actor = manager) => runOperation(t.ctx, name, input, actor);
const dayFromNow = (n: number) => new Date(Date.now() + n * DAY_MS).toISOString().slice(0, 10);
let seq = 0;
const party = (showId: number, items: { ticketTypeId: number; count: number }[]) =>
  run('book', { userName: `Guest ${++seq}`, phoneNo: `+1555${String(4000000 + seq)}`, showId, items });
const byId = (list: TypeSales[]) => Object.fromEntries(list.map((x) => [x.name, { sold: x.sold, revenue: x.revenue }]));

describe('revenue and seats in the sales report', () => {
  test('a show with a release, a move and a cancel, counted by hand; the film report gains the gross', async () => {
    const adult = await run('createTicketType', { name: 'Adult', price: 1000 });
    const child = await run('createTicketType', { name: 'Child', price: 600 });
    const screen = await run('createScreen', { name: 'Money screen', capacity: 40 });
    const film = await run('createFilm', { title: 'Counting', runtimeMinutes: 60 });
    const show = async (minutes: number) => run('createShow', { showTime: await showTimeFromNow(t.db, minutes), screenId: screen.screenId, filmId: film.filmId });
    const a = await show(10);
    const b = await show(24 * 60);
    await run('updateShow', { showId: a.showId, prices: [{ ticketTypeId: adult.ticketTypeId, price: 800 }] });

    const family = await party(a.showId, [{ ticketTypeId: adult.ticketTypeId, count: 2 }, { ticketTypeId: child.ticketTypeId, count: 2 }]);
    expect(family.total).toBe(2 * 800 + 2 * 600);
    await party(a.showId, [{ ticketTypeId: adult.ticketTypeId, count: 1 }]); // 800, stays
    const kids = await party(a.showId, [{ ticketTypeId: child.ticketTypeId, count: 3 }]); // 1800, cancelled
    const trio = await party(a.showId, [{ ticketTypeId: adult.ticketTypeId, count: 2 }, { ticketTypeId: child.ticketTypeId, count: 1 }]); // 2200, admitted
    await run('cancel', { ticketId: family.ticketId, items: [{ ticketTypeId: child.ticketTypeId, count: 1 }] }); // −600
    await run('move', { ticketId: family.ticketId, showId: b.showId }); // 2 adults at 800 and a child at 600 move
    await run('cancel', { ticketId: kids.ticketId });
    // Paid at the counter first: the door refuses an unpaid party (a payment is no sales-report figure).
    await run('payTicket', { ticketId: trio.ticketId, payment: { method: 'cash', amount: 2200 } });
    await run('checkIn', { ticketCode: trio.ticketCode }, door);
    await party(b.showId, [{ ticketTypeId: adult.ticketTypeId, count: 1 }]); // 1000 at b's price

    const report = await run('salesReport', { from: dayFromNow(-1), to: dayFromNow(3) });
    const showA = report.shows.find((s) => s.showId === a.showId)!;
    const showB = report.shows.find((s) => s.showId === b.showId)!;
    expect(showA).toMatchObject({ sold: 11, cancelled: 4, movedIn: 0, movedOut: 3, held: 4, checkedIn: 3, revenue: 800 + 2200, currency: 'EUR' });
    expect(showB).toMatchObject({ sold: 1, cancelled: 0, movedIn: 3, movedOut: 0, held: 4, checkedIn: 0, revenue: 1000 + 2200, currency: 'EUR' });
    expect(report.totals).toMatchObject({ sold: 12, cancelled: 4, movedIn: 3, movedOut: 3, held: 8, revenue: 6200, currency: 'EUR' });
    expect(byId(report.totals.byType)).toEqual({ Adult: { sold: 6, revenue: 3 * 800 + 2 * 800 + 1000 }, Child: { sold: 2, revenue: 1200 } });
    expect(report.totals.byType.map((x) => x.name)).toEqual(['Adult', 'Child']);
    // a and b are a day apart: always two theatre-local days.
    const dayOf = (showTime: string) => report.days.find((d) => d.day === showTime.slice(0, 10))!;
    expect(byId(dayOf(a.showTime).byType)).toEqual({ Adult: { sold: 3, revenue: 2400 }, Child: { sold: 1, revenue: 600 } });
    expect(byId(dayOf(b.showTime).byType)).toEqual({ Adult: { sold: 3, revenue: 2600 }, Child: { sold: 1, revenue: 600 } });
    expect(dayOf(b.showTime)).toMatchObject({ revenue: 3200, held: 4 });
    expect(report.byScreen.find((s) => s.screenId === screen.screenId)).toMatchObject({ revenue: 6200, held: 8, currency: 'EUR' });
    expect(report.byFilm.find((f) => f.filmId === film.filmId)).toMatchObject({ revenue: 6200, held: 8 });

    const films = await run('filmReport', { from: dayFromNow(-1), to: dayFromNow(3) });
    expect(films.totals.find((f) => f.filmId === film.filmId)).toEqual({ filmId: film.filmId, title: 'Counting', shows: 2, admissions: 8, gross: 6200, currency: 'EUR' });
    expect(films.rows.filter((r) => r.filmId === film.filmId).reduce((sum, r) => sum + r.gross, 0)).toBe(6200);
  });

  test('revenue and seats equal a direct SQL sum over the live tickets of untouched shows; old events count as the default type at 0', async () => {
    const types = (await run('listTicketTypes', {})).ticketTypes;
    const standard = types.find((x) => x.isDefault)!;
    await run('updateTicketType', { ticketTypeId: standard.ticketTypeId, price: 450 });
    const screen = await run('createScreen', { name: 'Sum screen', capacity: 40 });
    const shows = [];
    for (let day = 5; day < 8; day++) {
      shows.push(await run('createShow', { showTime: await showTimeFromNow(t.db, day * 24 * 60), screenId: screen.screenId }));
    }
    await run('updateShow', { showId: shows[1]!.showId, prices: [{ ticketTypeId: types[1]!.ticketTypeId, price: 1234 }] });
    for (const [i, s] of shows.entries()) {
      for (let n = 0; n < 6; n++) {
        const items = types.slice(0, 1 + ((n + i) % types.length)).map((x, k) => ({ ticketTypeId: x.ticketTypeId, count: 1 + ((n + k) % 3) }));
        await party(s.showId, items);
      }
      await run('book', { userName: `Seed guest ${i}`, phoneNo: `+1555${String(5000000 + i)}`, showId: s.showId }); // the seed's one seat
    }
    // An event from before ticket types: no items, no amount.
    const legacy = shows[2]!;
    await t.db.exec(
      `INSERT INTO ticket_event (ticket_id, kind, user_id, show_id, from_show_id, actor, at, seats, amount, items)
       SELECT 999999, 'booked', user_id, ?, NULL, 'legacy', UTC_TIMESTAMP(3), 2, 0, NULL FROM ticket_record LIMIT 1`,
      [legacy.showId],
    );

    const report = await run('salesReport', { from: dayFromNow(4), to: dayFromNow(9) });
    for (const s of shows) {
      const [sql] = await t.db.rows(
        `SELECT SUM(i.count * i.unit_price) AS revenue, SUM(i.count) AS seats,
                (SELECT SUM(seats) FROM ticket_record WHERE show_id = ?) AS held
           FROM ticket_item i JOIN ticket_record r ON r.ticket_id = i.ticket_id WHERE r.show_id = ?`,
        [s.showId, s.showId],
      );
      const row = report.shows.find((x) => x.showId === s.showId)!;
      const extra = s.showId === legacy.showId ? 2 : 0;
      expect(row.revenue).toBe(Number(sql!.revenue));
      expect(row.revenue).toBeGreaterThan(0);
      expect(row.held).toBe(Number(sql!.held) + extra);
      expect(row.sold).toBe(Number(sql!.seats) + extra);
    }
    const [all] = await t.db.rows(
      `SELECT SUM(i.count * i.unit_price) AS revenue FROM ticket_item i JOIN ticket_record r ON r.ticket_id = i.ticket_id
        WHERE r.show_id IN (${shows.map(() => '?').join(',')})`,
      shows.map((s) => s.showId),
    );
    expect(report.totals.revenue).toBe(Number(all!.revenue));
    expect(report.totals.byType.reduce((sum, x) => sum + x.revenue, 0)).toBe(report.totals.revenue);
    expect(report.totals.byType.reduce((sum, x) => sum + x.sold, 0)).toBe(report.totals.held);
    const [perType] = await t.db.rows(
      `SELECT SUM(i.count) AS seats FROM ticket_item i JOIN ticket_record r ON r.ticket_id = i.ticket_id
        WHERE i.ticket_type_id = ? AND r.show_id IN (${shows.map(() => '?').join(',')})`,
      [standard.ticketTypeId, ...shows.map((s) => s.showId)],
    );
    expect(report.totals.byType.find((x) => x.ticketTypeId === standard.ticketTypeId)!.sold).toBe(Number(perType!.seats) + 2);
  });
});
