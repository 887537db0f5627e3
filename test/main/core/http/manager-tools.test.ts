// The manager's tools over real HTTPS and a real database: show edit/delete rules, guest
// search, the sales report against a seeded schedule, device pairing, token last use and the
// guest of a cancelled ticket.
import https from 'node:https';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { PAIRING_GUESS_WINDOW_MINUTES, PAIRING_GUESSES_PER_SOURCE, PAIRING_GUESSES_TOTAL } from '../../../../main/core/auth/pairing-guesses';
import { silentLogger } from '../../../../main/core/log';
import { ExpirySweeper } from '../../../../main/core/sweep';
import { showTimeFromNow } from '../../../support/db';
import { startHarness, type Harness } from './harness';

let h: Harness;
let manager: string;
let viewer: string;
let kiosk: string;
let phoneSeq = 0;
const phone = () => `+1555${String(3000000 + ++phoneSeq)}`;

beforeAll(async () => {
  h = await startHarness();
  manager = await h.token('manager', 'Office');
  viewer = await h.token('viewer', 'Signage');
  kiosk = await h.token('kiosk', 'Lobby');
});
afterAll(async () => {
  await h?.close();
});

const post = (path: string, body: unknown, token?: string) => h.client.request('POST', path, body, token);

/** A time `minutes` from now with no show yet (h.showTime schedules one). */
const freeTime = (minutes: number) => showTimeFromNow(h.database.db, minutes);

async function book(showTime: string, userName = 'Guest', phoneNo = phone()) {
  const answer = await post('/ticket/book', { userName, phoneNo, showTime }, manager);
  expect(answer.status, answer.text).toBe(201);
  return answer.json.ticketId as number;
}

describe('show management', () => {
  test('a second show at the same time is refused (409) and the first keeps its title', async () => {
    const showTime = await freeTime(600);
    expect((await post('/show/create', { showTime, title: 'Harbour Lights', capacity: 10 }, manager)).status).toBe(201);
    const again = await post('/show/create', { showTime, title: 'Overwritten?' }, manager);
    expect(again.status).toBe(409);
    expect(again.json.error.code).toBe('SHOW_EXISTS');
    expect(again.json.error.message).toMatch(/already a show at that time/);
    const listed = (await post('/show/list', {}, manager)).json.find((s: { showTime: string }) => s.showTime === showTime.replace('Z', '+00:00'));
    expect(listed.title).toBe('Harbour Lights');
  });

  test('update changes title and capacity, never below the seats sold', async () => {
    const showTime = await freeTime(700);
    expect((await post('/show/create', { showTime, title: 'Paper Moons', capacity: 5 }, manager)).status).toBe(201);
    for (let i = 0; i < 3; i++) await book(showTime);
    const renamed = await post('/show/update', { showTime, title: 'Paper Moons (35 mm)', capacity: 3 }, manager);
    expect(renamed.status).toBe(200);
    expect(renamed.json).toMatchObject({ title: 'Paper Moons (35 mm)', capacity: 3, booked: 3, seatsLeft: 0 });
    const below = await post('/show/update', { showTime, capacity: 2 }, manager);
    expect(below.status).toBe(409);
    expect(below.json.error).toEqual({ code: 'CAPACITY_BELOW_SOLD', message: '3 seats are already sold, so the capacity cannot go below 3.' });
    const cleared = await post('/show/update', { showTime, title: null }, manager);
    expect(cleared.json).toMatchObject({ title: null, capacity: 3 });
  });

  test('update and delete of a time with no show: 404 SHOW_NOT_FOUND; an update with nothing to change: 400', async () => {
    const nowhere = await freeTime(7777);
    for (const path of ['/show/update', '/show/delete']) {
      const answer = await post(path, { showTime: nowhere, capacity: 9 }, manager);
      expect(answer.status).toBe(404);
      expect(answer.json.error.code).toBe('SHOW_NOT_FOUND');
    }
    const nothing = await post('/show/update', { showTime: nowhere }, manager);
    expect(nothing.status).toBe(400);
    expect(nothing.json.error.message).toBe('title: give a title, capacity or prices to change');
    const tooBig = await post('/show/update', { showTime: nowhere, capacity: 5000 }, manager);
    expect(tooBig.status).toBe(400);
    expect(tooBig.json.error.field).toBe('capacity');
  });

  test('delete refuses a show with tickets, saying how many; once they are gone it deletes', async () => {
    const showTime = await freeTime(800);
    expect((await post('/show/create', { showTime, title: 'Short Lived' }, manager)).status).toBe(201);
    const first = await book(showTime);
    const second = await book(showTime);
    const refused = await post('/show/delete', { showTime }, manager);
    expect(refused.status).toBe(409);
    // The count also in details, for a client's own sentence (the delete dialog states it).
    expect(refused.json.error).toEqual({
      code: 'SHOW_HAS_TICKETS', message: 'This show has 2 tickets. Move or cancel them before deleting the show.', details: { tickets: '2' },
    });
    await post('/ticket/delete', { ticketId: first }, manager);
    expect((await post('/show/delete', { showTime }, manager)).json.error.message).toMatch(/has 1 ticket\. Move or cancel it/);
    await post('/ticket/delete', { ticketId: second }, manager);
    const deleted = await post('/show/delete', { showTime }, manager);
    expect(deleted.status).toBe(200);
    expect(deleted.json.showTime).toBe(showTime.replace('Z', '+00:00'));
    const shows = (await post('/show/list', {}, manager)).json as Array<{ showTime: string }>;
    expect(shows.some((s) => s.showTime === deleted.json.showTime)).toBe(false);
    expect((await post('/show/delete', { showTime }, manager)).status).toBe(404);
  });
});

