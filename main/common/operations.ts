// The operation table: every fact about each operation — its REST route, allowed roles, the
// original API's `result` sentence, what it changes and whether it takes an Idempotency-Key —
// with its schemas in schemas.ts and its handler in core/operations/index.ts. REST routes, IPC
// channels, the preload bridge, the OpenAPI document, both renderer transports, the seat
// stream's prompt pokes and the read caches' ends are all derived from this table: adding an
// operation is one row here, its schemas and one handler (docs/ARCHITECTURE.md).
import type { z } from 'zod';
import type { inputs, outputs } from './schemas';

import type { Role } from './roles';

export { ROLES, type Role } from './roles';

/** Who performs an operation: the audit trail records `label`. */
export interface Actor {
  role: Role;
  label: string;
  /** The device token behind a LAN request; absent inside the desktop app. */
  tokenId?: number;
}

/**
 * What a successful call changes, as far as other callers can see it:
 * - 'seats': seats sold or freed, shows added, changed or gone. Kiosks are told at once through
 *   the seat stream, and answers the read caches keep (show lists, rosters) are not served again;
 * - 'tickets': a ticket but not its seat (a check-in or its undo: rosters and the door's
 *   counts show it, the seat stream does not). The read caches' answers end;
 * - 'program': screens or films (names, seats of a screen, runtimes, posters). Show lists name
 *   them, so the read caches' answers end; no seat count changes, so the seat stream is not told;
 * - 'devices': device tokens or pairing codes only. No kept answer and no seat count shows them;
 * - 'nothing': it only reads, or writes a record only a report reads (a cash-up close).
 */
export type Change = 'seats' | 'tickets' | 'program' | 'devices' | 'nothing';

interface OperationSpec {
  path: string;
  roles: readonly Role[];
  summary: string;
  /** HTTP status on success. */
  status: 200 | 201;
  /**
   * The status of a successful call whose input says `dryRun: true`: it only previewed, made
   * nothing (successStatus).
   */
  dryRunStatus?: 200;
  /** The original API's sentence, kept for old clients. */
  result?: string;
  /**
   * Answered without a device token (roles is then empty): only redeeming a pairing code,
   * which is how a device gets its token in the first place. Guarded by its own guess limit.
   */
  public?: true;
  changes: Change;
  /**
   * Takes an Idempotency-Key over REST: the same request sent again gets the first answer
   * (core/http/idempotency.ts). Only for an operation that makes a ticket: a stored refusal
   * that outlives a ticket made meanwhile is undone by cancelling it (routes.ts).
   */
  idempotent: boolean;
  /** The largest request body the route reads, when more than the listener's 16 KiB (a poster). */
  bodyLimitBytes?: number;
}

