// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SeatUpdate } from '../../../main/common/schemas';
import { createHttpTransport, MANAGER_TOKEN_KEY, SEAT_STREAM_PATH, TOKEN_KEY } from '../../../renderer/src/shared/transport/http';
import { createSseParser, type SseEvent } from '../../../renderer/src/shared/transport/sse';

function memoryStorage(initial: Record<string, string> = {}) {
  const data = new Map(Object.entries(initial));
  return {
    getItem: (k: string) => data.get(k) ?? null,
    setItem: (k: string, v: string) => void data.set(k, v),
    removeItem: (k: string) => void data.delete(k),
    data,
  };
}

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

const unsubscribers: Array<() => void> = [];
afterEach(() => {
  for (const stop of unsubscribers.splice(0)) stop();
});

describe('http transport: operations', () => {
  it('POSTs the input to the operation path with the bearer token, and drops the legacy result sentence', async () => {
    const fetch = vi.fn(async () => json(201, { ticketId: 7, showTime: '2030-01-01T19:30:00+01:00', userName: 'Ana', seatsLeft: 3, result: 'Success - Ticket booked' }));
    const transport = createHttpTransport({ fetch, storage: memoryStorage({ [TOKEN_KEY]: 'tok' }) });
    const input = { userName: 'Ana', phoneNo: '600123456', showTime: '2030-01-01T19:30:00+01:00' };
    const result = await transport.call('book', input);
    expect(result).toEqual({ ok: true, value: { ticketId: 7, showTime: '2030-01-01T19:30:00+01:00', userName: 'Ana', seatsLeft: 3 } });
    const [path, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
    expect(path).toBe('/ticket/book');
    expect(init.method).toBe('POST');
    expect(init.headers).toMatchObject({ authorization: 'Bearer tok', 'content-type': 'application/json' });
    expect(JSON.parse(String(init.body))).toEqual(input);
  });

  it('passes arrays through (show list)', async () => {
    const transport = createHttpTransport({ fetch: async () => json(200, []), storage: memoryStorage({ [TOKEN_KEY]: 't' }) });
    expect(await transport.call('listShows', {})).toEqual({ ok: true, value: [] });
  });

  it('returns the error body of a failed call', async () => {
    const transport = createHttpTransport({
      fetch: async () => json(409, { error: { code: 'HOUSEFULL', message: 'Sold out.' } }),
      storage: memoryStorage({ [TOKEN_KEY]: 't' }),
    });
    expect(await transport.call('listShows', {})).toEqual({ ok: false, error: { code: 'HOUSEFULL', message: 'Sold out.' } });
  });

  it('hands on the Retry-After header as the refusal\'s retryAfter fact (how long a rate-limited device waits)', async () => {
    const limited = () =>
      new Response(JSON.stringify({ error: { code: 'RATE_LIMITED', message: 'Too many.' } }), {
        status: 429,
        headers: { 'content-type': 'application/json', 'retry-after': '540' },
      });
    const transport = createHttpTransport({ fetch: async () => limited(), storage: memoryStorage() });
    expect(await transport.call('redeemPairing', { code: '123456', expectRole: 'kiosk' })).toEqual({
      ok: false,
      error: { code: 'RATE_LIMITED', message: 'Too many.', details: { retryAfter: '540' } },
    });
  });

  it('keeps the field of INVALID_INPUT and maps an unreadable error to its status', async () => {
    const bodies = [json(400, { error: { code: 'INVALID_INPUT', message: 'bad', field: 'phoneNo' } }), new Response('<html>', { status: 503 })];
    const transport = createHttpTransport({ fetch: async () => bodies.shift()!, storage: memoryStorage({ [TOKEN_KEY]: 't' }) });
    expect(await transport.call('listShows', {})).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'phoneNo' } });
    expect(await transport.call('listShows', {})).toMatchObject({ ok: false, error: { code: 'DB_UNAVAILABLE' } });
  });

  it('forgets the token on 401 so the kiosk asks to be paired again', async () => {
    const storage = memoryStorage({ [TOKEN_KEY]: 'old' });
    const transport = createHttpTransport({ fetch: async () => json(401, { error: { code: 'UNAUTHENTICATED', message: 'no' } }), storage });
    expect(transport.pairing!.isPaired()).toBe(true);
    expect(await transport.call('listShows', {})).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(transport.pairing!.isPaired()).toBe(false);
    expect(storage.data.has(TOKEN_KEY)).toBe(false);
  });

  it('treats no answer at all as the box office being unreachable', async () => {
    const transport = createHttpTransport({
      fetch: async () => {
        throw new TypeError('Failed to fetch');
      },
      storage: memoryStorage({ [TOKEN_KEY]: 't' }),
    });
    expect(await transport.call('listShows', {})).toMatchObject({ ok: false, error: { code: 'DB_UNAVAILABLE' } });
  });

  it('stores the token when paired and keeps it across transports', () => {
    const storage = memoryStorage();
    createHttpTransport({ fetch: vi.fn(), storage }).pairing!.pair('  fresh  ');
    expect(storage.data.get(TOKEN_KEY)).toBe('fresh');
    expect(createHttpTransport({ fetch: vi.fn(), storage }).pairing!.isPaired()).toBe(true);
  });
});