describe('ticket search', () => {
  let tonight: string;
  beforeAll(async () => {
    tonight = await h.showTime(900);
    await book(tonight, 'José Muñoz', '+34 612 345 678');
    await book(tonight, 'Ana Lima', '555-010-0199');
    await book(tonight, 'Zoë 100% Real', '5550100222');
    // A guest of a show three days ago (its ticket not swept yet) is not "recent".
    const raw = await h.database.raw();
    await raw.query("INSERT INTO show_record (starts_at, capacity, booked, created_at) VALUES (UTC_TIMESTAMP() - INTERVAL 3 DAY, 5, 0, UTC_TIMESTAMP())");
    await raw.query("INSERT INTO user_record (user_name, phone_no, created_at) VALUES ('José Old', '+34699000111', UTC_TIMESTAMP())");
    // (An INSERT … SELECT from show_record cannot fire the trigger that updates show_record.)
    await raw.query(`SELECT u.user_id, s.show_id INTO @u, @s FROM user_record u, show_record s
                      WHERE u.user_name = 'José Old' AND s.starts_at < UTC_TIMESTAMP() - INTERVAL 2 DAY`);
    await raw.query('INSERT INTO ticket_record (user_id, show_id) VALUES (@u, @s)');
    await raw.end();
  });

  const names = async (query: string, token = manager) => {
    const answer = await post('/ticket/search', { query }, token);
    expect(answer.status, answer.text).toBe(200);
    return (answer.json as Array<{ userName: string }>).map((r) => r.userName).sort();
  };

  test('a name fragment matches regardless of case and accents', async () => {
    for (const query of ['jose', 'JOSÉ', 'munoz', 'MUÑOZ', 'sé mu', '  jose   munoz ']) expect(await names(query), query).toEqual(['José Muñoz']);
    expect(await names('zoe')).toEqual(['Zoë 100% Real']);
    expect(await names('lim')).toEqual(['Ana Lima']);
    expect(await names('nobody here')).toEqual([]);
  });

  test('LIKE wildcards in the query are taken literally', async () => {
    expect(await names('100%')).toEqual(['Zoë 100% Real']);
    expect(await names('%%')).toEqual([]);
    expect(await names('__')).toEqual([]);
  });

  test('phone digits match in any formatting', async () => {
    for (const query of ['612 345 678', '612-345', '(612) 345.678', '+34612345678', '2345']) expect(await names(query), query).toEqual(['José Muñoz']);
    expect(await names('0100')).toEqual(['Ana Lima', 'Zoë 100% Real']);
    // A country code or a trunk 0 on one side only: the last nine digits decide.
    expect(await names('+1 555 010 0222')).toEqual(['Zoë 100% Real']);
    expect(await names('0612 345 678')).toEqual(['José Muñoz']);
  });

  test('every hit carries its own code and check-in, never made-up ones; the code itself finds the ticket', async () => {
    const hits = (await post('/ticket/search', { query: 'a' + 'n' }, manager)).json as Array<{ ticketCode: string; checkedInBy: string | null; checkedInAt: string | null }>;
    expect(hits.length).toBeGreaterThan(0);
    for (const hit of hits) {
      expect(hit.ticketCode).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
      expect(hit.checkedInBy).toBeNull();
      expect(hit.checkedInAt).toBeNull();
    }
    const [first] = (await post('/ticket/search', { query: 'Muñoz' }, manager)).json as Array<{ ticketCode: string; userName: string }>;
    expect(await names(first!.ticketCode.toLowerCase().replaceAll('-', ' '))).toEqual(['José Muñoz']);
    // To a viewer a code is only a name, and finds nobody.
    expect((await post('/ticket/search', { query: first!.ticketCode }, viewer)).json).toEqual([]);
  });

  test('answers carry show time, title and expiry; shows older than two days are left out', async () => {
    const [hit] = (await post('/ticket/search', { query: 'Muñoz' }, manager)).json;
    expect(hit).toMatchObject({ userName: 'José Muñoz', phoneNo: '+34612345678', showTime: tonight.replace('Z', '+00:00'), isExpired: false });
    expect(hit).toHaveProperty('title');
    expect(await names('José')).toEqual(['José Muñoz']);
  });

  test('the viewer searches names and sees masked phones; phone search and the kiosk are refused', async () => {
    const answer = await post('/ticket/search', { query: 'munoz' }, viewer);
    expect(answer.json[0].phoneNo).toBe('•••• 78');
    expect(answer.text).not.toContain('612');
    const byPhone = await post('/ticket/search', { query: '612 345' }, viewer);
    expect(byPhone.status).toBe(403);
    expect(byPhone.json.error.message).toMatch(/phone number needs a manager token/);
    expect((await post('/ticket/search', { query: 'munoz' }, kiosk)).status).toBe(403);
  });

  test('a query of one character or over 60 is INVALID_INPUT', async () => {
    for (const query of ['j', ' ', 'x'.repeat(61)]) {
      const answer = await post('/ticket/search', { query }, manager);
      expect(answer.status).toBe(400);
      expect(answer.json.error.field).toBe('query');
    }
  });
});

