// The door app's words in English. Functions take facts already formatted for the locale.
import { SHARED_WORDS } from '../../shared/i18n/locales';
import { pairProblemText } from '../../shared/i18n/pairing-words';
import type { PairProblem } from '../../shared/lib/pairing-code';

const words = SHARED_WORDS.en;

export interface Messages {
  title: string;
  pair: {
    heading: string;
    body: string;
    codeLabel: string;
    submitCode: string;
    tokenHeading: string;
    label: string;
    submit: string;
    problem(problem: PairProblem): string;
  };
  scan: {
    codeLabel: string;
    codeHint: string;
    submit: string;
    cameraStart: string;
    cameraStop: string;
    cameraUnavailable: string;
    cameraAim: string;
  };
  count: {
    label: string;
    /** "12 / 80 in" */
    figures(checkedIn: number, booked: number): string;
    noShow: string;
    doorsClosed(when: string): string;
  };
  today: {
    heading: string;
    doorsOpen: string;
    cancelled: string;
    /** Spoken: "12 of 80 checked in". */
    figuresLabel(checkedIn: number, booked: number): string;
  };
  ok: {
    heading: string;
    show(title: string, when: string): string;
    /** "4 guests: 2 Adult, 2 Child" (items already as "2 Adult"). */
    party(seats: number, items: string[]): string;
    /** Part of the party came in before: "2 of 4 were already in". */
    alreadyIn(before: number, seats: number): string;
    /** Admitted from the snapshot while the box office could not be reached. */
    offline: string;
    /** What the person at the door does, said last in the verdict's live region. */
    todo: string;
  };
  refused: {
    heading: string;
    /** What the person at the door does, said last in the verdict's live region. */
    todo: string;
    /** The heading instead of `heading` when the ticket was cancelled. */
    cancelledHeading: string;
    /** `day` is null for today. */
    cancelled(day: string | null, clock: string): string;
    cancelledUnknown: string;
    /** The theatre cancelled the ticket's screening, with the reason it gave. */
    screeningCancelled(reason: string | null): string;
    already(at: string, by: string): string;
    /** All of a party is in already. */
    partyIn(seats: number, at: string, by: string): string;
    /** Admitted offline by this door already. */
    alreadyHere(seats: number): string;
    wrongEntrance(screen: string, notes: string | null): string;
    /** Something is still to pay (`amount` formatted with its currency): the guest pays at the counter first. */
    notPaid(amount: string): string;
    /** The reservation was released before the show: it was not paid in time. */
    released: string;
    /** Offline, and the code is not in this door's list (sold after it was read, or another door's). */
    notInSnapshot(since: string | null): string;
    unknown: string;
    notOpen(opensAt: string): string;
    closed: string;
    invalid: string;
    offline: string;
    forbidden: string;
    error: string;
  };
  /** A guest who lost their code, found by name in this door's list. */
  byName: { heading: string; label: string; noList: string; none: string; party(seats: number, admitted: number): string; admit: string };
  /** The line under the count while the box office cannot be reached. */
  offline: { banner(pending: number): string; snapshot(at: string | null, tickets: number): string; synced(pending: number): string };
  next: string;
  /** The door's setting: a verdict stays until Next guest, or clears itself after some seconds. */
  verdictReset: { label: string; off: string; after(seconds: number): string };
  unpair: string;
}

export const en: Messages = {
  title: 'Door',
  pair: {
    heading: 'Pair this door',
    body: 'On the manager app, open Devices → Pair a device, choose Door, then type the 6-digit code here (or scan its QR code with this phone). Needed only once.',
    codeLabel: 'Pairing code',
    submitCode: 'Pair door',
    tokenHeading: 'Or paste a door token',
    label: 'Door token',
    submit: 'Pair with token',
    problem: (problem) => pairProblemText('en', 'door', problem, 'On the manager app, make a pairing code for a door.'),
  },
  scan: {
    codeLabel: 'Ticket code',
    codeHint: 'Scan a ticket, or type its code and press Enter.',
    submit: 'Check in',
    cameraStart: 'Use camera',
    cameraStop: 'Stop camera',
    cameraUnavailable: 'No camera here: use a scanner or type the code.',
    cameraAim: 'Hold the QR code in the frame',
  },
  count: {
    label: 'Checked in',
    figures: (checkedIn, booked) => `${checkedIn} / ${booked}`,
    noShow: 'No show today',
    doorsClosed: (when) => `Doors not open yet · ${when}`,
  },
  today: {
    heading: 'Today by screen',
    doorsOpen: 'Doors open',
    cancelled: 'Cancelled',
    figuresLabel: (checkedIn, booked) => `${checkedIn} of ${booked} checked in`,
  },
  ok: {
    heading: 'Welcome',
    show: (title, when) => `${title} · ${when}`,
    todo: 'Let the guest in.',
    party: (seats, items) => `${seats} ${seats === 1 ? 'guest' : 'guests'}${items.length > 0 ? `: ${items.join(', ')}` : ''}`,
    alreadyIn: (before, seats) => `${before} of ${seats} were already in`,
    offline: 'Offline: admitted from this door\'s list, sent when the box office answers.',
  },
  refused: {
    heading: 'Not admitted',
    todo: 'Do not let the guest in.',
    cancelledHeading: 'Cancelled',
    cancelled: words.ticketCancelled.at,
    cancelledUnknown: words.ticketCancelled.unknown,
    screeningCancelled: words.screeningCancelled,
    already: (at, by) => `Already checked in at ${at} by ${by}.`,
    partyIn: (seats, at, by) => `All ${seats} already in, the last at ${at} by ${by}.`,
    alreadyHere: (seats) => (seats === 1 ? 'Already let in at this door.' : `All ${seats} already let in at this door.`),
    wrongEntrance: (screen, notes) => `This ticket is for ${screen}${notes ? ` — ${notes}` : ''}.`,
    notPaid: (amount) => `Not paid: ${amount} — to the counter.`,
    released: 'Released: not paid in time. The seats went back on sale — to the counter.',
    notInSnapshot: (since) => `Offline, and this code is not in this door's list${since ? ` (read at ${since}: a ticket sold since cannot be checked)` : ''}. Call the box office.`,
    unknown: 'Unknown ticket: no ticket has this code.',
    notOpen: (opensAt) => `Too early: doors for this show open at ${opensAt}.`,
    closed: 'This ticket is for a show that has ended.',
    invalid: 'Not a Marquee ticket code. Scan again or check the code.',
    offline: 'The box office cannot be reached. Try again in a moment.',
    forbidden: 'This device may not check tickets in. Pair it with a door token.',
    error: 'Something went wrong. Try again.',
  },
  byName: {
    heading: 'Lost code? Find by name',
    label: 'Guest name',
    noList: "This door's list is not loaded yet.",
    none: 'No party by that name at this door today.',
    party: (seats, admitted) => `${seats} ${seats === 1 ? 'guest' : 'guests'}${admitted > 0 ? `, ${admitted} in` : ''}`,
    admit: 'Admit',
  },
  offline: {
    banner: (pending) => `Offline: admitting from this door's list${pending > 0 ? ` · ${pending} to send` : ''}`,
    snapshot: (at, tickets) => (at === null ? 'No offline list yet' : `Offline list: ${tickets} tickets, read at ${at}`),
    synced: (pending) => `${pending} offline admission${pending === 1 ? '' : 's'} waiting to be sent`,
  },
  next: 'Next guest',
  verdictReset: { label: 'Clear the answer', off: 'On Next guest only', after: (seconds) => `After ${seconds} seconds` },
  unpair: 'Unpair',
};
