// A booking tied to an idempotency reference happens once, however often it is sent and even
// when copies race: the reference is stored with the ticket (sql/004).
import { afterAll, beforeAll, expect, test } from 'vitest';
import { runOperation } from '../../../main/core/operations';
import { createTestDatabase, openShow, showTimeFromNow, type TestDatabase } from '../../support/db';

let t: TestDatabase;
const kiosk = { role: 'kiosk' as const, label: 'lobby' };
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});

test('the same reference books once: a retry and twelve racing copies all get the first ticket', async () => {
  const showTime = await showTimeFromNow(t.db, 90);
  await openShow(t.ctx, showTime);
  const input = { userName: 'Ana Lima', phoneNo: '555 123 456', showTime };
  const first = await runOperation(t.ctx, 'book', input, kiosk, { idempotencyRef: 'a'.repeat(64) });
  const retry = await runOperation(t.ctx, 'book', input, kiosk, { idempotencyRef: 'a'.repeat(64) });
  expect(retry.ticketId).toBe(first.ticketId);

  const racing = await Promise.all(Array.from({ length: 12 }, () => runOperation(t.ctx, 'book', input, kiosk, { idempotencyRef: 'b'.repeat(64) })));
  expect(new Set(racing.map((r) => r.ticketId)).size).toBe(1);
  expect(racing[0]!.ticketId).not.toBe(first.ticketId);

  const [counts] = await t.db.rows(
    "SELECT (SELECT COUNT(*) FROM ticket_record) AS tickets, (SELECT booked FROM show_record) AS booked, (SELECT COUNT(*) FROM ticket_event WHERE kind = 'booked') AS events",
  );
  expect(counts).toMatchObject({ tickets: 2, booked: 2, events: 2 });
  // Without a reference every call is a booking of its own.
  await runOperation(t.ctx, 'book', input, kiosk);
  const [after] = await t.db.rows('SELECT COUNT(*) AS n FROM ticket_record');
  expect(Number(after!.n)).toBe(3);
});