describe('sales report', () => {
  // A schedule on two days far enough ahead to be nobody else's, plus one past show that
  // the sweep has cleaned up.
  const day1 = '2031-03-10';
  const day2 = '2031-03-11';

  test('per show and per day numbers match the seeded schedule', async () => {
    const a = `${day1}T18:00:00Z`;
    const b = `${day1}T21:00:00Z`;
    const c = `${day2}T18:00:00Z`;
    await post('/show/create', { showTime: a, title: 'A', capacity: 10 }, manager);
    await post('/show/create', { showTime: b, title: 'B', capacity: 4 }, manager);
    await post('/show/create', { showTime: c, title: 'C', capacity: 5 }, manager);
    const inA = [];
    for (let i = 0; i < 6; i++) inA.push(await book(a));
    for (let i = 0; i < 4; i++) await book(b);
    for (let i = 0; i < 2; i++) await book(c);
    await post('/ticket/delete', { ticketId: inA[0] }, manager);
    await post('/ticket/update/time', { ticketId: inA[1], showTime: c }, manager);
    // Moved in and back out again: counted both ways.
    await post('/ticket/update/time', { ticketId: inA[2], showTime: b }, manager).then((r) => expect(r.json.error.code).toBe('HOUSEFULL'));

    const report = await post('/report/sales', { from: day1, to: day2 }, manager);
    expect(report.status, report.text).toBe(200);
    const figures = (r: Record<string, unknown>) => ({
      capacity: r.capacity, sold: r.sold, cancelled: r.cancelled, movedIn: r.movedIn, movedOut: r.movedOut, held: r.held, occupancyPercent: r.occupancyPercent,
    });
    expect(report.json.shows.map((s: Record<string, unknown>) => [s.title, figures(s)])).toEqual([
      ['A', { capacity: 10, sold: 6, cancelled: 1, movedIn: 0, movedOut: 1, held: 4, occupancyPercent: 40 }],
      ['B', { capacity: 4, sold: 4, cancelled: 0, movedIn: 0, movedOut: 0, held: 4, occupancyPercent: 100 }],
      ['C', { capacity: 5, sold: 2, cancelled: 0, movedIn: 1, movedOut: 0, held: 3, occupancyPercent: 60 }],
    ]);
    expect(report.json.days.map((d: Record<string, unknown>) => [d.day, d.shows, figures(d)])).toEqual([
      [day1, 2, { capacity: 14, sold: 10, cancelled: 1, movedIn: 0, movedOut: 1, held: 8, occupancyPercent: 57.1 }],
      [day2, 1, { capacity: 5, sold: 2, cancelled: 0, movedIn: 1, movedOut: 0, held: 3, occupancyPercent: 60 }],
    ]);
    expect(figures(report.json.totals)).toEqual({ capacity: 19, sold: 12, cancelled: 1, movedIn: 1, movedOut: 1, held: 11, occupancyPercent: 57.9 });
    expect(report.json).toMatchObject({ from: day1, to: day2, timeZone: 'UTC' });

    const justDay2 = await post('/report/sales', { from: day2, to: day2 }, manager);
    expect(justDay2.json.shows.map((s: { title: string }) => s.title)).toEqual(['C']);
  });

  test('the sweep deleting the tickets of a past show is not a cancellation, and the seats stay counted', async () => {
    const raw = await h.database.raw();
    await raw.query("INSERT INTO show_record (starts_at, title, capacity, booked, created_at) VALUES (UTC_TIMESTAMP() - INTERVAL 10 HOUR, 'Swept', 8, 0, UTC_TIMESTAMP())");
    await raw.query("INSERT INTO user_record (user_name, phone_no, created_at) VALUES ('Night Owl', '+15550009999', UTC_TIMESTAMP())");
    await raw.query("SELECT u.user_id, s.show_id INTO @u, @s FROM user_record u, show_record s WHERE u.user_name = 'Night Owl' AND s.title = 'Swept'");
    for (let i = 0; i < 2; i++) await raw.query('INSERT INTO ticket_record (user_id, show_id) VALUES (@u, @s)');
    await new ExpirySweeper(h.core.db, 8, silentLogger).runOnce();
    const [[left]] = (await raw.query("SELECT COUNT(*) AS n FROM ticket_record t JOIN show_record s USING (show_id) WHERE s.title = 'Swept'")) as unknown as [[{ n: number }]];
    await raw.end();
    expect(Number(left.n)).toBe(0);
    const report = await post('/report/sales', {}, manager);
    const swept = report.json.shows.find((s: { title: string }) => s.title === 'Swept');
    expect(swept).toMatchObject({ sold: 2, cancelled: 0, held: 2, occupancyPercent: 25 });
  });

  test('check-ins at the door are counted per show and per day, less undone ones', async () => {
    const door = await h.token('door', 'Door 1');
    // Doors are open: the show starts in five minutes.
    const showTime = await freeTime(5);
    expect((await post('/show/create', { showTime, title: 'Doors Open', capacity: 6 }, manager)).status).toBe(201);
    const codes: Array<{ ticketId: number; ticketCode: string }> = [];
    for (let i = 0; i < 3; i++) {
      const answer = await post('/ticket/book', { userName: 'Door Guest', phoneNo: phone(), showTime }, manager);
      codes.push({ ticketId: answer.json.ticketId, ticketCode: answer.json.ticketCode });
    }
    for (const { ticketCode } of codes.slice(0, 2)) expect((await post('/ticket/checkin', { ticketCode }, door)).status).toBe(200);
    expect((await post('/ticket/checkin/undo', { ticketId: codes[1]!.ticketId }, manager)).status).toBe(200);
    const report = await post('/report/sales', {}, manager);
    const row = report.json.shows.find((s: { title: string }) => s.title === 'Doors Open');
    expect(row).toMatchObject({ sold: 3, held: 3, checkedIn: 1 });
    const day = report.json.days.find((d: { day: string }) => d.day === row.showTime.slice(0, 10));
    expect(day.checkedIn).toBeGreaterThanOrEqual(1);
    expect(report.json.totals.checkedIn).toBe(report.json.shows.reduce((n: number, s: { checkedIn: number }) => n + s.checkedIn, 0));
  });

  test('bad ranges are INVALID_INPUT naming the field; only the manager may read it', async () => {
    for (const [body, field] of [
      [{ from: '2031-02-30' }, 'from'], [{ from: '10/03/2031' }, 'from'], [{ from: '2031-03-10', to: '2031-03-01' }, 'to'], [{ from: '2030-01-01', to: '2031-06-01' }, 'to'],
    ] as const) {
      const answer = await post('/report/sales', body, manager);
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(answer.json.error.field).toBe(field);
    }
    expect((await post('/report/sales', {}, viewer)).status).toBe(403);
    expect((await post('/report/sales', {}, kiosk)).status).toBe(403);
  });
});

