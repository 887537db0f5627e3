// What the door admits from while it cannot reach the box office: the last snapshot of the
// parties of the shows about to open (/door/snapshot) and its own journal of admissions. Pure
// functions; the store keeps both in IndexedDB (vault.ts). A ticket sold after the last
// snapshot is unknown here: that is the one thing an offline door cannot know.
import type { OperationOutput } from '../../../../main/common/operations';
import type { CheckIn, SnapshotShow, SnapshotTicket } from '../../../../main/common/schemas';

export type SnapshotAnswer = OperationOutput<'doorSnapshot'>;
export type StoredShow = Omit<SnapshotShow, 'tickets'> & { tickets: SnapshotTicket[] };

export interface StoredSnapshot {
  version: string;
  /** The device's clock when it was asked for: journal entries synced after it are not in it yet. */
  fetchedAt: number;
  hash: SnapshotAnswer['hash'];
  /**
   * MARQUEE_DOOR_ADMITS_UNPAID, and the money's currency. Absent from a snapshot stored before
   * payments were recorded: its `paid` meant only "free", so such a snapshot admits as it did.
   */
  admitsUnpaid?: boolean;
  currency?: string;
  shows: StoredShow[];
}

/** One admission made offline, kept on the device until the server has it. */
export interface JournalEntry {
  scanId: string;
  /** null: found by name, admitted by hand (sent by ticketId). */
  ticketCode: string | null;
  ticketId: number;
  showId: number;
  count: number;
  /** ISO 8601 with offset, the device's clock. */
  scannedAt: string;
  /** Device time the server took it; null while waiting to be sent. */
  syncedAt: number | null;
  conflict: string | null;
}

/** The new snapshot over the old one, or null when `since` named shows this device no longer has. */
export function mergeSnapshot(previous: StoredSnapshot | null, answer: SnapshotAnswer, fetchedAt: number): StoredSnapshot | null {
  const shows: StoredShow[] = [];
  for (const show of answer.shows) {
    const tickets = show.tickets ?? previous?.shows.find((s) => s.showId === show.showId)?.tickets;
    if (tickets === undefined) return null;
    shows.push({ ...show, tickets });
  }
  return { version: answer.version, fetchedAt, hash: answer.hash, admitsUnpaid: answer.admitsUnpaid, currency: answer.currency, shows };
}

/** Guests this device admitted that the snapshot does not count yet. */
function admittedHere(journal: readonly JournalEntry[], ticketId: number, snapshot: StoredSnapshot): number {
  return journal
    .filter((e) => e.ticketId === ticketId && (e.syncedAt === null || e.syncedAt > snapshot.fetchedAt))
    .reduce((sum, e) => sum + e.count, 0);
}

export type OfflineRefusal = 'unknown' | 'already' | 'notOpen' | 'closed' | 'cancelled' | 'notPaid';

export type OfflineAdmission =
  | { kind: 'ok'; checkIn: CheckIn; entry: Omit<JournalEntry, 'scanId' | 'scannedAt' | 'syncedAt' | 'conflict'> }
  | { kind: 'refused'; reason: OfflineRefusal; details: Record<string, string> };

/** Finds the party by its hash and admits the rest of it, as marquee_checkin would, from what this door knows. */
export function admitOffline(
  snapshot: StoredSnapshot, journal: readonly JournalEntry[], codeHash: string, ticketCode: string, now: Date, door: string,
): OfflineAdmission {
  for (const show of snapshot.shows) {
    const ticket = show.tickets.find((t) => t.codeHash === codeHash);
    if (ticket) return admitParty(snapshot, journal, show, ticket, ticketCode, now, door);
  }
  return { kind: 'refused', reason: 'unknown', details: {} };
}

export function admitParty(
  snapshot: StoredSnapshot, journal: readonly JournalEntry[], show: StoredShow, ticket: SnapshotTicket, ticketCode: string | null, now: Date, door: string,
): OfflineAdmission {
  if (show.cancelledAt !== null) return { kind: 'refused', reason: 'cancelled', details: { cancelledAt: show.cancelledAt } };
  if (now.getTime() < Date.parse(show.opensAt)) return { kind: 'refused', reason: 'notOpen', details: { opensAt: show.opensAt, showTime: show.showTime } };
  if (now.getTime() > Date.parse(show.closesAt)) return { kind: 'refused', reason: 'closed', details: { showTime: show.showTime } };
  const before = Math.min(ticket.seats, ticket.admitted + admittedHere(journal, ticket.ticketId, snapshot));
  const count = ticket.seats - before;
  if (count <= 0) {
    return { kind: 'refused', reason: 'already', details: { seats: String(ticket.seats), admitted: String(before), checkedInBy: door } };
  }
  // As marquee_checkin refuses it online: something is still to pay, and this door does not admit unpaid parties.
  if (!ticket.paid && snapshot.admitsUnpaid === false) {
    return { kind: 'refused', reason: 'notPaid', details: { amountDue: String(ticket.amountDue), currency: snapshot.currency ?? '' } };
  }
  return {
    kind: 'ok',
    entry: { ticketCode, ticketId: ticket.ticketId, showId: show.showId, count },
    checkIn: {
      ticketId: ticket.ticketId,
      ticketCode: ticketCode ?? '',
      userName: ticket.userName,
      showId: show.showId,
      showTime: show.showTime,
      title: show.title,
      screenName: show.screenName,
      checkedInAt: now.toISOString(),
      checkedInBy: door,
      seats: ticket.seats,
      admitted: ticket.seats,
      admittedNow: count,
      items: ticket.items,
      conflict: null,
    },
  };
}

/** A guest who lost their code, by a part of the name (case and accents ignored). */
export function findByName(snapshot: StoredSnapshot, query: string): Array<{ show: StoredShow; ticket: SnapshotTicket }> {
  const fold = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  const wanted = fold(query.trim());
  if ([...wanted].length < 2) return [];
  return snapshot.shows
    .flatMap((show) => show.tickets.map((ticket) => ({ show, ticket })))
    .filter(({ ticket }) => fold(ticket.userName).includes(wanted))
    .slice(0, 20);
}
