// Idempotency-Key on /ticket/book: a retry gets the first answer and books nothing.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { MarqueeError } from '../../../../main/common/errors';
import { silentLogger } from '../../../../main/core/log';
import { IdempotencyStore } from '../../../../main/core/http/idempotency';
import { startHarness, type Harness } from './harness';

let h: Harness;
let kiosk: string;

beforeAll(async () => {
  h = await startHarness();
  kiosk = await h.token('kiosk');
});
afterAll(async () => {
  await h?.close();
});

async function ticketsFor(showTime: string): Promise<number> {
  const [row] = await h.database.db.rows(
    'SELECT COUNT(*) AS n FROM ticket_record t JOIN show_record s ON s.show_id = t.show_id WHERE s.starts_at = ?',
    [new Date(showTime)],
  );
  return Number(row!.n);
}

const book = (body: unknown, key: string | undefined, token = kiosk) =>
  h.client.request('POST', '/ticket/book', body, token, key === undefined ? {} : { 'Idempotency-Key': key });

test('a retry with the same key returns the first answer and books once', async () => {
  const showTime = await h.showTime(200);
  const body = { userName: 'Retry Guest', phoneNo: '5550101001', showTime };
  const first = await book(body, 'booking-1');
  const again = await book({ showTime, phoneNo: '5550101001', userName: 'Retry Guest' }, 'booking-1');
  expect(first.status).toBe(201);
  expect(again.status).toBe(201);
  expect(again.text).toBe(first.text);
  expect(again.headers['idempotent-replayed']).toBe('true');
  expect(first.headers['idempotent-replayed']).toBeUndefined();
  expect(await ticketsFor(showTime)).toBe(1);
});

test('the same key with a different body is 422 IDEMPOTENCY_MISMATCH and books nothing', async () => {
  const showTime = await h.showTime(210);
  await book({ userName: 'Mismatch', phoneNo: '5550101002', showTime }, 'booking-2');
  const other = await book({ userName: 'Someone Else', phoneNo: '5550101002', showTime }, 'booking-2');
  expect(other.status).toBe(422);
  expect(other.json.error.code).toBe('IDEMPOTENCY_MISMATCH');
  expect(await ticketsFor(showTime)).toBe(1);
});

test('keys differing only in case are two keys: two bookings, neither refused', async () => {
  const showTime = await h.showTime(215);
  const first = await book({ userName: 'Upper Case', phoneNo: '5550101010', showTime }, 'Booking-Case-7');
  const second = await book({ userName: 'Lower Case', phoneNo: '5550101011', showTime }, 'booking-case-7');
  expect([first.status, second.status]).toEqual([201, 201]);
  expect(second.headers['idempotent-replayed']).toBeUndefined();
  expect(second.json.ticketId).not.toBe(first.json.ticketId);
  expect(await ticketsFor(showTime)).toBe(2);
});

test('simultaneous duplicates book once and all get the same answer', async () => {
  const showTime = await h.showTime(220);
  const body = { userName: 'Impatient', phoneNo: '5550101003', showTime };
  const answers = await Promise.all(Array.from({ length: 12 }, () => book(body, 'booking-3')));
  expect(new Set(answers.map((a) => a.status))).toEqual(new Set([201]));
  expect(new Set(answers.map((a) => a.text)).size).toBe(1);
  expect(answers.filter((a) => a.headers['idempotent-replayed'] === 'true')).toHaveLength(11);
  expect(await ticketsFor(showTime)).toBe(1);
});

test('a housefull answer is repeated too, even after a seat frees up', async () => {
  const created = await h.client.request('POST', '/show/update', { showTime: await h.showTime(230), capacity: 1 }, await h.token('manager'));
  const showTime = created.json.showTime as string;
  const taken = await book({ userName: 'First', phoneNo: '5550101004', showTime }, undefined);
  expect(taken.status).toBe(201);
  const full = await book({ userName: 'Second', phoneNo: '5550101005', showTime }, 'booking-4');
  expect(full.status).toBe(409);
  await h.client.request('POST', '/ticket/delete', { ticketId: taken.json.ticketId, phoneNo: '5550101004' }, kiosk);
  const retry = await book({ userName: 'Second', phoneNo: '5550101005', showTime }, 'booking-4');
  expect(retry.status).toBe(409);
  expect(retry.text).toBe(full.text);
});

test('keys belong to one token; invalid input and refused requests do not use up a key', async () => {
  const showTime = await h.showTime(240);
  const body = { userName: 'Two Devices', phoneNo: '5550101006', showTime };
  const other = await h.token('kiosk');
  expect((await book(body, 'shared-key')).status).toBe(201);
  expect((await book(body, 'shared-key', other)).headers['idempotent-replayed']).toBeUndefined();
  expect(await ticketsFor(showTime)).toBe(2);

  const invalid = await book({ ...body, phoneNo: 'nope' }, 'fix-and-retry');
  expect(invalid.status).toBe(400);
  expect((await book(body, 'fix-and-retry')).status).toBe(201);

  const viewer = await h.token('viewer');
  expect((await book(body, 'viewer-key', viewer)).status).toBe(403);
  const [row] = await h.database.db.rows('SELECT COUNT(*) AS n FROM idempotent_request WHERE idem_key = ?', ['viewer-key']);
  expect(Number(row!.n)).toBe(0);
});