export const OPERATIONS = {
  book: {
    path: '/ticket/book',
    roles: ['kiosk', 'manager'],
    summary: 'Book a ticket for a guest (found by name and phone, or created)',
    status: 201,
    result: 'Success - Ticket booked',
    changes: 'seats',
    idempotent: true,
  },
  move: {
    path: '/ticket/update/time',
    roles: ['kiosk', 'manager'],
    summary: "Move a ticket to another show time (the kiosk role must give the ticket's code)",
    status: 200,
    result: 'Success - Ticket time updated',
    changes: 'seats',
    idempotent: false,
  },
  cancel: {
    path: '/ticket/delete',
    roles: ['kiosk', 'manager'],
    summary: "Cancel a ticket (the kiosk role must give the ticket's code)",
    status: 200,
    result: 'Success - Ticket deleted',
    changes: 'seats',
    idempotent: false,
  },
  listByShowTime: {
    path: '/ticket/view/time',
    roles: ['viewer', 'manager'],
    summary: 'All tickets of one show time (phones masked for the viewer role)',
    status: 200,
    changes: 'nothing',
    idempotent: false,
  },
  lookupTicket: {
    path: '/ticket/view/user',
    roles: ['kiosk', 'counter', 'manager'],
    summary: "Look up a ticket and its guest by the ticket's code or number, unless expired (the kiosk role must give the code)",
    status: 200,
    changes: 'nothing',
    idempotent: false,
  },
  ticketHistory: {
    path: '/ticket/history',
    roles: ['manager'],
    summary: 'The audit trail of one ticket',
    status: 200,
    changes: 'nothing',
    idempotent: false,
  },
  listShows: {
    path: '/show/list',
    roles: ['kiosk', 'viewer', 'counter', 'manager'],
    summary: 'Upcoming shows with seats left',
    status: 200,
    changes: 'nothing',
    idempotent: false,
  },
  createShow: {
    path: '/show/create',
    roles: ['manager'],
    summary: 'Create a show on a screen (default the first), optionally of a film (409 SHOW_EXISTS if the screen starts one then: use /show/update; 409 SCREEN_BUSY if it overlaps another show there)',
    status: 201,
    changes: 'seats',
    idempotent: false,
  },
  updateShow: {
    path: '/show/update',
    roles: ['manager'],
    summary: 'Change the title or capacity of a show, named by showId or showTime (capacity never below the seats sold)',
    status: 200,
    changes: 'seats',
    idempotent: false,
  },
  deleteShow: {
    path: '/show/delete',
    roles: ['manager'],
    summary: 'Delete a show that has no tickets',
    status: 200,
    changes: 'seats',
    idempotent: false,
  },
  searchTickets: {
    path: '/ticket/search',
    roles: ['viewer', 'counter', 'manager'],
    summary: 'Find tickets of upcoming and recent shows by a part of the guest name, by phone digits or by code (phone and code: counter and manager)',
    status: 200,
    changes: 'nothing',
    idempotent: false,
  },
  salesReport: {
    path: '/report/sales',
    roles: ['manager'],
    summary: 'Sales and occupancy per day and per show, from the audit trail',
    status: 200,
    changes: 'nothing',
    idempotent: false,
  },
  serverStatus: {
    path: '/server/status',
    roles: ['manager'],
    summary: 'Database, last expiry sweep, listener address and TLS fingerprint',
    status: 200,
    changes: 'nothing',
    idempotent: false,
  },
  listTokens: {
    path: '/token/list',
    roles: ['manager'],
    summary: 'Device tokens (never the secrets)',
    status: 200,
    changes: 'nothing',
    idempotent: false,
  },
  createToken: {
    path: '/token/create',
    roles: ['manager'],
    summary: 'Make a device token; the secret is in this answer only',
    status: 201,
    changes: 'devices',
    idempotent: false,
  },
  revokeToken: {
    path: '/token/revoke',
    roles: ['manager'],
    summary: 'Revoke a device token; it is refused from its next request on',
    status: 200,
    changes: 'devices',
    idempotent: false,
  },
  checkIn: {
    path: '/ticket/checkin',
    roles: ['door', 'counter', 'manager'],
    summary: 'Admit a party by its code (all of it, or `count` now and the rest later) while its doors are open; a scanId makes a retried scan answer the same',
    status: 200,
    result: 'Success - Ticket checked in',
    changes: 'tickets',
    idempotent: false,
  },
  undoCheckIn: {
    path: '/ticket/checkin/undo',
    roles: ['manager'],
    summary: 'Undo a check-in (the guest may enter again)',
    status: 200,
    result: 'Success - Check-in undone',
    changes: 'tickets',
    idempotent: false,
  },
  doorShows: {
    path: '/door/shows',
    roles: ['door', 'counter', 'manager'],
    summary: "Today's shows with booked and checked-in counts",
    status: 200,
    changes: 'nothing',
    idempotent: false,
  },
  doorSnapshot: {
    path: '/door/snapshot',
    roles: ['door'],
    summary: "The parties of the shows whose doors are open or open within MARQUEE_DOOR_SNAPSHOT_HOURS at this door's screens, codes hashed: what the door admits from while offline",
    status: 200,
    changes: 'nothing',
    idempotent: false,
  },
  checkinConflicts: {
    path: '/checkin/conflicts',
    roles: ['manager'],
    summary: 'Admissions made offline that collided with another door, a cancellation or a move: both doors, both times, the guest',
    status: 200,
    changes: 'nothing',
    idempotent: false,
  },
  updateToken: {
    path: '/token/update',
    roles: ['manager'],
    summary: "Scope a door device to screens (its entrance): another screen's ticket is 409 WRONG_ENTRANCE; [] admits every screen",
    status: 200,
    changes: 'devices',
    idempotent: false,
  },
  deviceSelf: {
    path: '/device/self',
    roles: ['kiosk', 'door', 'viewer', 'counter', 'manager'],
    summary: "The calling device's own role and label (a kiosk page checks it was given a kiosk token)",
    status: 200,
    changes: 'nothing',
    idempotent: false,
  },
  createPairing: {
    path: '/pairing/create',
    roles: ['manager'],
    summary: 'A one-time 6-digit code (valid 10 minutes) that gives a device a token of a non-manager role',
    status: 201,
    changes: 'devices',
    idempotent: false,
  },
  redeemPairing: {
    path: '/pairing/redeem',
    roles: [],
    public: true,
    summary: 'Trade a pairing code for a device token (no token needed; wrong guesses are limited)',
    status: 201,
    changes: 'devices',
    idempotent: false,
  },
  createScreen: {
    path: '/screen/create',
    roles: ['manager'],
    summary: 'Add a screen (auditorium) with its seats, the default capacity of its shows',
    changes: 'program',
    idempotent: false,
    status: 201,
  },
  listScreens: {
    path: '/screen/list',
    roles: ['kiosk', 'viewer', 'door', 'counter', 'manager'],
    summary: 'The screens in use, first screen first (it takes shows made without naming a screen)',
    changes: 'nothing',
    idempotent: false,
    status: 200,
  },
  updateScreen: {
    path: '/screen/update',
    roles: ['manager'],
    summary: "Rename a screen, change its seats (shows already made keep theirs) or its notes",
    changes: 'program',
    idempotent: false,
    status: 200,
  },
  deleteScreen: {
    path: '/screen/delete',
    roles: ['manager'],
    summary: 'Remove a screen with no shows to come (409 SCREEN_HAS_SHOWS); one with past shows is retired, keeping them',
    changes: 'program',
    idempotent: false,
    status: 200,
  },
  createFilm: {
    path: '/film/create',
    roles: ['manager'],
    summary: 'Add a film: title, runtime in minutes, rating and description',
    changes: 'program',
    idempotent: false,
    status: 201,
  },
  listFilms: {
    path: '/film/list',
    roles: ['kiosk', 'viewer', 'door', 'counter', 'manager'],
    summary: 'The films, by title, each with its poster URL',
    changes: 'nothing',
    idempotent: false,
    status: 200,
  },
  updateFilm: {
    path: '/film/update',
    roles: ['manager'],
    summary: "Change a film; a new runtime must fit every show of it still to come (409 SCREEN_BUSY otherwise)",
    changes: 'program',
    idempotent: false,
    status: 200,
  },
  setFilmPoster: {
    path: '/film/poster',
    roles: ['manager'],
    summary: 'Set a film\'s poster (JPEG, PNG or WebP up to 2 MB, as base64 in the JSON body) or remove it (image: null)',
    changes: 'program',
    idempotent: false,
    status: 200,
    bodyLimitBytes: 3 * 1024 * 1024,
  },
  scheduleShows: {
    path: '/show/schedule',
    roles: ['manager'],
    summary: 'Make a film\'s shows on screens, days and times in one step, all or none (409 SCREEN_BUSY listing every clash; dryRun: a preview, 200)',
    changes: 'seats',
    idempotent: false,
    status: 201,
    dryRunStatus: 200,
  },
  rescheduleShow: {
    path: '/show/reschedule',
    roles: ['manager'],
    summary: 'Move a show to another time or screen; its tickets follow, each audited (409 CAPACITY_BELOW_SOLD, SCREEN_BUSY, SHOW_IN_PAST)',
    changes: 'seats',
    idempotent: false,
    status: 200,
  },
  cancelShow: {
    path: '/show/cancel',
    roles: ['manager'],
    summary: 'Cancel a screening: every ticket cancelled with the reason, the show kept as cancelled; answers the call list',
    changes: 'seats',
    idempotent: false,
    status: 200,
  },
  filmReport: {
    path: '/report/films',
    roles: ['manager'],
    summary: 'Distributor report: shows, admissions and check-ins per film and week, and per film in total',
    changes: 'nothing',
    idempotent: false,
    status: 200,
  },  sell: {
    path: '/counter/sell',
    roles: ['counter', 'manager'],
    summary: 'Sell a party at the counter and take its payment in one step (cash with change, card, or comp by a manager)',
    status: 201,
    changes: 'seats',
    idempotent: true,
  },
  payTicket: {
    path: '/ticket/pay',
    roles: ['counter', 'manager'],
    summary: 'Take the payment of a reservation: exactly the amount due',
    status: 200,
    changes: 'tickets',
    idempotent: true,
  },
  refundTicket: {
    path: '/ticket/refund',
    roles: ['counter', 'manager'],
    summary: "Give money back on a ticket, never more than was paid (a counter: its own sales of the day)",
    status: 200,
    changes: 'tickets',
    idempotent: true,
  },
  cashUp: {
    path: '/report/cashup',
    roles: ['counter', 'manager'],
    summary: "A day's cash, card and comp per device (a counter sees its own)",
    status: 200,
    changes: 'nothing',
    idempotent: false,
  },
  closeCashUp: {
    path: '/cashup/close',
    roles: ['counter', 'manager'],
    summary: "Record a drawer's counted cash for a day and the difference from what was expected; once per day and device (a counter: its own)",
    status: 201,
    // Its record is read only by the cash-up: no kept answer and no seat count shows it.
    changes: 'nothing',
    // Once per day and device in the database: a repeat answers the first close (the same count) or CASHUP_CLOSED.
    idempotent: false,
  },
  listTicketTypes: {
    path: '/ticket-type/list',
    roles: ['kiosk', 'viewer', 'door', 'counter', 'manager'],
    summary: 'The ticket types (adult, child, …) with their prices, in display order',
    status: 200,
    changes: 'nothing',
    idempotent: false,
  },
  createTicketType: {
    path: '/ticket-type/create',
    roles: ['manager'],
    summary: 'Add a ticket type with its price and an optional quota per show',
    status: 201,
    changes: 'program',
    idempotent: false,
  },
  updateTicketType: {
    path: '/ticket-type/update',
    roles: ['manager'],
    summary: "Rename, reprice, reorder, deactivate a ticket type, or make it the default (seats sold keep their price)",
    status: 200,
    changes: 'program',
    idempotent: false,
  },
  deleteTicketType: {
    path: '/ticket-type/delete',
    roles: ['manager'],
    summary: 'Delete a ticket type no ticket was ever sold of (else deactivate it)',
    status: 200,
    changes: 'program',
    idempotent: false,
  },
  showTicketTypes: {
    path: '/show/ticket-types',
    roles: ['kiosk', 'viewer', 'counter', 'manager'],
    summary: "The ticket types one show sells: each at the show's price, with the seats of it left",
    status: 200,
    changes: 'nothing',
    idempotent: false,
  },

} as const satisfies Record<keyof typeof inputs, OperationSpec>;

