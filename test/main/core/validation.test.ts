// Every operation's bad input → INVALID_INPUT naming the field; unknown tickets → TICKET_NOT_FOUND.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { OPERATION_NAMES, type OperationName } from '../../../main/common/operations';
import { parseInput, runOperation } from '../../../main/core/operations';
import { createTestDatabase, type TestDatabase } from '../../support/db';

const good = {
  userName: 'Ana Lima',
  phoneNo: '+1 555 010 0199',
  showTime: '2030-01-01 20:00:00',
  ticketId: '12',
  ticketCode: 'K7QM-4XWP-9TX8',
};

const badValues: Record<string, unknown[]> = {
  userName: [undefined, '', '   ', 42, 'x'.repeat(61), 'bad\u0000name', null, ['Ana']],
  phoneNo: [undefined, '', 'call me', '123', '+1234567890123456', 12.5, null, {}],
  showTime: [undefined, '', 'soon', '2026-02-30 20:00:00', 1735689600, null, '2030-01-01'],
  ticketId: [undefined, 0, -1, 1.5, 'abc', '', '12a', null, 1e20],
  ticketCode: [undefined, '', 'K7QM-4XWP-9TXX', 'K7QM-4XWP-9T', 42, null, 'K7QM-4XWP-9TX8-0000', ['K7QM-4XWP-9TX8']],
};

// A ticket may be named by its number or its code (which one is required depends on the
// role, see main/core/operations/tickets.ts): leaving out either is not a schema error.
const optionalRef = new Set(['move', 'cancel', 'lookupTicket', 'undoCheckIn']);

const cases: Array<[OperationName, string]> = [
  ['book', 'userName'], ['book', 'phoneNo'], ['book', 'showTime'],
  ['move', 'ticketId'], ['move', 'showTime'],
  ['cancel', 'ticketId'], ['listByShowTime', 'showTime'], ['lookupTicket', 'ticketId'],
  ['ticketHistory', 'ticketId'], ['createShow', 'showTime'],
  ['checkIn', 'ticketCode'], ['lookupTicket', 'ticketCode'], ['cancel', 'ticketCode'], ['undoCheckIn', 'ticketCode'],
];

describe('schemas', () => {
  test.each(cases)('%s: a bad %s is INVALID_INPUT naming the field', (op, field) => {
    for (const value of badValues[field]!) {
      if (value === undefined && optionalRef.has(op)) continue;
      const input: Record<string, unknown> = { ...good, [field]: value };
      if (value === undefined) delete input[field];
      expect(() => parseInput(op, input), `${op}.${field} = ${JSON.stringify(value)}`).toThrow(
        expect.objectContaining({ code: 'INVALID_INPUT', field, message: expect.stringContaining(field) }),
      );
    }
  });

  test.each(OPERATION_NAMES)('%s: a body that is not an object is INVALID_INPUT', (op) => {
    for (const body of ['text', 7, [1, 2], true]) {
      expect(() => parseInput(op, body)).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
    }
  });

  test('names are trimmed and kept in any script; phones are normalized', () => {
    const parsed = parseInput('book', { ...good, userName: '  Zoë   Ōkubo 山田 ', phoneNo: '(030) 123-45.67' });
    expect(parsed.userName).toBe('Zoë Ōkubo 山田');
    expect(parsed.phoneNo).toBe('0301234567');
    expect(parseInput('book', { ...good, userName: 'ب'.repeat(60) }).userName).toHaveLength(60);
    expect(parseInput('lookupTicket', { ticketId: ' 42 ' }).ticketId).toBe(42);
  });
});

describe('against the database', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(async () => {
    await t.drop();
  });
  const manager = { role: 'manager' as const, label: 'office' };

  test.each(['move', 'cancel', 'lookupTicket', 'ticketHistory'] as const)('%s of an unknown ticket → TICKET_NOT_FOUND', async (op) => {
    await expect(runOperation(t.ctx, op, { ticketId: '999999', showTime: '2031-01-01 20:00:00' }, manager)).rejects.toMatchObject({
      code: 'TICKET_NOT_FOUND',
    });
  });

  test('roles: the viewer cannot book and sees masked phones; the kiosk cannot list a roster', async () => {
    await expect(runOperation(t.ctx, 'book', good, { role: 'viewer', label: 'sign' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(runOperation(t.ctx, 'listByShowTime', good, { role: 'kiosk', label: 'k' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await runOperation(t.ctx, 'book', good, manager);
    const asViewer = await runOperation(t.ctx, 'listByShowTime', good, { role: 'viewer', label: 'sign' });
    expect(asViewer[0]!.phoneNo).toBe('•••• 99');
    const asManager = await runOperation(t.ctx, 'listByShowTime', good, manager);
    expect(asManager[0]!.phoneNo).toBe('+15550100199');
  });

  test('createShow sets title and capacity; a second show at that time and a capacity below the seats sold are refused', async () => {
    const show = await runOperation(t.ctx, 'createShow', { showTime: '2031-05-01 18:00:00', title: 'Metropolis', capacity: 2 }, manager);
    expect(show).toMatchObject({ title: 'Metropolis', capacity: 2, booked: 0, seatsLeft: 2 });
    await runOperation(t.ctx, 'book', { ...good, showTime: '2031-05-01 18:00:00' }, manager);
    await runOperation(t.ctx, 'book', { ...good, userName: 'Bo', showTime: '2031-05-01 18:00:00' }, manager);
    await expect(runOperation(t.ctx, 'createShow', { showTime: '2031-05-01 18:00:00', capacity: 1 }, manager)).rejects.toMatchObject({
      code: 'SHOW_EXISTS',
    });
    await expect(runOperation(t.ctx, 'updateShow', { showTime: '2031-05-01 18:00:00', capacity: 1 }, manager)).rejects.toMatchObject({
      code: 'CAPACITY_BELOW_SOLD',
      message: expect.stringContaining('2 seats are already sold'),
    });
    const shows = await runOperation(t.ctx, 'listShows', { days: 60 }, manager);
    expect(shows.some((s) => s.title === 'Metropolis')).toBe(false); // 2031 is beyond 60 days
  });
});
