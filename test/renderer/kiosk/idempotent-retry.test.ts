// The web kiosk against the real listener and database: a booking whose answer is lost on
// the way back (the server booked, the browser saw a network failure) is confirmed again by
// the guest, and the retry carries the same Idempotency-Key, so it returns the same ticket.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { IDEMPOTENCY_HEADER } from '../../../main/common/operations';
import { createKioskStore } from '../../../renderer/src/kiosk/store/kiosk-store';
import { createHttpTransport } from '../../../renderer/src/shared/transport/http';
import { startHarness, type Harness } from '../../main/core/http/harness';
import { fillBooking } from './kiosk-steps';

let h: Harness;
beforeAll(async () => {
  // Plain HTTP on loopback, so Node's fetch needs no trust in the self-signed certificate.
  h = await startHarness({ httpPlain: true });
});
afterAll(async () => {
  await h?.close();
});

test('a retry after a lost answer yields the same ticket and books once', async () => {
  // The harness schedules the show (a kiosk books only into shows that exist).
  const showTime = await h.showTime(120);
  const token = await h.token('kiosk');
  const sentKeys: (string | null)[] = [];
  let loseNextBookingAnswer = true;
  const transport = createHttpTransport({
    storage: { getItem: () => token, setItem() {}, removeItem() {} },
    fetch: async (path, init) => {
      const response = await fetch(new URL(String(path), h.baseUrl), init);
      if (String(path) === '/ticket/book') {
        sentKeys.push(new Headers(init?.headers).get(IDEMPOTENCY_HEADER));
        if (loseNextBookingAnswer) {
          loseNextBookingAnswer = false;
          await response.arrayBuffer();
          throw new TypeError('network error: the answer never arrived');
        }
      }
      return response;
    },
  });
  const store = createKioskStore({ transport, outageRetryMs: { min: 20, max: 50 }, refreshEveryMs: 60_000 });
  try {
    await store.getState().init();
    await store.getState().refreshShows();
    const show = store.getState().shows.find((s) => Date.parse(s.showTime) === Date.parse(showTime)) ?? null;
    expect(show, 'the show is listed').not.toBeNull();
    await fillBooking(store, show!.showId, 'Lost Answer', '5550199001');

    await store.getState().confirmBooking();
    expect(store.getState().outage).toBe(true);
    expect(store.getState().screen).toBe('review');
    // The probe finds the box office again and asks the guest to confirm once more.
    await expect.poll(() => store.getState().notice?.kind, { timeout: 10_000 }).toBe('reconnected');

    await store.getState().confirmBooking();
    expect(store.getState().screen).toBe('ticket');
    const ticketId = store.getState().ticket!.ticketId;

    expect(sentKeys).toHaveLength(2);
    expect(sentKeys[0]).toMatch(/^[\x21-\x7e]{1,200}$/);
    expect(sentKeys[1]).toBe(sentKeys[0]);
    const rows = await h.database.db.rows(
      'SELECT t.ticket_id FROM ticket_record t JOIN show_record s ON s.show_id = t.show_id WHERE s.starts_at = ?',
      [new Date(showTime)],
    );
    expect(rows.map((r) => Number(r.ticket_id))).toEqual([ticketId]);

    // A new booking gets a new key.
    store.getState().startOver();
    await fillBooking(store, show!.showId, 'Second Guest', '5550199002');
    await store.getState().confirmBooking();
    expect(sentKeys).toHaveLength(3);
    expect(sentKeys[2]).not.toBe(sentKeys[0]);
  } finally {
    store.getState().dispose();
  }
});
