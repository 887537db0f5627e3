// Marquee on a database made with any default character set and collation: the core's
// booking / move / delete / view / sweep cases, with names in several scripts, on a database
// created with each default MariaDB can make here. (MySQL 8's utf8mb4_0900_ai_ci is not
// available on MariaDB; test/sql/portability.test.ts checks statically that nothing depends
// on the default.)
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runOperation } from '../../../main/core/operations';
import { silentLogger } from '../../../main/core/log';
import { ExpirySweeper } from '../../../main/core/sweep';
import { createToken, verifyToken } from '../../../main/core/auth/tokens';
import { formatTicketCode } from '../../../main/common/ticket-code';
import { newTicketCode } from '../../../main/core/operations/ticket-codes';
import { createTestDatabase, openShow, showTimeFromNow, type TestDatabase } from '../../support/db';

const DEFAULTS = [
  { charset: 'utf8mb4', collation: 'utf8mb4_general_ci' },
  { charset: 'utf8mb4', collation: 'utf8mb4_bin' },
  { charset: 'latin1', collation: 'latin1_swedish_ci' },
  { charset: 'utf8mb4', collation: 'utf8mb4_unicode_ci' },
];

// Emoji (4-byte UTF-8), CJK, Arabic (right-to-left), Latin with diacritics.
const NAMES = ['Zoë 王小明', 'سارة الحربي', 'Ana 🎬🍿', 'Ōtani Shōhei'];

describe.each(DEFAULTS)('a database created with DEFAULT CHARACTER SET $charset COLLATE $collation', (defaults) => {
  let t: TestDatabase;
  const manager = { role: 'manager' as const, label: 'Box office 🎟 售票处' };
  const kiosk = { role: 'kiosk' as const, label: 'Kiosk لوبي' };

  beforeAll(async () => {
    t = await createTestDatabase({ capacity: 5 }, defaults);
    const [row] = await t.db.rows('SELECT DEFAULT_COLLATION_NAME AS c FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = DATABASE()');
    expect(row!.c).toBe(defaults.collation);
  });
  afterAll(async () => {
    await t?.drop();
  });

  test('book, view and list keep names in any script intact; a second booking finds the same guest', async () => {
    const showTime = await showTimeFromNow(t.db, 90);
    await openShow(t.ctx, showTime); // kiosks book only into shows that exist
    const tickets = [];
    for (const [i, userName] of NAMES.entries()) {
      tickets.push(await runOperation(t.ctx, 'book', { userName, phoneNo: `+4470000000${i}`, showTime }, kiosk));
    }
    for (const [i, ticket] of tickets.entries()) {
      const seen = await runOperation(t.ctx, 'lookupTicket', { ticketCode: ticket.ticketCode }, kiosk);
      expect(seen.userName).toBe(NAMES[i]);
    }
    const listed = await runOperation(t.ctx, 'listByShowTime', { showTime }, manager);
    expect(listed.map((r) => r.userName)).toEqual(NAMES);
    await runOperation(t.ctx, 'book', { userName: NAMES[0]!, phoneNo: '+44700000000', showTime }, kiosk);
    const [users] = await t.db.rows('SELECT COUNT(*) AS n FROM user_record WHERE phone_no = ?', ['+44700000000']);
    expect(Number(users!.n)).toBe(1);
    await expect(runOperation(t.ctx, 'book', { userName: 'One too many', phoneNo: '+447000009999', showTime }, kiosk))
      .rejects.toMatchObject({ code: 'HOUSEFULL' });
  });

  test('move and delete check the ticket code (a string compare in the database); the audit keeps the actor', async () => {
    const from = await showTimeFromNow(t.db, 120);
    const to = await showTimeFromNow(t.db, 150);
    await openShow(t.ctx, from);
    await openShow(t.ctx, to);
    const ticket = await runOperation(t.ctx, 'book', { userName: NAMES[1]!, phoneNo: '+966500000001', showTime: from }, kiosk);
    const wrongCode = formatTicketCode(newTicketCode());
    await expect(runOperation(t.ctx, 'move', { ticketCode: wrongCode, showTime: to }, kiosk))
      .rejects.toMatchObject({ code: 'TICKET_NOT_FOUND' });
    const moved = await runOperation(t.ctx, 'move', { ticketCode: ticket.ticketCode.toLowerCase(), showTime: to }, kiosk);
    expect(moved.seatsLeft).toBe(4);
    await expect(runOperation(t.ctx, 'cancel', { ticketCode: wrongCode }, kiosk))
      .rejects.toMatchObject({ code: 'TICKET_NOT_FOUND' });
    await runOperation(t.ctx, 'cancel', { ticketCode: ticket.ticketCode }, kiosk);
    const history = await runOperation(t.ctx, 'ticketHistory', { ticketId: ticket.ticketId }, manager);
    expect(history.map((e) => [e.kind, e.actor])).toEqual([['booked', kiosk.label], ['moved', kiosk.label], ['cancelled', kiosk.label]]);
  });

  test('the sweep expires and removes tickets of past shows', async () => {
    const past = await showTimeFromNow(t.db, -(8 * 60 - 1));
    const ticket = await runOperation(t.ctx, 'book', { userName: NAMES[2]!, phoneNo: '+15550100', showTime: past }, manager);
    await t.db.exec('UPDATE show_record SET starts_at = starts_at - INTERVAL 2 MINUTE WHERE starts_at = ?', [new Date(past)]);
    const report = await new ExpirySweeper(t.db, 8, silentLogger).runOnce();
    expect(report).toMatchObject({ marked: 1, deleted: 1, error: null });
    const history = await runOperation(t.ctx, 'ticketHistory', { ticketId: ticket.ticketId }, manager);
    expect(history.map((e) => [e.kind, e.actor])).toEqual([['booked', manager.label], ['expired', 'sweeper'], ['removed', 'sweeper']]);
  });

  test('device tokens and idempotent bookings (ASCII columns) are found again', async () => {
    const made = await createToken(t.db, 'kiosk', 'Kiosk 🎬 大厅');
    expect(await verifyToken(t.db, made.token)).toMatchObject({ id: made.id, label: 'Kiosk 🎬 大厅', role: 'kiosk' });
    const showTime = await showTimeFromNow(t.db, 200);
    const ref = 'ab'.repeat(32);
    const input = { userName: NAMES[3]!, phoneNo: '+81300000000', showTime };
    const first = await runOperation(t.ctx, 'book', input, manager, { idempotencyRef: ref });
    const again = await runOperation(t.ctx, 'book', input, manager, { idempotencyRef: ref });
    expect(again.ticketId).toBe(first.ticketId);
  });
});