export type OperationName = keyof typeof OPERATIONS;
export const OPERATION_NAMES = Object.keys(OPERATIONS) as OperationName[];

export type OperationInput<K extends OperationName> = z.input<(typeof inputs)[K]>;
export type ParsedInput<K extends OperationName> = z.output<(typeof inputs)[K]>;
export type OperationOutput<K extends OperationName> = z.output<(typeof outputs)[K]>;

/** The HTTP status of a successful call: a dry run (input `dryRun: true`) answers its own. */
export function successStatus(name: OperationName, input: unknown): number {
  const spec = OPERATIONS[name] as OperationSpec;
  const dryRun = input !== null && typeof input === 'object' && (input as { dryRun?: unknown }).dryRun === true;
  return dryRun && spec.dryRunStatus !== undefined ? spec.dryRunStatus : spec.status;
}

export function isPublic(name: OperationName): boolean {
  return (OPERATIONS[name] as OperationSpec).public === true;
}

export function mayRun(role: Role, name: OperationName): boolean {
  return isPublic(name) || (OPERATIONS[name].roles as readonly Role[]).includes(role);
}

/** Kiosks must hear of it at once: the seat stream polls right after it (app.ts). */
export function changesSeats(name: OperationName): boolean {
  return OPERATIONS[name].changes === 'seats';
}