describe('pairing a device', () => {
  beforeEach(async () => {
    await h.core.db.exec('DELETE FROM pairing_source');
  });

  const createCode = async (role = 'kiosk', label = 'Lobby kiosk 2') => {
    const answer = await post('/pairing/create', { role, label }, manager);
    expect(answer.status, answer.text).toBe(201);
    return answer.json as { code: string; expiresAt: string; role: string; label: string; pairingId: number };
  };

  test('a code is 6 digits valid 10 minutes; redeemed without a token it gives a token of that role, once', async () => {
    const made = await createCode();
    expect(made.code).toMatch(/^\d{6}$/);
    const minutes = (Date.parse(made.expiresAt) - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(9);
    expect(minutes).toBeLessThanOrEqual(10.1);

    const redeemed = await post('/pairing/redeem', { code: `${made.code.slice(0, 3)} ${made.code.slice(3)}` });
    expect(redeemed.status, redeemed.text).toBe(201);
    expect(redeemed.json).toMatchObject({ role: 'kiosk', label: 'Lobby kiosk 2', token: expect.stringMatching(/^mq_/) });
    const token = redeemed.json.token as string;
    expect((await post('/show/list', {}, token)).status).toBe(200);
    expect((await post('/token/list', {}, token)).status).toBe(403);
    expect((await post('/device/self', {}, token)).json).toEqual({ role: 'kiosk', label: 'Lobby kiosk 2', tokenId: redeemed.json.tokenId });

    const twice = await post('/pairing/redeem', { code: made.code });
    expect(twice.status).toBe(404);
    expect(twice.json.error.code).toBe('PAIRING_CODE_INVALID');
    expect(twice.json.error.message).toMatch(/already used, or older than 10 minutes/);
    const listed = (await post('/token/list', {}, manager)).json as Array<{ tokenId: number; label: string; role: string }>;
    expect(listed.find((t) => t.tokenId === redeemed.json.tokenId)).toMatchObject({ label: 'Lobby kiosk 2', role: 'kiosk' });
  });

  test('a viewer code gives a viewer token; a manager code cannot be made; only the manager makes codes', async () => {
    const made = await createCode('viewer', 'Foyer sign');
    expect((await post('/pairing/redeem', { code: made.code })).json.role).toBe('viewer');
    const managerCode = await post('/pairing/create', { role: 'manager', label: 'Sneaky' }, manager);
    expect(managerCode.status).toBe(400);
    expect(managerCode.json.error.field).toBe('role');
    expect((await post('/pairing/create', { role: 'kiosk', label: 'x' }, kiosk)).status).toBe(403);
    expect((await post('/pairing/create', { role: 'kiosk', label: 'x' })).status).toBe(401);
  });

  test('an expired code is refused', async () => {
    const made = await createCode();
    await h.core.db.exec('UPDATE pairing_code SET expires_at = UTC_TIMESTAMP(3) - INTERVAL 1 SECOND WHERE pairing_id = ?', [made.pairingId]);
    const answer = await post('/pairing/redeem', { code: made.code });
    expect(answer.status).toBe(404);
    expect(answer.json.error.code).toBe('PAIRING_CODE_INVALID');
  });

  test('malformed codes are INVALID_INPUT and do not count as guesses', async () => {
    for (const code of ['12345', '1234567', 'abcdef', 123456]) {
      const answer = await post('/pairing/redeem', { code });
      expect(answer.status).toBe(400);
      expect(answer.json.error.field).toBe('code');
    }
    const [row] = await h.core.db.rows('SELECT COALESCE(SUM(wrong_guesses), 0) AS n FROM pairing_source');
    expect(Number(row!.n)).toBe(0);
  });

  /** A code that is not live: the made code with its first digit changed. */
  const wrongCodeFor = (code: string) => `${(Number(code[0]) + 1) % 10}${code.slice(1)}`;

  test(`after ${PAIRING_GUESSES_PER_SOURCE} wrong codes from one address even the right code waits (429) as long as Retry-After says`, async () => {
    const made = await createCode();
    for (let i = 0; i < PAIRING_GUESSES_PER_SOURCE; i++) {
      expect((await post('/pairing/redeem', { code: wrongCodeFor(made.code) })).status).toBe(404);
    }
    const limited = await post('/pairing/redeem', { code: made.code });
    expect(limited.status).toBe(429);
    expect(limited.json.error.code).toBe('RATE_LIMITED');
    const wait = Number(limited.headers['retry-after']);
    expect(wait).toBeGreaterThan(PAIRING_GUESS_WINDOW_MINUTES * 60 - 30);
    expect(wait).toBeLessThanOrEqual(PAIRING_GUESS_WINDOW_MINUTES * 60);
    expect(limited.json.error.message).toMatch(/Too many wrong pairing codes from this device\. Wait 10 minutes/);
    // Another device (another address) is not held up by this one.
    const other = await h.core.run('redeemPairing', { code: made.code }, { role: 'viewer', label: 'x' }, { clientAddress: 'ip:10.0.0.7' });
    expect(other.role).toBe('kiosk');
  });

  test(`after ${PAIRING_GUESSES_TOTAL} wrong codes in all, each guessing address is held to one, and a device with its code still pairs`, async () => {
    const made = await createCode();
    const anyone = { role: 'viewer' as const, label: 'x' };
    const redeemFrom = (code: string, address: string) => h.core.run('redeemPairing', { code }, anyone, { clientAddress: `ip:${address}` });
    for (let i = 0; i < PAIRING_GUESSES_TOTAL; i++) {
      await expect(redeemFrom(wrongCodeFor(made.code), `10.1.${i}.1`)).rejects.toMatchObject({ code: 'PAIRING_CODE_INVALID' });
    }
    // An address that guessed once is refused, even with the right code…
    await expect(redeemFrom(made.code, '10.1.0.1')).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    // …a new one gets one try…
    await expect(redeemFrom(wrongCodeFor(made.code), '10.3.0.1')).rejects.toMatchObject({ code: 'PAIRING_CODE_INVALID' });
    await expect(redeemFrom(wrongCodeFor(made.code), '10.3.0.1')).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    // …and the device the code was made for pairs from its own address.
    expect(await redeemFrom(made.code, '10.2.0.1')).toMatchObject({ role: 'kiosk' });
  });
});

describe('tokens and the audit trail', () => {
  test('the token list shows when each token was last used', async () => {
    const fresh = await h.token('viewer', 'Box office tablet');
    const before = (await post('/token/list', {}, manager)).json as Array<{ label: string; lastUsedAt: string | null }>;
    expect(before.find((t) => t.label === 'Box office tablet')!.lastUsedAt).toBeNull();
    expect((await post('/show/list', {}, fresh)).status).toBe(200);
    // The write is not awaited by the request it notes; give it a moment to land.
    let used: string | null = null;
    for (let i = 0; i < 50 && used === null; i++) {
      const list = (await post('/token/list', {}, manager)).json as Array<{ label: string; lastUsedAt: string | null }>;
      used = list.find((t) => t.label === 'Box office tablet')!.lastUsedAt;
      if (used === null) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(used).not.toBeNull();
    expect(Math.abs(Date.parse(used!) - Date.now())).toBeLessThan(120_000);
  });

  test('a cancelled ticket keeps showing who held it', async () => {
    const showTime = await h.showTime(1000);
    const ticketId = await book(showTime, 'Marta Ruiz', '+34 600 111 222');
    await post('/ticket/delete', { ticketId }, manager);
    const history = await post('/ticket/history', { ticketId }, manager);
    expect(history.status).toBe(200);
    expect(history.json.map((e: { kind: string }) => e.kind)).toEqual(['booked', 'cancelled']);
    for (const event of history.json) expect(event).toMatchObject({ userName: 'Marta Ruiz', phoneNo: '+34600111222' });
  });
});

describe('what the kiosk is offered and told', () => {
  test('the kiosk list drops a show 15 minutes after it starts; viewer and manager keep the 8-hour rule', async () => {
    const raw = await h.database.raw();
    await raw.query("INSERT INTO show_record (starts_at, title, capacity, booked, created_at) VALUES (UTC_TIMESTAMP() - INTERVAL 10 MINUTE, 'Just Started', 5, 0, UTC_TIMESTAMP())");
    await raw.query("INSERT INTO show_record (starts_at, title, capacity, booked, created_at) VALUES (UTC_TIMESTAMP() - INTERVAL 20 MINUTE, 'Twenty In', 5, 0, UTC_TIMESTAMP())");
    await raw.end();
    const titles = async (token: string) => ((await post('/show/list', {}, token)).json as Array<{ title: string | null }>).map((s) => s.title);
    const forKiosk = await titles(kiosk);
    expect(forKiosk).toContain('Just Started');
    expect(forKiosk).not.toContain('Twenty In');
    for (const token of [viewer, manager]) expect(await titles(token)).toEqual(expect.arrayContaining(['Just Started', 'Twenty In']));
  });
});

describe('unpairing', () => {
  test('revoking a token ends its open seat stream at once, and the reconnect is refused', async () => {
    const created = await post('/token/create', { role: 'kiosk', label: 'Kiosk to unpair' }, manager);
    const token = created.json.token as string;
    const ended = new Promise<string>((resolve, reject) => {
      const req = https.get(new URL('/show/seats/stream', h.baseUrl), { ca: h.listener.caCertPem, headers: { authorization: `Bearer ${token}` } }, (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
        res.once('end', () => resolve(text));
      });
      req.on('error', reject);
    });
    // Let the stream open before revoking.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await post('/token/revoke', { tokenId: created.json.tokenId }, manager)).json.outcome).toBe('revoked');
    const text = await ended;
    expect(text).toContain('seat availability');
    const again = await h.client.request('GET', '/show/seats/stream', undefined, token);
    expect(again.status).toBe(401);
    expect(again.json.error.message).toBe('This device token has been revoked.');
  });
});
