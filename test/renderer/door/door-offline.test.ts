// The door without the box office, against an in-memory one: a scan whose answer is lost is
// sent again under the same scanId; unreachable, the door admits from its snapshot (a party
// once, a second scan refused locally, a code it does not know refused), journals each
// admission and sends the journal once, in order, when the box office answers again.
import { pbkdf2Sync } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { OperationInput, OperationOutput } from '../../../main/common/operations';
import { formatTicketCode, ticketCodeFromBits } from '../../../main/common/ticket-code';
import { memoryVault } from '../../../renderer/src/door/lib/vault';
import { createDoorStore, type DoorStore } from '../../../renderer/src/door/store/door-store';
import { FakeDeviceTransport } from '../shared/fake-device-transport';
import { showTimeIn } from '../shared/shows';
import { ONE_GUEST } from './checkin-fixture';

const stores: DoorStore[] = [];
afterEach(() => {
  for (const store of stores.splice(0)) store.getState().dispose();
});

const SALT = 'test-salt';
const ITERATIONS = 1000;
const codes = [1n, 2n, 3n].map((n) => formatTicketCode(ticketCodeFromBits(4242n + n)));
const plain = (code: string) => code.replaceAll('-', '');
const hashOf = (code: string) => pbkdf2Sync(plain(code), SALT, ITERATIONS, 32, 'sha256').toString('hex');

function snapshot(): OperationOutput<'doorSnapshot'> {
  const party = (i: number, userName: string, seats: number) => ({
    codeHash: hashOf(codes[i]!), ticketId: 100 + i, userName, seats, admitted: 0,
    items: [{ ticketTypeId: 1, name: 'Standard', count: seats, unitPrice: 0 }], total: 0, paid: true, amountDue: 0,
  });
  return {
    version: '1.1', generatedAt: showTimeIn(0), hoursAhead: 3, screenIds: null, admitsUnpaid: false, currency: 'USD',
    hash: { algorithm: 'PBKDF2-SHA256', salt: SALT, iterations: ITERATIONS },
    shows: [{
      showId: 1, showTime: showTimeIn(20), title: 'The Night Door', screenId: 1, screenName: 'Screen 1',
      opensAt: showTimeIn(-40), closesAt: showTimeIn(140), cancelledAt: null,
      tickets: [party(0, 'Ana Lima', 4), party(1, 'Bo Chen', 1)],
    }],
  };
}

async function pairedDoor(transport: FakeDeviceTransport) {
  transport.override('doorSnapshot', () => ({ ok: true, value: snapshot() }));
  const vault = memoryVault();
  const store = createDoorStore({ transport, vault, pollMs: 60_000, snapshotEveryMs: 60_000 });
  stores.push(store);
  await store.getState().init();
  await store.getState().refreshSnapshot();
  return { store, vault };
}