describe('http transport: seat stream', () => {
  const update = (showId: number, seatsLeft: number): SeatUpdate => ({ showId, showTime: '2030-01-01T19:30:00Z', capacity: 20, booked: 20 - seatsLeft, seatsLeft });

  function streamOf(chunks: string[], keepOpen = false) {
    const encoder = new TextEncoder();
    return new ReadableStream<Uint8Array>({
      start(controller) {
        for (const chunk of chunks) controller.enqueue(encoder.encode(chunk));
        if (!keepOpen) controller.close();
      },
    });
  }

  it('reads seat events from an authorised fetch stream, across chunk boundaries, and reconnects after a drop', async () => {
    const a = `event: seats\ndata: ${JSON.stringify(update(1, 5))}\n\n`;
    const b = `: keep-alive\n\nevent: seats\r\ndata: ${JSON.stringify(update(2, 0))}\r\n\r\n`;
    const responses = [
      new Response(streamOf([a.slice(0, 17), a.slice(17), b.slice(0, 40), b.slice(40)]), { status: 200 }),
      new Response(streamOf([`event: seats\ndata: ${JSON.stringify(update(1, 4))}\n\n`], true), { status: 200 }),
    ];
    const fetch = vi.fn(async () => responses.shift() ?? new Response(streamOf([], true)));
    const transport = createHttpTransport({ fetch, storage: memoryStorage({ [TOKEN_KEY]: 'tok' }), streamRetryMs: { min: 5, max: 20 } });
    const seen: SeatUpdate[] = [];
    unsubscribers.push(transport.onSeats((u) => seen.push(u)));

    await vi.waitFor(() => expect(seen).toHaveLength(3));
    expect(seen.map((u) => [u.showId, u.seatsLeft])).toEqual([
      [1, 5],
      [2, 0],
      [1, 4],
    ]);
    const [path, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
    expect(path).toBe(SEAT_STREAM_PATH);
    expect(init.headers).toMatchObject({ authorization: 'Bearer tok', accept: 'text/event-stream' });
  });

  it('backs off while the stream is refused and stops when unsubscribed', async () => {
    const fetch = vi.fn(async () => new Response('', { status: 503 }));
    const transport = createHttpTransport({ fetch, storage: memoryStorage({ [TOKEN_KEY]: 't' }), streamRetryMs: { min: 5, max: 10 } });
    const stop = transport.onSeats(() => undefined);
    await vi.waitFor(() => expect(fetch.mock.calls.length).toBeGreaterThanOrEqual(3));
    stop();
    const count = fetch.mock.calls.length;
    await new Promise((r) => setTimeout(r, 50));
    expect(fetch.mock.calls.length).toBe(count);
  });
});

describe('SSE parser', () => {
  it('handles multi-line data, comments, default event names and split line breaks', () => {
    const events: SseEvent[] = [];
    const push = createSseParser((e) => events.push(e));
    push('data: one\ndata: two\n\n: comment\n\nevent: seats\r');
    push('\ndata:{"x":1}\r\n\r\n');
    expect(events).toEqual([
      { event: 'message', data: 'one\ntwo' },
      { event: 'seats', data: '{"x":1}' },
    ]);
  });
});

describe('http transport: pairing', () => {
  it('keeps the manager pairing apart from the kiosk pairing in the same browser', async () => {
    const storage = memoryStorage({ [TOKEN_KEY]: 'kiosk-token' });
    const fetch = vi.fn(async () => json(200, []));
    const manager = createHttpTransport({ fetch, storage, tokenKey: MANAGER_TOKEN_KEY });
    expect(manager.pairing?.isPaired()).toBe(false);
    manager.pairing?.pair('manager-token');
    await manager.call('listShows', {});
    const [, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
    expect(init.headers).toMatchObject({ authorization: 'Bearer manager-token' });
    expect(storage.data.get(TOKEN_KEY)).toBe('kiosk-token');
  });
});