test('a malformed key is INVALID_INPUT', async () => {
  const body = { userName: 'Bad Key', phoneNo: '5550101007', showTime: await h.showTime(250) };
  for (const key of ['', 'x'.repeat(201), 'with space', 'ünïcode']) {
    const answer = await book(body, key);
    expect(answer.status).toBe(400);
    expect(answer.json.error.field).toBe('Idempotency-Key');
  }
});

test('answers older than a day are pruned', async () => {
  const showTime = await h.showTime(260);
  await book({ userName: 'Old Key', phoneNo: '5550101008', showTime }, 'old-key');
  await book({ userName: 'New Key', phoneNo: '5550101009', showTime }, 'new-key');
  await h.database.db.exec("UPDATE idempotent_request SET created_at = UTC_TIMESTAMP(3) - INTERVAL 25 HOUR WHERE idem_key = 'old-key'");
  expect(await new IdempotencyStore(h.database.db, silentLogger).prune()).toBe(1);
  const rows = await h.database.db.rows("SELECT idem_key FROM idempotent_request WHERE idem_key IN ('old-key', 'new-key')");
  expect(rows.map((r) => r.idem_key)).toEqual(['new-key']);
});

describe('an attempt still running when its retry takes the key over', () => {
  const store = () => new IdempotencyStore(h.database.db, silentLogger);
  const input = { userName: 'Slow Kiosk', phoneNo: '5550101010' };
  /** The first attempt's work, held until `finish` is called; the retry may run meanwhile. */
  function heldWork(status: number, body: unknown) {
    let finish!: () => void;
    const gate = new Promise<void>((resolve) => {
      finish = resolve;
    });
    let started!: () => void;
    const running = new Promise<void>((resolve) => {
      started = resolve;
    });
    return {
      finish, running,
      work: async () => {
        started();
        await gate;
        return { status, body };
      },
    };
  }
  const ageReservation = (key: string) =>
    h.database.db.exec("UPDATE idempotent_request SET created_at = UTC_TIMESTAMP(3) - INTERVAL 10 SECOND WHERE idem_key = ?", [key]);

  test('the answer stored first stays; the attempt finishing second returns it instead of its own', async () => {
    const first = heldWork(201, { ticketId: 1, seatsLeft: 5 });
    const firstAnswer = store().once('test', 'slow-1', input, first.work);
    await first.running;
    await ageReservation('slow-1');
    // The retry takes over and answers first (its ticket lookup is quicker).
    const retry = await store().once('test', 'slow-1', input, async () => ({ status: 201, body: { ticketId: 1, seatsLeft: 4 } }));
    expect(retry).toMatchObject({ status: 201, replayed: false });
    first.finish();
    const late = await firstAnswer;
    expect(late.body).toBe(retry.body);
    expect(late.replayed).toBe(true);
    const [row] = await h.database.db.rows("SELECT status, response FROM idempotent_request WHERE idem_key = 'slow-1'");
    expect(String(row!.response)).toBe(retry.body);
  });

  test('a later refusal never overwrites a stored ticket', async () => {
    const first = heldWork(201, { ticketId: 7, seatsLeft: 0 });
    const firstAnswer = store().once('test', 'slow-2', input, first.work);
    await first.running;
    await ageReservation('slow-2');
    const retry = store().once('test', 'slow-2', input, async () => {
      first.finish();
      await firstAnswer; // the first attempt stores its 201 while this one still runs
      throw new MarqueeError('HOUSEFULL');
    });
    const [a, b] = await Promise.all([firstAnswer, retry]);
    expect(a.status).toBe(201);
    expect(b).toMatchObject({ status: 201, body: a.body, replayed: true });
  });

  test('a ticket made after the key already answered "sold out" is undone, so the one answer stays true', async () => {
    const first = heldWork(201, { ticketId: 9, seatsLeft: 0 });
    const undone: unknown[] = [];
    const firstAnswer = store().once('test', 'slow-3', input, first.work, async (body) => {
      undone.push(body);
    });
    await first.running;
    await ageReservation('slow-3');
    const retry = await store().once('test', 'slow-3', input, async () => {
      throw new MarqueeError('HOUSEFULL');
    });
    expect(retry.status).toBe(409);
    first.finish();
    const late = await firstAnswer;
    expect(late).toMatchObject({ status: 409, body: retry.body, replayed: true });
    expect(undone).toEqual([{ ticketId: 9, seatsLeft: 0 }]);
  });

  test('a reservation released meanwhile by a failed attempt is put back with the answer', async () => {
    const first = heldWork(201, { ticketId: 11, seatsLeft: 3 });
    const firstAnswer = store().once('test', 'slow-4', input, first.work);
    await first.running;
    await h.database.db.exec("DELETE FROM idempotent_request WHERE idem_key = 'slow-4'");
    first.finish();
    expect((await firstAnswer).status).toBe(201);
    const replay = await store().once('test', 'slow-4', input, async () => ({ status: 500, body: {} }));
    expect(replay).toMatchObject({ status: 201, replayed: true, body: JSON.stringify({ ticketId: 11, seatsLeft: 3 }) });
  });
});
