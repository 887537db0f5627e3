// The door over real HTTPS (issues 21 and 23): a party admitted with one scan or part now and
// the rest later, never more than its seats under racing doors; a scan answered once by its
// scanId; a check-in racing a cancel never 500; doors scoped to screens; the snapshot a door
// admits from offline (no phone, no plain code); offline admissions that collided, kept and listed.
import { pbkdf2Sync, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { normalizeTicketCode } from '../../../../main/common/ticket-code';
import { createToken } from '../../../../main/core/auth/tokens';
import { startHarness, type Harness } from './harness';

let h: Harness;
let manager: string;
let doorA: string;
let doorB: string;
let phoneSeq = 0;
let adult: number;
let child: number;
const post = (path: string, body: unknown, token: string) => h.client.request('POST', path, body, token);

beforeAll(async () => {
  h = await startHarness({ checkinOpensMinutes: 60, checkinClosesMinutes: 120, capacity: 300, maxParty: 10 });
  manager = await h.token('manager', 'box-office');
  doorA = await h.token('door', 'door-1');
  doorB = await h.token('door', 'door-2');
  adult = (await post('/ticket-type/create', { name: 'Adult', price: 950 }, manager)).json.ticketTypeId;
  child = (await post('/ticket-type/create', { name: 'Child', price: 600 }, manager)).json.ticketTypeId;
});
afterAll(async () => {
  await h?.close();
});

/** A party booked and paid at the counter (the door refuses unpaid ones: see "an unpaid party"), or left unpaid. */
async function family(minutesFromNow = 20, adults = 2, children = 2, userName = 'Ana Lima', showId?: number, paid = true) {
  const where = showId !== undefined ? { showId } : { showTime: await h.showTime(minutesFromNow) };
  const items = [{ ticketTypeId: adult, count: adults }, ...(children > 0 ? [{ ticketTypeId: child, count: children }] : [])];
  const answer = await post('/ticket/book', { userName, phoneNo: `+3461${String(1000000 + ++phoneSeq)}`, ...where, items }, manager);
  expect(answer.status, answer.text).toBe(201);
  if (paid) {
    const payment = await post('/ticket/pay', { ticketCode: answer.json.ticketCode, payment: { method: 'cash', amount: answer.json.total } }, manager);
    expect(payment.status, payment.text).toBe(200);
  }
  return answer.json as { ticketId: number; ticketCode: string; showId: number; showTime: string; seats: number; total: number };
}

const checkIn = (body: Record<string, unknown>, token = doorA) => post('/ticket/checkin', body, token);
const admittedOf = async (ticketId: number) =>
  Number((await h.core.db.rows('SELECT admitted FROM ticket_record WHERE ticket_id = ?', [ticketId]))[0]!.admitted);
const checkedInEvents = async (ticketId: number) =>
  (await h.core.db.rows("SELECT seats, actor FROM ticket_event WHERE ticket_id = ? AND kind = 'checked_in' ORDER BY event_id", [ticketId]))
    .map((r) => [Number(r.seats), String(r.actor)]);

describe('a party at the door', () => {
  test('one scan admits the whole party: 4 guests, 2 Adult and 2 Child; the audit row counts 4', async () => {
    const party = await family();
    const answer = await checkIn({ ticketCode: party.ticketCode });
    expect(answer.status, answer.text).toBe(200);
    expect(answer.json).toMatchObject({
      seats: 4, admitted: 4, admittedNow: 4, conflict: null,
      items: [{ ticketTypeId: adult, name: 'Adult', count: 2, unitPrice: 950 }, { ticketTypeId: child, name: 'Child', count: 2, unitPrice: 600 }],
    });
    expect(await checkedInEvents(party.ticketId)).toEqual([[4, 'door-1']]);
    const again = await checkIn({ ticketCode: party.ticketCode }, doorB);
    expect(again.status).toBe(409);
    expect(again.json.error).toMatchObject({ code: 'ALREADY_CHECKED_IN', details: { seats: '4', admitted: '4', checkedInBy: 'door-1' } });
  });

  test('part now, the rest later: 2 of 4, then the second scan admits the other 2; a count over what is left is refused', async () => {
    const party = await family();
    const first = await checkIn({ ticketCode: party.ticketCode, count: 2 });
    expect(first.json).toMatchObject({ seats: 4, admitted: 2, admittedNow: 2 });
    const tooMany = await checkIn({ ticketCode: party.ticketCode, count: 3 }, doorB);
    expect(tooMany.status).toBe(409);
    expect(tooMany.json.error).toMatchObject({ code: 'ALREADY_CHECKED_IN', details: { seats: '4', admitted: '2' } });
    expect(tooMany.json.error.message).toContain('2 of 4 already in');
    const rest = await checkIn({ ticketCode: party.ticketCode }, doorB);
    expect(rest.status).toBe(200);
    expect(rest.json).toMatchObject({ seats: 4, admitted: 4, admittedNow: 2, checkedInBy: 'door-2' });
    expect(await checkedInEvents(party.ticketId)).toEqual([[2, 'door-1'], [2, 'door-2']]);
    const over = await checkIn({ ticketCode: party.ticketCode, count: 1 });
    expect(over.json.error.code).toBe('ALREADY_CHECKED_IN');
    expect(await admittedOf(party.ticketId)).toBe(4);
    // The count is a party size, not anything at all.
    expect((await checkIn({ ticketCode: party.ticketCode, count: 0 })).json.error.field).toBe('count');
  });

  test('the database refuses admitted above seats from any writer', async () => {
    const party = await family(21, 1, 1);
    const raw = await h.database.raw();
    try {
      await expect(raw.query('UPDATE ticket_record SET admitted = 3, checked_in_at = UTC_TIMESTAMP(3) WHERE ticket_id = ?', [party.ticketId])).rejects.toThrow();
    } finally {
      await raw.end();
    }
    expect(await admittedOf(party.ticketId)).toBe(0);
  });

  test('two doors scanning one party at once, one guest at a time: never more admitted than its seats', async () => {
    const parties = await Promise.all([1, 2, 3, 4, 5, 6].map((i) => family(22, 3, 2, `Racing Family ${i}`)));
    const answers = await Promise.all(parties.flatMap((p) =>
      [doorA, doorB].flatMap((door) => [1, 2, 3, 4].map(async () => ({ p, answer: await checkIn({ ticketCode: p.ticketCode, count: 1, scanId: randomUUID() }, door) })))));
    for (const p of parties) {
      const mine = answers.filter((a) => a.p === p);
      expect(mine.filter((a) => a.answer.status === 200)).toHaveLength(5);
      expect(mine.filter((a) => a.answer.status === 409)).toHaveLength(3);
      expect(mine.every((a) => a.answer.status === 200 || a.answer.json.error.code === 'ALREADY_CHECKED_IN')).toBe(true);
      expect(await admittedOf(p.ticketId)).toBe(5);
      const events = await checkedInEvents(p.ticketId);
      expect(events.reduce((sum, [n]) => sum + Number(n), 0)).toBe(5);
    }
  });
});

describe('a scan answered once', () => {
  test('the same scanId again gets the same answer, never "already checked in" for its own admission, one audit row', async () => {
    const party = await family(23, 2, 0);
    const scanId = randomUUID();
    const first = await checkIn({ ticketCode: party.ticketCode, scanId });
    expect(first.status).toBe(200);
    const retries = await Promise.all([1, 2, 3].map(() => checkIn({ ticketCode: party.ticketCode, scanId })));
    for (const retry of retries) {
      expect(retry.status).toBe(200);
      expect(retry.json).toEqual(first.json);
    }
    expect(await checkedInEvents(party.ticketId)).toEqual([[2, 'door-1']]);
    // Another scan of the same ticket is a new scan, and is told the party is in.
    expect((await checkIn({ ticketCode: party.ticketCode, scanId: randomUUID() })).status).toBe(409);
    // A scanId reused for another code is refused, not mixed up.
    const other = await family(23, 1, 0);
    const mixed = await checkIn({ ticketCode: other.ticketCode, scanId });
    expect(mixed.status).toBe(422);
    expect(mixed.json.error).toMatchObject({ code: 'IDEMPOTENCY_MISMATCH', field: 'scanId' });
  });

  test('twin requests with one scanId racing: one admission, the same answer to both', async () => {
    for (let round = 0; round < 5; round++) {
      const party = await family(24, 2, 1);
      const scanId = randomUUID();
      const answers = await Promise.all([doorA, doorA, doorA].map((door) => checkIn({ ticketCode: party.ticketCode, scanId }, door)));
      expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
      expect(new Set(answers.map((a) => a.text.replace(/"result":"[^"]*",?/, ''))).size).toBe(1);
      expect(await checkedInEvents(party.ticketId)).toEqual([[3, 'door-1']]);
    }
  });

  test('a check-in racing a manager\'s cancel answers 200, 409 or 410 — never 500 (30 tight races)', async () => {
    const parties = [];
    for (let i = 0; i < 30; i++) parties.push(await family(25, 1, 1, `Cancel Race ${i}`));
    const results = await Promise.all(parties.map(async (p, i) => {
      const scan = () => checkIn({ ticketCode: p.ticketCode, scanId: randomUUID() }, i % 2 ? doorA : doorB);
      const cancel = () => post('/ticket/delete', { ticketCode: p.ticketCode }, manager);
      const [checked, cancelled] = i % 2 ? await Promise.all([scan(), cancel()]) : await Promise.all([cancel(), scan()]).then(([c, s]) => [s, c] as const);
      return { checked, cancelled };
    }));
    for (const { checked, cancelled } of results) {
      expect([200, 409, 410]).toContain(checked.status);
      expect(cancelled.status).toBe(200);
      if (checked.status === 200) expect(checked.json).toMatchObject({ seats: 2, admitted: 2, userName: expect.stringMatching(/^Cancel Race/) });
    }
  });
});

describe('admission by name', () => {
  test('a guest who lost the code is admitted by ticketId, audited as by name with the device; a ticketId alone is refused', async () => {
    const party = await family(28, 1, 1, 'Lost Code');
    const plainId = await checkIn({ ticketId: party.ticketId });
    expect(plainId.status).toBe(400);
    expect(plainId.json.error.field).toBe('ticketCode');
    const both = await checkIn({ ticketId: party.ticketId, ticketCode: party.ticketCode, byName: true });
    expect(both.status).toBe(400);
    const answer = await checkIn({ ticketId: party.ticketId, byName: true, scanId: randomUUID() });
    expect(answer.status, answer.text).toBe(200);
    expect(answer.json).toMatchObject({ ticketId: party.ticketId, ticketCode: party.ticketCode, admitted: 2, checkedInBy: 'door-1 (by name)' });
    expect(await checkedInEvents(party.ticketId)).toEqual([[2, 'door-1 (by name)']]);
    expect((await checkIn({ ticketId: 99999999, byName: true })).status).toBe(404);
  });
});

describe('doors per entrance', () => {
  test('a door scoped to a screen refuses another screen\'s ticket naming it; unscoped doors admit any; [] unscopes', async () => {
    const screen = await post('/screen/create', { name: 'Screen 2', capacity: 80, notes: 'next door on the left' }, manager);
    const showOn2 = await post('/show/create', { showTime: await h.showTime(26), screenId: screen.json.screenId }, manager);
    expect(showOn2.status, showOn2.text).toBe(201);
    const scoped = await createToken(h.core.db, 'door', 'door-screen-1');
    const set = await post('/token/update', { tokenId: scoped.id, screenIds: [1] }, manager);
    expect(set.json).toEqual({ tokenId: scoped.id, screenIds: [1] });

    const party = await family(0, 1, 0, 'Wrong Door', showOn2.json.showId);
    const refused = await checkIn({ ticketCode: party.ticketCode }, scoped.token);
    expect(refused.status).toBe(409);
    expect(refused.json.error).toMatchObject({
      code: 'WRONG_ENTRANCE', details: { screenId: String(screen.json.screenId), screenName: 'Screen 2', screenNotes: 'next door on the left' },
    });
    expect(refused.json.error.message).toBe('This ticket is for Screen 2 — next door on the left.');
    expect(await admittedOf(party.ticketId)).toBe(0);
    const onScreen1 = await family(27, 1, 0);
    expect((await checkIn({ ticketCode: onScreen1.ticketCode }, scoped.token)).status).toBe(200);
    expect((await checkIn({ ticketCode: party.ticketCode }, doorA)).status).toBe(200);

    expect((await post('/token/update', { tokenId: scoped.id, screenIds: [] }, manager)).json.screenIds).toEqual([]);
    const later = await family(0, 1, 0, 'Any Door', showOn2.json.showId);
    expect((await checkIn({ ticketCode: later.ticketCode }, scoped.token)).status).toBe(200);

    // Pairing may scope the door it makes.
    const code = await post('/pairing/create', { role: 'door', label: 'door-paired-2', screenIds: [screen.json.screenId] }, manager);
    expect(code.status, code.text).toBe(201);
    const paired = await h.client.request('POST', '/pairing/redeem', { code: code.json.code, expectRole: 'door' });
    expect(paired.status, paired.text).toBe(201);
    const fromPairing = await family(29, 1, 0, 'Screen 1 Guest');
    expect((await checkIn({ ticketCode: fromPairing.ticketCode }, paired.json.token)).json.error.code).toBe('WRONG_ENTRANCE');
    expect((await post('/pairing/create', { role: 'kiosk', label: 'k', screenIds: [1] }, manager)).json.error.field).toBe('screenIds');
    expect((await post('/pairing/create', { role: 'door', label: 'd', screenIds: [999999] }, manager)).json.error.code).toBe('SCREEN_NOT_FOUND');

    const kiosk = await createToken(h.core.db, 'kiosk', 'not a door');
    expect((await post('/token/update', { tokenId: kiosk.id, screenIds: [1] }, manager)).json.error.field).toBe('tokenId');
    expect((await post('/token/update', { tokenId: 999999, screenIds: [1] }, manager)).status).toBe(404);
    expect((await post('/token/update', { tokenId: scoped.id, screenIds: [999999] }, manager)).json.error.code).toBe('SCREEN_NOT_FOUND');
  });
});

describe('an unpaid party at the door', () => {
  test('409 NOT_PAID with the amount due and its currency, nobody admitted; paid at the counter, the next scan admits it', async () => {
    const party = await family(33, 2, 0, 'Pay Later', undefined, false);
    const refused = await checkIn({ ticketCode: party.ticketCode, scanId: randomUUID() });
    expect(refused.status, refused.text).toBe(409);
    expect(refused.json.error).toMatchObject({ code: 'NOT_PAID', details: { amountDue: '1900', currency: 'USD' } });
    expect(refused.json.error.message).toContain('Not paid: 19.00 USD');
    expect(await admittedOf(party.ticketId)).toBe(0);
    const snap = (await post('/door/snapshot', {}, doorA)).json;
    expect(snap).toMatchObject({ admitsUnpaid: false, currency: 'USD' });
    const entry = snap.shows.find((s: { showId: number }) => s.showId === party.showId).tickets.find((t: { ticketId: number }) => t.ticketId === party.ticketId);
    expect(entry).toMatchObject({ total: 1900, paid: false, amountDue: 1900 });
    expect((await post('/ticket/pay', { ticketCode: party.ticketCode, payment: { method: 'card', amount: 1900 } }, manager)).status).toBe(200);
    const admitted = await checkIn({ ticketCode: party.ticketCode, scanId: randomUUID() });
    expect(admitted.status, admitted.text).toBe(200);
    expect(admitted.json).toMatchObject({ admittedNow: 2 });
  });
});

describe("the door's snapshot", () => {
  test('the parties of the shows about to open: hashed codes, names, party and admitted counts — no phone, no plain code', async () => {
    const soon = await family(30, 2, 2, 'Snap Shot');
    const far = await family(60 * 6, 1, 0, 'Far Future');
    const answer = await post('/door/snapshot', {}, doorA);
    expect(answer.status, answer.text).toBe(200);
    const snap = answer.json;
    expect(snap.hash).toMatchObject({ algorithm: 'PBKDF2-SHA256', iterations: 20000 });
    const show = snap.shows.find((s: { showId: number }) => s.showId === soon.showId);
    expect(show).toBeDefined();
    expect(snap.shows.some((s: { showId: number }) => s.showId === far.showId)).toBe(false);
    const entry = show.tickets.find((t: { ticketId: number }) => t.ticketId === soon.ticketId);
    const expected = pbkdf2Sync(normalizeTicketCode(soon.ticketCode)!, snap.hash.salt, 20000, 32, 'sha256').toString('hex');
    expect(entry).toEqual({
      codeHash: expected, ticketId: soon.ticketId, userName: 'Snap Shot', seats: 4, admitted: 0, total: 3100, paid: true, amountDue: 0,
      items: [expect.objectContaining({ name: 'Adult', count: 2 }), expect.objectContaining({ name: 'Child', count: 2 })],
    });
    const text = answer.text;
    expect(text).not.toContain(normalizeTicketCode(soon.ticketCode)!);
    expect(text).not.toContain(soon.ticketCode);
    expect(text).not.toMatch(/\+3461\d{7}/);
    expect(text).not.toMatch(/phone/i);

    // `since`: unchanged shows come without tickets; a check-in changes its show.
    const unchanged = (await post('/door/snapshot', { since: snap.version }, doorA)).json;
    expect(unchanged.shows.find((s: { showId: number }) => s.showId === soon.showId).tickets).toBeNull();
    expect((await checkIn({ ticketCode: soon.ticketCode, count: 1 })).status).toBe(200);
    const changed = (await post('/door/snapshot', { since: snap.version }, doorA)).json;
    const again = changed.shows.find((s: { showId: number }) => s.showId === soon.showId);
    expect(again.tickets.find((t: { ticketId: number }) => t.ticketId === soon.ticketId).admitted).toBe(1);
    // Only a door asks for it.
    expect((await post('/door/snapshot', {}, manager)).status).toBe(403);
  });
});

describe('offline admissions synced later', () => {
  const offline = (p: { ticketCode: string; showId: number }, door: string, extra: Record<string, unknown> = {}) =>
    checkIn({ ticketCode: p.ticketCode, scanId: randomUUID(), scannedAt: new Date(Date.now() - 60_000).toISOString(), offline: { showId: p.showId }, ...extra }, door);

  test('always count; a collision with another door, a cancellation or a move is kept (200 with conflict) and listed', async () => {
    const clean = await family(31, 2, 0, 'Clean Offline');
    const ok = await offline(clean, doorA);
    expect(ok.status).toBe(200);
    expect(ok.json).toMatchObject({ admitted: 2, admittedNow: 2, conflict: null });

    const twice = await family(31, 2, 0, 'Both Doors');
    expect((await checkIn({ ticketCode: twice.ticketCode }, doorB)).status).toBe(200);
    const collided = await offline(twice, doorA);
    expect(collided.status).toBe(200);
    expect(collided.json).toMatchObject({ admitted: 2, admittedNow: 0, conflict: { kind: 'already_in', otherDoor: 'door-2' } });
    expect(await admittedOf(twice.ticketId)).toBe(2);

    const gone = await family(31, 1, 0, 'Cancelled Meanwhile');
    expect((await post('/ticket/delete', { ticketCode: gone.ticketCode }, manager)).status).toBe(200);
    const cancelled = await offline(gone, doorA);
    expect(cancelled.status).toBe(200);
    expect(cancelled.json).toMatchObject({ userName: 'Cancelled Meanwhile', conflict: { kind: 'cancelled', otherDoor: 'box-office' } });

    const moved = await family(31, 1, 0, 'Moved Meanwhile');
    expect((await post('/ticket/update/time', { ticketId: moved.ticketId, showTime: await h.showTime(200) }, manager)).status).toBe(200);
    const movedAnswer = await offline(moved, doorA);
    expect(movedAnswer.json).toMatchObject({ showId: moved.showId, conflict: { kind: 'moved' } });

    // A scan outside its window offline still counts: the guest is inside.
    const list = await post('/checkin/conflicts', {}, manager);
    expect(list.status).toBe(200);
    const mine = list.json.filter((c: { userName: string }) => ['Both Doors', 'Cancelled Meanwhile', 'Moved Meanwhile'].includes(c.userName));
    expect(mine.map((c: { conflict: { kind: string } }) => c.conflict.kind).sort()).toEqual(['already_in', 'cancelled', 'moved']);
    const both = mine.find((c: { userName: string }) => c.userName === 'Both Doors');
    expect(both).toMatchObject({ door: 'door-1', ticketId: twice.ticketId, conflict: { otherDoor: 'door-2', otherAt: expect.any(String) } });
    expect(Date.parse(both.scannedAt)).toBeLessThan(Date.parse(both.recordedAt));
    expect((await post('/checkin/conflicts', { day: '2001-01-01' }, manager)).json).toEqual([]);
    expect((await post('/checkin/conflicts', {}, doorA)).status).toBe(403);
    // An offline admission for a show the server does not have is refused, not guessed.
    const noShow = await checkIn({ ticketCode: clean.ticketCode, scanId: randomUUID(), scannedAt: new Date().toISOString(), offline: { showId: 99999999 } });
    expect([noShow.status, noShow.json.error.code, noShow.json.error.field]).toEqual([404, 'SHOW_NOT_FOUND', 'offline']);
    // An offline admission without its scanId is refused: the journal must be sent exactly once.
    expect((await checkIn({ ticketCode: clean.ticketCode, offline: { showId: clean.showId } })).json.error.field).toBe('scanId');
  });
});
