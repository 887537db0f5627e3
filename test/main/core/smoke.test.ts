import { afterAll, beforeAll, expect, test } from 'vitest';
import { runOperation } from '../../../main/core/operations';
import { createTestDatabase, showTimeFromNow, type TestDatabase } from '../../support/db';

let t: TestDatabase;
beforeAll(async () => { t = await createTestDatabase(); });
afterAll(async () => { await t.drop(); });

test('smoke: book, list, move, view, delete, history', async () => {
  const actor = { role: 'manager' as const, label: 'test' };
  const showTime = await showTimeFromNow(t.db, 120);
  const booked = await runOperation(t.ctx, 'book', { userName: ' Ana  Lima ', phoneNo: '+1 555 010-0199', showTime }, actor);
  console.log(booked);
  const list = await runOperation(t.ctx, 'listByShowTime', { showTime }, actor);
  console.log(list);
  const other = await showTimeFromNow(t.db, 240);
  console.log(await runOperation(t.ctx, 'changeShowTime', { ticketId: String(booked.ticketId), showTime: other }, actor));
  console.log(await runOperation(t.ctx, 'viewGuest', { ticketId: booked.ticketId }, actor));
  console.log(await runOperation(t.ctx, 'listShows', {}, actor));
  console.log(await runOperation(t.ctx, 'delete', { ticketId: booked.ticketId }, actor));
  console.log(await runOperation(t.ctx, 'ticketHistory', { ticketId: booked.ticketId }, actor));
  await expect(runOperation(t.ctx, 'delete', { ticketId: booked.ticketId }, actor)).rejects.toMatchObject({ code: 'TICKET_NOT_FOUND' });
});
