// The manager's count of today's door conflicts (/checkin/conflicts) against the in-memory box
// office: read while the schedule shows today, again on the refresh cadence and after a seat
// update, not for another day of the week, and quietly absent on a server without the route.
import { afterEach, describe, expect, it } from 'vitest';
import { theatreToday } from '../../../renderer/src/manager/lib/week';
import { createManagerStore, type ManagerStore } from '../../../renderer/src/manager/store/manager-store';
import { doorConflict, FakeManagerTransport, makeShow, showTimeIn } from './fake-manager-transport';

async function until(check: () => boolean, ms = 2_000) {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > ms) throw new Error('condition not reached');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const stores: ManagerStore[] = [];

async function paired(transport: FakeManagerTransport, refreshEveryMs = 60_000): Promise<ManagerStore> {
  const store = createManagerStore({ transport, outageRetryMs: { min: 5, max: 10 }, rosterDebounceMs: 5, refreshEveryMs });
  stores.push(store);
  await store.getState().init();
  return store;
}

afterEach(() => {
  for (const store of stores.splice(0)) store.getState().dispose();
});

describe('door conflicts slice', () => {
  it('reads today’s conflicts when the schedule opens, and again after a seat update', async () => {
    const transport = new FakeManagerTransport([makeShow(1, showTimeIn(120), { title: 'Casablanca' })]);
    transport.doorConflicts = [doorConflict('s-1', 'Ana', { kind: 'already_in', otherDoor: 'Door 1', otherAt: '2030-03-04T19:18:00+01:00' })];
    const store = await paired(transport);
    await until(() => store.getState().doorConflicts !== null);
    // No day: the server's today is the theatre's.
    expect(transport.callsOf('checkinConflicts')[0]!.input).toEqual({});
    expect(store.getState().doorConflicts!.map((c) => c.scanId)).toEqual(['s-1']);

    // A second door's journal arrives; a cancel at the counter pokes the seat stream.
    transport.doorConflicts.push(doorConflict('s-2', 'Ben', { kind: 'cancelled', otherDoor: 'Counter', otherAt: '2030-03-04T19:10:00+01:00' }));
    const show = transport.shows[0]!;
    transport.pushSeats({ showId: 1, showTime: show.showTime, capacity: show.capacity, booked: show.booked, seatsLeft: show.seatsLeft });
    await until(() => store.getState().doorConflicts?.length === 2);
    expect(store.getState().notice).toBeNull();
  });

  it('re-reads on the refresh cadence while today shows, and not for another day of the week', async () => {
    const transport = new FakeManagerTransport([]);
    const store = await paired(transport, 20);
    await until(() => store.getState().doorConflicts !== null);
    expect(store.getState().doorConflicts).toEqual([]);

    // A door syncs with no seat update to tell: the next tick finds it.
    transport.doorConflicts.push(doorConflict('s-1', 'Ana', { kind: 'moved', otherDoor: 'Office', otherAt: null }));
    await until(() => store.getState().doorConflicts?.length === 1);

    const today = theatreToday(Date.now(), undefined);
    store.getState().setView('week');
    store.getState().setTimelineDay('2030-03-05');
    await sleep(30);
    const reads = transport.callsOf('checkinConflicts').length;
    await sleep(100);
    expect(transport.callsOf('checkinConflicts').length).toBe(reads);

    // Back to today: read at once.
    transport.doorConflicts = [];
    store.getState().setTimelineDay(today);
    expect(transport.callsOf('checkinConflicts').length).toBe(reads + 1);
    await until(() => store.getState().doorConflicts?.length === 0);
  });

  it('opening the list reads it afresh', async () => {
    const transport = new FakeManagerTransport([]);
    const store = await paired(transport);
    await until(() => store.getState().doorConflicts !== null);
    transport.doorConflicts.push(doorConflict('s-1', null, { kind: 'not_found', otherDoor: null, otherAt: null }));
    store.getState().openDoorConflicts();
    expect(store.getState().dialog).toEqual({ kind: 'doorConflicts' });
    await until(() => store.getState().doorConflicts?.length === 1);
  });

  it('a box office without the route shows no count and no notice', async () => {
    const transport = new FakeManagerTransport([]);
    transport.override('checkinConflicts', () => ({ ok: false, error: { code: 'NOT_FOUND', message: 'No such route.' } }));
    const store = await paired(transport);
    await until(() => transport.callsOf('checkinConflicts').length > 0);
    await sleep(10);
    expect(store.getState().doorConflicts).toBeNull();
    expect(store.getState().notice).toBeNull();
  });
});