/** Answers kept by the read caches (show lists, rosters: read-caches.ts) may no longer be true after it. */
export function changesKeptAnswers(name: OperationName): boolean {
  const { changes } = OPERATIONS[name] as OperationSpec;
  return changes === 'seats' || changes === 'tickets' || changes === 'program';
}

/** The operations that take an Idempotency-Key (`book`, and the counter's money); the compiler holds their output to carry a ticketId. */
export type IdempotentOperation = {
  [K in OperationName]: (typeof OPERATIONS)[K]['idempotent'] extends true ? K : never;
}[OperationName];

export function isIdempotent(name: OperationName): name is IdempotentOperation {
  return OPERATIONS[name].idempotent;
}

/** IPC channel of an operation: one place, used by the shell and the preload. */
export const ipcChannel = (name: OperationName): string => `marquee:op:${name}`;
export const SEAT_UPDATE_CHANNEL = 'marquee:seats';

/**
 * The header a device sends with `book` so that tapping again after a lost answer returns the
 * first ticket instead of booking a second one (the REST listener honours it).
 */
export const IDEMPOTENCY_HEADER = 'idempotency-key';

/** Per-call extras a transport may carry; IPC needs none of them. */
export interface CallOptions {
  /** Sent as IDEMPOTENCY_HEADER; reuse it when repeating the same booking. */
  idempotencyKey?: string;
  /** Give up waiting after this long (HTTPS): a door falls back to its snapshot rather than keep a guest waiting. */
  timeoutMs?: number;
}