describe('door: a lost answer and an outage', () => {
  it('the same code scanned again after a lost answer resends its scanId; another scan gets a new one', async () => {
    const transport = new FakeDeviceTransport('door-token');
    const { store } = await pairedDoor(transport);
    transport.override('checkIn', () => transport.fail('DB_UNAVAILABLE'));
    await store.getState().submit(codes[2]!, 'wedge'); // not in the snapshot: refused locally
    transport.override('checkIn', (input) => ({
      ok: true,
      value: { ...ONE_GUEST, ticketId: 7, ticketCode: input.ticketCode ?? '', userName: 'Cy', showId: 1, showTime: showTimeIn(20), title: null, screenName: 'Screen 1', checkedInAt: showTimeIn(0), checkedInBy: 'door' },
    }));
    await store.getState().submit(codes[2]!, 'wedge');
    await store.getState().submit(codes[2]!, 'wedge');
    const scans = transport.callsOf('checkIn').map((c) => (c.input as OperationInput<'checkIn'>).scanId);
    expect(scans[0]).toBe(scans[1]);
    expect(scans[2]).not.toBe(scans[1]);
  });

  it('offline: admits a party from the snapshot once, refuses it a second time and an unknown code, then syncs the journal once, in order', async () => {
    const transport = new FakeDeviceTransport('door-token');
    const { store, vault } = await pairedDoor(transport);
    expect(store.getState().snapshotTickets).toBe(2);
    transport.down = true;

    await store.getState().submit(codes[0]!, 'wedge');
    expect(store.getState().verdict).toMatchObject({ kind: 'ok', offline: true, checkIn: { userName: 'Ana Lima', seats: 4, admittedNow: 4 } });
    expect(store.getState().offline).toBe(true);
    await store.getState().submit(codes[1]!, 'wedge');
    expect(store.getState().verdict).toMatchObject({ kind: 'ok', offline: true, checkIn: { userName: 'Bo Chen' } });
    await store.getState().submit(codes[0]!, 'wedge');
    expect(store.getState().verdict).toMatchObject({ kind: 'refused', reason: 'already', offline: true });
    await store.getState().submit(codes[2]!, 'wedge');
    expect(store.getState().verdict).toMatchObject({ kind: 'refused', reason: 'notInSnapshot', offline: true });
    expect(store.getState().journalPending).toBe(2);

    transport.down = false;
    const synced: Array<OperationInput<'checkIn'>> = [];
    transport.override('checkIn', (input) => {
      synced.push(input);
      return { ok: true, value: { ...ONE_GUEST, ticketId: 1, ticketCode: input.ticketCode ?? '', userName: 'x', showId: 1, showTime: showTimeIn(20), title: null, screenName: 'Screen 1', checkedInAt: showTimeIn(0), checkedInBy: 'door' } };
    });
    await Promise.all([store.getState().syncJournal(), store.getState().syncJournal()]);
    await store.getState().syncJournal();
    expect(synced.map((s) => [s.ticketCode, s.count, s.offline])).toEqual([[plain(codes[0]!), 4, { showId: 1 }], [plain(codes[1]!), 1, { showId: 1 }]]);
    expect(synced.every((s) => typeof s.scannedAt === 'string' && typeof s.scanId === 'string')).toBe(true);
    expect(store.getState().journalPending).toBe(0);
    expect((await vault.journal()).every((e) => e.syncedAt !== null)).toBe(true);
  });

  it('offline, an unpaid party is refused as at the box office ("to the counter"), unless the door admits unpaid parties', async () => {
    const unpaid = (admitsUnpaid: boolean): OperationOutput<'doorSnapshot'> => {
      const base = snapshot();
      const [ana, bo] = base.shows[0]!.tickets!;
      return {
        ...base, admitsUnpaid,
        shows: [{ ...base.shows[0]!, tickets: [{ ...ana!, items: [{ ticketTypeId: 2, name: 'Adult', count: 4, unitPrice: 950 }], total: 3800, paid: false, amountDue: 3800 }, bo!] }],
      };
    };
    for (const admitsUnpaid of [false, true]) {
      const transport = new FakeDeviceTransport('door-token');
      const { store } = await pairedDoor(transport);
      transport.override('doorSnapshot', () => ({ ok: true, value: unpaid(admitsUnpaid) }));
      await store.getState().refreshSnapshot();
      transport.down = true;
      await store.getState().submit(codes[0]!, 'wedge');
      if (admitsUnpaid) {
        expect(store.getState().verdict).toMatchObject({ kind: 'ok', offline: true, checkIn: { userName: 'Ana Lima', admittedNow: 4 } });
        expect(store.getState().journalPending).toBe(1);
      } else {
        expect(store.getState().verdict).toMatchObject({ kind: 'refused', reason: 'notPaid', offline: true, details: { amountDue: '3800', currency: 'USD' } });
        expect(store.getState().journalPending).toBe(0);
      }
      // A paid (here: free) party is admitted either way.
      await store.getState().submit(codes[1]!, 'wedge');
      expect(store.getState().verdict).toMatchObject({ kind: 'ok', offline: true, checkIn: { userName: 'Bo Chen' } });
    }
  });

  it('a guest who lost the code is found by name (accents and case ignored) and admitted by hand, offline too, sent by ticketId', async () => {
    const transport = new FakeDeviceTransport('door-token');
    const { store } = await pairedDoor(transport);
    store.getState().searchName('bó');
    expect(store.getState().nameMatches.map((m) => m.ticket.userName)).toEqual(['Bo Chen']);
    transport.down = true;
    await store.getState().admitByName(101);
    expect(store.getState().verdict).toMatchObject({ kind: 'ok', offline: true, checkIn: { userName: 'Bo Chen', admittedNow: 1 } });
    transport.down = false;
    const sent: Array<OperationInput<'checkIn'>> = [];
    transport.override('checkIn', (input) => {
      sent.push(input);
      return { ok: true, value: { ...ONE_GUEST, ticketId: 101, ticketCode: 'X', userName: 'Bo Chen', showId: 1, showTime: showTimeIn(20), title: null, screenName: 'Screen 1', checkedInAt: showTimeIn(0), checkedInBy: 'door' } };
    });
    await store.getState().syncJournal();
    expect(sent).toEqual([expect.objectContaining({ ticketId: 101, byName: true, count: 1, offline: { showId: 1 } })]);
    expect(sent[0]!.ticketCode).toBeUndefined();
  });
});
