// The operations' input and output schemas: the one definition used by the core, REST,
// IPC, the preload typing and the renderer. Runs anywhere.
import { z } from 'zod';
import { CAPACITY_MAX, filmId, PAIRING_CODE_DIGITS, phoneNo, positiveId, screenId, SHOW_LIST_DAYS, showId, showTime, ticketCode, ticketId, TITLE_MAX, TOKEN_LABEL_MAX, userName } from './fields';
import { PAIRABLE_ROLES, ROLES } from './roles';
import { type WallTime } from './time';

export * from './fields';

/**
 * Which show: its showId, or (the original API's way) its showTime, which must then name one
 * show (409 AMBIGUOUS_SHOW when several screens start at that time). showId wins when both come.
 */
const showRef = {
  showId: showId.optional(),
  showTime: showTime.optional().meta({ description: 'The show by its start (when it names one show); give showId instead where screens share a time' }),
};
const namesAShow = (v: { showId?: number | undefined; showTime?: WallTime | undefined }) => v.showId !== undefined || v.showTime !== undefined;
const NAMES_A_SHOW = { message: 'give a showId or a showTime', path: ['showTime'] };

/** Which ticket: its code (required for kiosk devices), or its number (manager). */
const ticketRef = {
  ticketId: ticketId.optional().meta({ description: 'Ticket number (manager); a kiosk must give ticketCode' }),
  ticketCode: ticketCode.optional(),
};

export const tokenRole = z.enum(ROLES, { error: `must be one of ${ROLES.join(', ')}` });
export const tokenLabel = z
  .string({ error: 'must be text' })
  .transform((s) => s.normalize('NFC').trim().replace(/\s+/gu, ' '))
  .refine((s) => s.length > 0 && s.length <= TOKEN_LABEL_MAX, { message: `must be 1 to ${TOKEN_LABEL_MAX} characters` })
  .refine((s) => !/[\p{Cc}\p{Cf}]/u.test(s), { message: 'must not contain control characters' })
  .meta({ description: "The device's name; it is the actor in the audit trail", example: 'lobby-kiosk-1' });

const title = z.string().trim().min(1).max(TITLE_MAX);
const capacity = z.number().int().min(1).max(CAPACITY_MAX);

/** Limits of screens and films; the manager's forms check them before asking. */
export const SCREEN_NAME_MAX = 60;
export const NOTES_MAX = 500;
export const RUNTIME_MAX_MINUTES = 900;
export const RATING_MAX = 20;
export const DESCRIPTION_MAX = 2000;
/** A poster's decoded size at most; JPEG, PNG or WebP (told by their first bytes). */
export const POSTER_MAX_BYTES = 2 * 1024 * 1024;

/** Free text in one line: NFC, trimmed, inner spaces collapsed, no control characters. */
const lineOfText = (max: number) =>
  z
    .string({ error: 'must be text' })
    .transform((s) => s.normalize('NFC').trim().replace(/\s+/gu, ' '))
    .refine((s) => s.length > 0 && [...s].length <= max, { message: `must be 1 to ${max} characters` })
    .refine((s) => !/[\p{Cc}\p{Cf}]/u.test(s), { message: 'must not contain control characters' });
/** Free text over several lines (notes, a film's description). */
const paragraphs = (max: number) =>
  z
    .string({ error: 'must be text' })
    .transform((s) => s.normalize('NFC').trim())
    .refine((s) => [...s].length <= max, { message: `must be at most ${max} characters` })
    .refine((s) => ![...s].some((c) => /[\p{Cc}\p{Cf}]/u.test(c) && !'\n\r\t'.includes(c)), { message: 'must not contain control characters' });

const screenName = lineOfText(SCREEN_NAME_MAX).meta({ description: 'Unique name of the screen', example: 'Screen 2' });
const screenNotes = paragraphs(NOTES_MAX).nullable().meta({ description: 'Notes for the staff (null clears them)', example: 'Wheelchair spaces in row A' });
const filmTitle = lineOfText(TITLE_MAX).meta({ example: 'Casablanca' });
const runtimeMinutes = z.number().int().min(1).max(RUNTIME_MAX_MINUTES).meta({ description: 'Running time in minutes', example: 102 });
const rating = lineOfText(RATING_MAX).nullable().meta({ description: 'Age rating as printed, free text (null clears it)', example: 'PG-13' });
const description = paragraphs(DESCRIPTION_MAX).nullable().meta({ description: 'Synopsis (null clears it)' });
/** A poster as base64 in the JSON body (the route admits a larger body than the others). */
const posterImage = z
  .string({ error: 'must be the image as base64' })
  .transform((s) => s.replace(/\s+/g, ''))
  .refine((s) => /^[A-Za-z0-9+/]*={0,2}$/.test(s) && s.length % 4 === 0 && s.length > 0, { message: 'must be the image as base64' })
  .meta({ description: 'The image file as base64: JPEG, PNG or WebP, 2 MB at most (null removes the poster)' });

export const pairableRole = z.enum(PAIRABLE_ROLES, { error: `must be one of ${PAIRABLE_ROLES.join(', ')} (a manager is never paired by code)` });

/** Six digits; spaces or a dash typed in the middle ("123 456") are ignored. */
export const pairingCode = z
  .string({ error: 'must be the 6-digit pairing code' })
  .transform((s) => s.replace(/[\s-]/g, ''))
  .refine((s) => new RegExp(`^\\d{${PAIRING_CODE_DIGITS}}$`).test(s), { message: 'must be the 6-digit pairing code' })
  .meta({ description: 'The one-time code the manager\'s Devices screen shows', example: '482913' });

/** A theatre-local calendar day. */
const calendarDay = z
  .string({ error: 'must be a date like 2026-12-24' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date like 2026-12-24' })
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), {
    message: 'must be a real calendar date',
  });

export const SEARCH_QUERY_MAX = 60;

/** Limits of one /show/schedule request: screens, times a day, and the shows it may make. */
export const SCHEDULE_SCREENS_MAX = 20;
export const SCHEDULE_TIMES_MAX = 12;
export const SCHEDULE_SHOWS_MAX = 400;
export const CANCEL_REASON_MAX = 200;

/** A theatre-local time of day, HH:MM (24 h). */
const clockTime = z
  .string({ error: 'must be a time like 19:30' })
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'must be a time like 19:30 (24 h)' })
  .meta({ example: '19:00' });

/** Ticket types and parties (issue 21). Money is integer minor units (cents) in the server's currency. */
export const TICKET_TYPE_NAME_MAX = 40;
/** The most seats one party may take whatever MARQUEE_MAX_PARTY says (the schema's hard limit). */
export const PARTY_SEATS_LIMIT = 100;
export const PRICE_MAX = 10_000_000;
/** MARQUEE_MAX_PARTY's default and MARQUEE_CURRENCY's (config.ts). */
export const DEFAULT_MAX_PARTY = 10;
export const DEFAULT_CURRENCY = 'USD';
export const ticketTypeId = positiveId('a ticket type number').meta({ description: 'The ticket type, as /ticket-type/list names it', example: 1 });
const price = z
  .number({ error: 'must be a price in minor units (cents), e.g. 950 for 9.50' })
  .int({ message: 'must be a whole number of minor units (cents), e.g. 950 for 9.50' })
  .min(0)
  .max(PRICE_MAX)
  .meta({ description: 'Price in minor units of the currency (cents)', example: 950 });
const ticketTypeName = lineOfText(TICKET_TYPE_NAME_MAX).meta({ description: 'Unique name, as guests see it', example: 'Adult' });
const quotaPerShow = z.number().int().min(1).max(CAPACITY_MAX).nullable()
  .meta({ description: 'At most this many seats of this type per show (null: no limit beyond the seats)', example: 2 });
const accessibleType = z.boolean()
  .meta({ description: 'A space for a guest with a disability (a wheelchair space): the kiosk offers it first, with the symbol of access' });
const heldForCounter = z.number().int().min(0).max(CAPACITY_MAX)
  .meta({ description: "Of the quota per show, this many are sold only by a counter or manager, never by a kiosk (0: none; at most quotaPerShow)", example: 1 });
/** One type's seats in a party; each type at most once per party. */
export const partyItems = z
  .array(z.object({ ticketTypeId, count: z.number().int().min(1).max(PARTY_SEATS_LIMIT).meta({ example: 2 }) }))
  .min(1)
  .max(20)
  .refine((items) => new Set(items.map((i) => i.ticketTypeId)).size === items.length, { message: 'name each ticketTypeId once' })
  .meta({ description: 'Seats by ticket type', example: [{ ticketTypeId: 1, count: 2 }, { ticketTypeId: 2, count: 2 }] });
const partySeats = z.number().int().min(1).max(PARTY_SEATS_LIMIT).meta({ description: 'N seats of the default type (instead of items)', example: 2 });
const showPrices = z
  .array(z.object({ ticketTypeId, price: price.nullable().meta({ description: "This show's price; null: the type's own price again" }) }))
  .max(50)
  .refine((items) => new Set(items.map((i) => i.ticketTypeId)).size === items.length, { message: 'name each ticketTypeId once' });

/** Money at the counter (issue 22). */
export const PAYMENT_METHODS = ['cash', 'card', 'comp'] as const;
const paymentMethod = z.enum(PAYMENT_METHODS, { error: `must be one of ${PAYMENT_METHODS.join(', ')}` });
const payment = z
  .object({
    method: paymentMethod.meta({ description: "cash (give change from tendered), card (an external terminal's reference), comp (free: a manager, with a reason)" }),
    amount: price.meta({ description: 'The amount due, in minor units (0 for comp)' }),
    tendered: price.optional().meta({ description: 'Cash handed over, at least the amount: the change is the difference' }),
    reference: lineOfText(60).optional().meta({ description: "The card terminal's receipt number" }),
    reason: lineOfText(200).optional().meta({ description: 'Why it is free (comp)' }),
  })
  .refine((p) => p.method !== 'cash' || p.tendered === undefined || p.tendered >= p.amount, { message: 'tendered must be at least the amount', path: ['tendered'] })
  .refine((p) => p.method !== 'comp' || p.reason !== undefined, { message: 'a comp needs a reason', path: ['reason'] });
/** A door's id for one scan, sent again with its retries: the same scan is answered once (sql/020). */
export const SCAN_ID_PATTERN = /^[A-Za-z0-9_-]{8,64}$/;
const scanId = z.string({ error: 'must be text' }).regex(SCAN_ID_PATTERN, { message: 'must be 8 to 64 letters, digits, - or _' }).optional()
  .meta({ description: 'The door\'s id for this scan (e.g. a UUID); a retry with the same id gets the same answer and admits nobody twice' });
/** An instant with its offset, as the door's clock read it. */
const isoInstant = z
  .string({ error: 'must be a date and time' })
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/, { message: 'must be ISO 8601 with an offset, e.g. 2026-12-24T19:58:03.120+01:00' })
  .transform((s, ctx) => {
    const at = new Date(s);
    if (Number.isNaN(at.getTime())) {
      ctx.addIssue({ code: 'custom', message: 'must be a real date and time' });
      return z.NEVER;
    }
    return at;
  });

const confirmPast = z.boolean().optional().meta({ description: 'Make the show even though its time has passed (else 409 SHOW_IN_PAST)' });

export const inputs = {
  book: z
    .object({ userName, phoneNo, ...showRef, items: partyItems.optional(), seats: partySeats.optional() })
    .refine(namesAShow, NAMES_A_SHOW)
    .refine((v) => v.items === undefined || v.seats === undefined, { message: 'give items or seats, not both', path: ['seats'] }),
  // phoneNo is still accepted from old clients and ignored: the ticket code is the proof now.
  move: z.object({ ...ticketRef, ...showRef, phoneNo: phoneNo.optional() }).refine(namesAShow, NAMES_A_SHOW),
  cancel: z.object({
    ...ticketRef,
    phoneNo: phoneNo.optional(),
    items: partyItems.optional().meta({ description: 'Give back only these seats of the party (default: the whole ticket)' }),
  }),
  listByShowTime: z.object(showRef).refine(namesAShow, NAMES_A_SHOW),
  lookupTicket: z.object({ ...ticketRef, phoneNo: phoneNo.optional() }),
  ticketHistory: z.object({ ticketId }),
  listShows: z.object({
    days: z.number().int().min(1).max(60).default(SHOW_LIST_DAYS).meta({ description: 'How many days ahead' }),
    includeExpired: z.boolean().default(false),
  }),
  createShow: z.object({
    showTime,
    screenId: screenId.optional().meta({ description: 'Default: the first screen' }),
    filmId: filmId.optional(),
    title: title.optional(),
    capacity: capacity.optional().meta({ description: "Default: the screen's seats" }),
    confirmPast,
  }),
  updateShow: z
    .object({
      ...showRef,
      title: title.nullable().optional().meta({ description: 'New title; null clears it' }),
      capacity: capacity.optional().meta({ description: 'New capacity; never below the seats sold' }),
      prices: showPrices.optional().meta({ description: "This show's own prices by ticket type (seats already sold keep theirs)" }),
    })
    .refine((v) => v.title !== undefined || v.capacity !== undefined || v.prices !== undefined, { message: 'give a title, capacity or prices to change', path: ['title'] })
    .refine(namesAShow, NAMES_A_SHOW),
  deleteShow: z.object(showRef).refine(namesAShow, NAMES_A_SHOW),
  searchTickets: z.object({
    query: z
      .string({ error: 'must be text' })
      .transform((s) => s.normalize('NFC').trim().replace(/\s+/gu, ' '))
      .refine((s) => [...s].length >= 2 && [...s].length <= SEARCH_QUERY_MAX, { message: `must be 2 to ${SEARCH_QUERY_MAX} characters` })
      .meta({ description: 'A part of the guest name (case and accents ignored) or phone digits in any formatting', example: 'munoz' }),
  }),
  salesReport: z.object({
    from: calendarDay.optional().meta({ description: 'First theatre-local day (default: 7 days ago)' }),
    to: calendarDay.optional().meta({ description: 'Last theatre-local day, included (default: 7 days ahead)' }),
  }),
  serverStatus: z.object({}),
  listTokens: z.object({}),
  createToken: z.object({ role: tokenRole, label: tokenLabel }),
  revokeToken: z.object({ tokenId: positiveId('a token number') }),
  checkIn: z
    .object({
      ticketCode: ticketCode.optional().meta({ description: 'What the door scanned or typed' }),
      ticketId: ticketId.optional().meta({ description: 'Instead of the code, with byName: a guest who lost it, found by name in the snapshot' }),
      byName: z.literal(true).optional().meta({ description: 'Admitted by hand, found by name: audited as such' }),
      count: z.number().int().min(1).max(PARTY_SEATS_LIMIT).optional()
        .meta({ description: 'Admit this many of the party now (default: all of it still outside)', example: 2 }),
      scanId,
      scannedAt: isoInstant.optional().meta({ description: "When the door scanned it, by the door's clock (a journal sent after an outage)" }),
      offline: z.object({ showId }).optional().meta({
        description: 'An admission the door already made from its snapshot while offline, for this show: it always counts; a collision is kept as a conflict',
      }),
    })
    .refine((v) => (v.ticketCode === undefined) !== (v.ticketId === undefined), { message: 'give a ticketCode, or a ticketId with byName', path: ['ticketCode'] })
    .refine((v) => v.ticketId === undefined || v.byName === true, { message: 'is required (a ticketId alone is admitted only by name, with byName: true)', path: ['ticketCode'] })
    .refine((v) => v.offline === undefined || (v.scanId !== undefined && v.scannedAt !== undefined), {
      message: 'an offline admission needs its scanId and scannedAt', path: ['scanId'],
    }),
  undoCheckIn: z.object(ticketRef),
  doorShows: z.object({}),
  doorSnapshot: z.object({
    since: z.string().max(4000).optional().meta({ description: "The previous snapshot's `version`: only what changed since (default: everything)" }),
  }),
  checkinConflicts: z.object({ day: calendarDay.optional().meta({ description: 'Theatre-local day of the scans (default: today)' }) }),
  updateToken: z.object({
    tokenId: positiveId('a token number'),
    screenIds: z.array(screenId).max(SCHEDULE_SCREENS_MAX).meta({ description: "The screens this door admits to (its entrance); [] admits every screen" }),
  }),
  deviceSelf: z.object({}),
  createPairing: z
    .object({
      role: pairableRole,
      label: tokenLabel,
      screenIds: z.array(screenId).max(SCHEDULE_SCREENS_MAX).optional().meta({ description: 'A door only: the screens it admits to (its entrance); default every screen' }),
    })
    .refine((v) => v.screenIds === undefined || v.screenIds.length === 0 || v.role === 'door', { message: 'only a door is scoped to screens', path: ['screenIds'] }),
  /** `expectRole`: the role the pairing page is for; a code of another role is refused (409 WRONG_ROLE) and stays valid. */
  redeemPairing: z.object({ code: pairingCode, expectRole: pairableRole.optional() }),
  createScreen: z.object({ name: screenName, capacity: capacity.meta({ description: 'Seats: the default capacity of its shows' }), notes: screenNotes.optional() }),
  listScreens: z.object({}),
  updateScreen: z
    .object({ screenId, name: screenName.optional(), capacity: capacity.optional().meta({ description: "New seats (shows already made keep theirs)" }), notes: screenNotes.optional() })
    .refine((v) => v.name !== undefined || v.capacity !== undefined || v.notes !== undefined, { message: 'give a name, capacity or notes to change', path: ['name'] }),
  deleteScreen: z.object({ screenId }),
  createFilm: z.object({ title: filmTitle, runtimeMinutes, rating: rating.optional(), description: description.optional() }),
  listFilms: z.object({}),
  updateFilm: z
    .object({ filmId, title: filmTitle.optional(), runtimeMinutes: runtimeMinutes.optional(), rating: rating.optional(), description: description.optional() })
    .refine((v) => v.title !== undefined || v.runtimeMinutes !== undefined || v.rating !== undefined || v.description !== undefined, {
      message: 'give a title, runtimeMinutes, rating or description to change', path: ['title'],
    }),
  setFilmPoster: z.object({ filmId, image: posterImage.nullable() }),
  scheduleShows: z
    .object({
      filmId,
      screenIds: z.array(screenId).min(1).max(SCHEDULE_SCREENS_MAX).meta({ description: 'Every show is made on each of these screens' }),
      from: calendarDay.meta({ description: 'First theatre-local day' }),
      to: calendarDay.meta({ description: 'Last theatre-local day, included' }),
      weekdays: z.array(z.number().int().min(1).max(7)).min(1).max(7).optional()
        .meta({ description: 'ISO weekdays to play on, 1 = Monday … 7 = Sunday (default: every day)', example: [5, 6, 7] }),
      times: z.array(clockTime).min(1).max(SCHEDULE_TIMES_MAX).meta({ description: 'Theatre-local start times, kept across a daylight-saving change', example: ['19:00', '21:30'] }),
      title: title.optional(),
      capacity: capacity.optional().meta({ description: "Default: each screen's seats" }),
      prices: showPrices.optional().meta({ description: 'Prices by ticket type for every show this makes ("Tuesday: adults 5.00")' }),
      confirmPast,
      dryRun: z.boolean().optional().meta({ description: 'Only preview: 200 with the shows it would make and the clashes, nothing written' }),
    })
    .refine((v) => v.to >= v.from, { message: 'must not be before from', path: ['to'] }),
  rescheduleShow: z.object({
    showId,
    showTime: showTime.meta({ description: 'The new start' }),
    screenId: screenId.optional().meta({ description: 'The new screen (default: the same)' }),
    confirmPast,
  }),
  cancelShow: z.object({
    showId,
    reason: lineOfText(CANCEL_REASON_MAX).meta({ description: "Why: kept on the show and on every ticket's audit row", example: 'Projector failure' }),
  }),
  listTicketTypes: z.object({ includeInactive: z.boolean().default(false).meta({ description: 'Also the types no longer on sale' }) }),
  createTicketType: z.object({
    name: ticketTypeName,
    price,
    quotaPerShow: quotaPerShow.optional(),
    sortOrder: z.number().int().min(-1000).max(1000).optional().meta({ description: 'Display order, lowest first (default: after the others)' }),
    accessible: accessibleType.optional(),
    heldForCounter: heldForCounter.optional(),
  }).refine((v) => !v.heldForCounter || (v.quotaPerShow != null && v.heldForCounter <= v.quotaPerShow), {
    message: 'must be at most quotaPerShow (a hold needs a quota to hold back from)', path: ['heldForCounter'],
  }),
  updateTicketType: z
    .object({
      ticketTypeId,
      name: ticketTypeName.optional(),
      price: price.optional(),
      quotaPerShow: quotaPerShow.optional(),
      active: z.boolean().optional().meta({ description: 'false: no longer on sale (tickets sold keep it)' }),
      sortOrder: z.number().int().min(-1000).max(1000).optional(),
      isDefault: z.literal(true).optional().meta({ description: 'Make this the type a booking without items takes' }),
      accessible: accessibleType.optional(),
      heldForCounter: heldForCounter.optional(),
    })
    .refine((v) => Object.keys(v).some((k) => k !== 'ticketTypeId'), { message: 'give something to change', path: ['name'] }),
  deleteTicketType: z.object({ ticketTypeId }),
  showTicketTypes: z.object({ showId }),
  sell: z.object({
    showId,
    items: partyItems,
    userName: userName.optional().meta({ description: 'Default: "Walk-in"' }),
    phoneNo: phoneNo.optional(),
    payment,
  }),
  payTicket: z.object({ ...ticketRef, payment }),
  refundTicket: z.object({
    ...ticketRef,
    amount: price.refine((n) => n > 0, { message: 'must be more than 0' }).optional().meta({ description: 'Minor units to give back, at most what was paid' }),
    items: partyItems.optional().meta({ description: 'Or whole seats: these seats of the party are given back (on sale again) with their money, in one step' }),
    method: z.enum(['cash', 'card'], { error: 'must be cash or card' }),
    reason: lineOfText(200),
  }).refine((input) => (input.amount === undefined) !== (input.items === undefined), { message: 'give either an amount or the seats (items) to refund', path: ['amount'] }),
  cashUp: z.object({ day: calendarDay.meta({ description: 'Theatre-local day' }), tokenId: positiveId('a device number').optional().meta({ description: 'One device (a counter sees only its own)' }) }),
  closeCashUp: z.object({
    day: calendarDay.meta({ description: 'Theatre-local day' }),
    tokenId: positiveId('a device number').optional().meta({ description: "The device whose drawer was counted (default: the caller's own; a counter closes only its own)" }),
    counted: price.meta({ description: 'Cash counted in the drawer, minor units' }),
  }),
  filmReport: z
    .object({ from: calendarDay.meta({ description: 'First theatre-local day' }), to: calendarDay.meta({ description: 'Last theatre-local day, included' }) })
    .refine((v) => v.to >= v.from, { message: 'must not be before from', path: ['to'] }),
} as const;

const isoTime = z.string().meta({ description: 'ISO 8601 with offset', example: '2026-12-24T19:30:00+01:00' });

/** A party's seats of one type, at the price they were sold at. */
export const partyItem = z.object({
  ticketTypeId: z.number(),
  name: z.string(),
  count: z.number(),
  unitPrice: z.number().meta({ description: 'Minor units (cents)' }),
});

export const ticketType = z.object({
  ticketTypeId: z.number(),
  name: z.string(),
  price: z.number().meta({ description: 'Minor units (cents)' }),
  quotaPerShow: z.number().nullable(),
  active: z.boolean(),
  sortOrder: z.number(),
  isDefault: z.boolean().meta({ description: 'The type a booking without items takes' }),
  accessible: accessibleType,
  heldForCounter,
  inUse: z.boolean().meta({ description: 'Tickets were sold of it: it can be deactivated but not deleted' }),
});

/** A type as one show sells it: its price there and, with a quota, the seats of it left. */
export const showTicketType = z.object({
  ticketTypeId: z.number(),
  name: z.string(),
  price: z.number().meta({ description: "Minor units: the show's own price, else the type's" }),
  quotaPerShow: z.number().nullable(),
  left: z.number().nullable().meta({ description: 'Seats of this type this caller may still buy (null: no quota; the show\'s seatsLeft still applies). For a kiosk the spaces held for the counter are not counted' }),
  accessible: accessibleType,
  heldForCounter: z.number().meta({ description: 'Spaces of this type per show held for the counter (sold by staff only)' }),
  atCounter: z.boolean().meta({ description: 'true: none left for this caller, but the counter still has held spaces — "ask at the counter"' }),
});

const currency = z.string().meta({ description: 'ISO 4217 code of the money (MARQUEE_CURRENCY)', example: 'USD' });

/** A drawer counted and closed for a day: what was there against what the payment rows expected. */
export const cashUpClose = z.object({
  day: z.string(),
  tokenId: z.number().nullable().meta({ description: 'null: the desktop app' }),
  device: z.string(),
  expected: z.number().meta({ description: 'Cash sales − cash refunds of the device that day, when it was closed' }),
  counted: z.number(),
  difference: z.number().meta({ description: 'counted − expected: below 0 the drawer is short, above 0 over' }),
  closedBy: z.string(),
  closedAt: isoTime,
});

const cashUpFigures = z.object({
  cash: z.object({ sales: z.number(), refunds: z.number(), expected: z.number().meta({ description: 'Cash that should be in the drawer: sales − refunds' }) }),
  card: z.object({ sales: z.number(), refunds: z.number() }),
  comp: z.object({ count: z.number() }),
});

export const ticketRow = z.object({
  ticketId: z.number(),
  userName: z.string(),
  phoneNo: z.string().meta({ description: 'Masked (•••• 99) for every role but the manager' }),
  showTime: isoTime,
  isExpired: z.boolean(),
  ticketCode: z.string().optional().meta({ description: "The ticket's code: for the manager, and for a kiosk that gave it" }),
  checkedInAt: isoTime.nullable(),
  checkedInBy: z.string().nullable().meta({ description: 'The door device that checked the ticket in' }),
  seats: z.number().meta({ description: 'The party: how many guests this one code admits' }),
  admitted: z.number().meta({ description: 'How many of the party are in' }),
  items: z.array(partyItem),
  total: z.number().meta({ description: 'Value of the seats in minor units' }),
  paid: z.boolean().meta({ description: 'Nothing is due: paid in full, free, or given free' }),
  amountDue: z.number().meta({ description: 'Minor units still to pay at the counter' }),
  refundable: z.number().meta({ description: 'Minor units the ticket holds (paid less refunded): the most a refund gives back' }),
});

export const show = z.object({
  showId: z.number(),
  showTime: isoTime,
  title: z.string().nullable(),
  capacity: z.number(),
  booked: z.number(),
  seatsLeft: z.number(),
  isExpired: z.boolean(),
  screenId: z.number(),
  screenName: z.string(),
  filmId: z.number().nullable(),
  filmTitle: z.string().nullable(),
  runtimeMinutes: z.number().nullable().meta({ description: "The film's running time; null for a show without a film" }),
  rating: z.string().nullable(),
  endsAt: isoTime.meta({ description: 'When the show frees its screen: start + runtime + turnaround (a show without a film: its start)' }),
  cancelledAt: isoTime.nullable().meta({ description: 'When the screening was cancelled (/show/cancel); null while it plays' }),
  cancelReason: z.string().nullable(),
});

/** What an answer says about a time it read for the manager (an ambiguous fall-back time, …). */
const notes = z.array(z.string()).optional().meta({ description: 'Sentences about how a time was read, e.g. which of two 01:30s on a fall-back night' });

export const screen = z.object({
  screenId: z.number(),
  name: z.string(),
  capacity: z.number(),
  notes: z.string().nullable(),
});

export const film = z.object({
  filmId: z.number(),
  title: z.string(),
  runtimeMinutes: z.number(),
  rating: z.string().nullable(),
  description: z.string().nullable(),
  posterUrl: z.string().nullable().meta({
    description: 'GET this path for the poster (no token needed; it changes with the poster, so it may be cached for long)',
    example: '/film/3/poster?v=9f86d081884c7d65',
  }),
});

export const auditEvent = z.object({
  eventId: z.number(),
  kind: z.enum(['booked', 'moved', 'cancelled', 'expired', 'removed', 'checked_in', 'checkin_undone', 'released', 'unpaid_released']).meta({
    description: "'removed': the expiry sweep took the ticket after its show (it is no cancellation); 'released': some seats of the party given back; 'unpaid_released': an unpaid reservation released by the sweep before its show (MARQUEE_RESERVATION_HOLD_MINUTES)",
  }),
  actor: z.string(),
  userName: z.string().meta({ description: 'Who held the ticket at that event (kept after a cancellation)' }),
  phoneNo: z.string(),
  at: isoTime,
  showTime: isoTime.nullable(),
  fromShowTime: isoTime.nullable(),
  reason: z.string().optional().meta({ description: 'Why, when the event carries a reason (a screening cancelled with /show/cancel)' }),
});

export const sweepReport = z.object({
  at: z.string(),
  marked: z.number(),
  deleted: z.number(),
  /** Unpaid reservations released before their show (MARQUEE_RESERVATION_HOLD_MINUTES). */
  released: z.number(),
  batches: z.number(),
  durationMs: z.number(),
  error: z.string().nullable(),
  /** Why this run did nothing: another instance holds the sweep lease. */
  skipped: z.string().optional(),
});

export const backupStatus = z.object({
  /** The last backup that succeeded, whichever instance of the box office made it. */
  last: z
    .object({
      at: isoTime,
      file: z.string().meta({ description: 'Its path on the machine that made it' }),
      host: z.string(),
      bytes: z.number(),
      kind: z.enum(['scheduled', 'manual']),
      ageHours: z.number(),
      /** The backup was made, but its copy to MARQUEE_BACKUP_DIR failed. */
      copyError: z.string().nullable(),
    })
    .nullable(),
  /** No backup yet, or the last is older than BACKUP_STALE_HOURS. */
  stale: z.boolean(),
  /** The latest run, when it failed after the last good one. */
  lastFailure: z.object({ at: isoTime, error: z.string() }).nullable(),
  /** MARQUEE_BACKUP_CRON of this server; null when it is off. */
  schedule: z.string().nullable(),
});

export const deviceToken = z.object({
  tokenId: z.number(),
  label: z.string(),
  role: tokenRole,
  createdAt: isoTime,
  revokedAt: isoTime.nullable(),
  lastUsedAt: isoTime.nullable().meta({ description: 'Last request made with it (to the minute); null if never used' }),
});

/** What an admission made offline collided with by the time it reached the server. */
export const CONFLICT_KINDS = ['already_in', 'cancelled', 'removed', 'unpaid_released', 'moved', 'not_found'] as const;
export const checkInConflict = z.object({
  kind: z.enum(CONFLICT_KINDS).meta({
    description: "already_in: another door admitted (some of) the party; cancelled / removed / unpaid_released: the ticket was cancelled, swept after its show, or released unpaid before it; moved: it was moved to another show; not_found: no trace of it",
  }),
  otherDoor: z.string().nullable().meta({ description: 'The other door, or who cancelled' }),
  otherAt: isoTime.nullable(),
});

/**
 * How the snapshot hashes a code (PBKDF2-SHA256, hex): the server computes it once per ticket,
 * the door once per scan (Web Crypto, about 20 ms on a phone), a thief once per guess.
 */
export const DOOR_CODE_HASH = { iterations: 20_000, bytes: 32 } as const;

/** A party in the door's snapshot: what admitting it offline needs, and nothing more (no phone, no code). */
export const snapshotTicket = z.object({
  codeHash: z.string().meta({ description: 'PBKDF2-SHA256 of the normalised code under the snapshot\'s salt and iterations, hex' }),
  ticketId: z.number(),
  userName: z.string().meta({ description: 'For admission by name when the code is lost' }),
  seats: z.number(),
  admitted: z.number(),
  items: z.array(partyItem),
  total: z.number().meta({ description: 'Minor units' }),
  paid: z.boolean().meta({ description: 'Nothing is left to pay: paid in full, free, or given free (comp)' }),
  amountDue: z.number().meta({ description: 'What is still to pay (minor units); 0 when paid' }),
});

export const snapshotShow = z.object({
  showId: z.number(),
  showTime: isoTime,
  title: z.string().nullable(),
  screenId: z.number(),
  screenName: z.string(),
  opensAt: isoTime.meta({ description: 'Doors open (MARQUEE_CHECKIN_OPENS_MINUTES before the start)' }),
  closesAt: isoTime.meta({ description: 'Doors close' }),
  cancelledAt: isoTime.nullable(),
  tickets: z.array(snapshotTicket).nullable().meta({ description: 'null: unchanged since the `since` version (keep yours)' }),
});

export const checkinConflictRow = z.object({
  scanId: z.string(),
  ticketId: z.number().nullable(),
  ticketCode: z.string(),
  userName: z.string().nullable(),
  showId: z.number().nullable(),
  showTime: isoTime.nullable(),
  title: z.string().nullable(),
  door: z.string().meta({ description: 'The door that admitted offline' }),
  scannedAt: isoTime.meta({ description: "When it admitted, by the door's clock" }),
  recordedAt: isoTime.meta({ description: 'When its journal reached the server' }),
  admittedNow: z.number(),
  conflict: checkInConflict,
});

export const doorShow = z.object({
  showId: z.number(),
  showTime: isoTime,
  title: z.string().nullable().meta({ description: "The show's own title, else its film's" }),
  screenId: z.number(),
  screenName: z.string(),
  filmTitle: z.string().nullable(),
  capacity: z.number(),
  booked: z.number(),
  checkedIn: z.number(),
  doorsOpen: z.boolean().meta({ description: 'Whether tickets for this show can be checked in now' }),
  cancelledAt: isoTime.nullable().meta({ description: 'When the screening was cancelled (its tickets with it); null while it plays' }),
});

export const checkIn = z.object({
  ticketId: z.number(),
  ticketCode: z.string(),
  userName: z.string(),
  showId: z.number(),
  showTime: isoTime,
  title: z.string().nullable().meta({ description: "The show's own title, else its film's" }),
  screenName: z.string().meta({ description: 'Where the guest goes' }),
  checkedInAt: isoTime.meta({ description: 'The latest admission of the party' }),
  checkedInBy: z.string(),
  seats: z.number().meta({ description: 'The party: how many guests this code admits' }),
  admitted: z.number().meta({ description: 'How many of the party are in now, this scan included' }),
  admittedNow: z.number().meta({ description: 'How many this scan let in (admitted − admittedNow were already in)' }),
  items: z.array(partyItem),
  conflict: checkInConflict.nullable().meta({ description: 'Only for an offline admission: what it collided with (kept and listed at /checkin/conflicts)' }),
});
/** A ticket as its holder sees it: which show, by id, since several screens may share its time. */
export const ownTicket = ticketRow.extend({ showId: z.number() });
export const searchHit = ticketRow.extend({ title: z.string().nullable() });

const salesFigures = {
  capacity: z.number(),
  sold: z.number().meta({ description: 'Seats booked into the show(s) (a party of four is 4)' }),
  cancelled: z.number().meta({ description: 'Seats cancelled or given back from a party (expiry clean-up is not a cancellation)' }),
  movedIn: z.number().meta({ description: 'Seats of parties moved in from another show' }),
  movedOut: z.number().meta({ description: 'Seats of parties moved out to another show' }),
  held: z.number().meta({ description: 'sold − cancelled + movedIn − movedOut: the seats taken' }),
  occupancyPercent: z.number().meta({ description: 'held ÷ capacity × 100, one decimal' }),
  checkedIn: z.number().meta({ description: 'Seats admitted at the door (admissions less undone ones)' }),
  revenue: z.number().meta({
    description: 'Minor units: the value of the seats held at the prices they were sold at, paid or not (booked − cancelled/given back + moved in − moved out; the expiry clean-up does not subtract)',
  }),
  currency,
};

/** Admissions of one ticket type: the seats of that type held and their value. */
export const typeSales = z.object({
  ticketTypeId: z.number(),
  name: z.string().meta({ description: "The type's name now (#id when the type has since been deleted)" }),
  sold: z.number().meta({ description: 'Seats of this type held (booked − cancelled/given back + moved in − moved out); they add up to held' }),
  revenue: z.number().meta({ description: 'Minor units; they add up to revenue' }),
});
const byType = z.array(typeSales).meta({ description: 'Admissions per ticket type, in the types\' display order' });

export const showSales = z.object({ showId: z.number(), showTime: isoTime, title: z.string().nullable(), ...salesFigures });
export const daySales = z.object({ day: z.string().meta({ example: '2026-12-24' }), shows: z.number(), ...salesFigures, byType });
export const screenSales = z.object({ screenId: z.number(), screenName: z.string(), shows: z.number(), ...salesFigures });
export const filmSales = z.object({
  filmId: z.number().nullable().meta({ description: 'null: the shows without a film' }),
  filmTitle: z.string().nullable(),
  shows: z.number(),
  ...salesFigures,
});

/** A show /show/schedule makes (or, in a dry run, would make). */
export const scheduledShow = z.object({
  showId: z.number().nullable().meta({ description: 'null in a dry run' }),
  showTime: isoTime,
  screenId: z.number(),
  screenName: z.string(),
  notes,
});

/** A show of a schedule request that cannot be made: its screen is taken then. */
export const scheduleClash = z.object({
  showTime: isoTime,
  screenId: z.number(),
  screenName: z.string(),
  inTheWay: z.object({
    showId: z.number().nullable().meta({ description: 'null: another show of this same request' }),
    showTime: isoTime,
    title: z.string().nullable(),
  }),
});

export const callListGuest = z.object({ ticketId: z.number(), name: z.string(), phone: z.string(), ticketCode: z.string() });

export const filmWeek = z.object({
  filmId: z.number(),
  title: z.string(),
  weekStart: z.string().meta({ description: 'The Monday the week starts on (theatre-local)', example: '2026-12-21' }),
  shows: z.number().meta({ description: 'Shows played or to play (cancelled screenings not counted)' }),
  admissions: z.number().meta({ description: 'Seats sold and not cancelled' }),
  checkedIn: z.number(),
  gross: z.number().meta({ description: "Minor units: the admissions' value at the prices they were sold at" }),
  currency,
});
export const filmTotal = z.object({ filmId: z.number(), title: z.string(), shows: z.number(), admissions: z.number(), gross: z.number(), currency });

export const outputs = {
  book: z.object({
    ticketId: z.number(),
    ticketCode: z.string().meta({ description: 'The secret code printed on the ticket and carried by its QR', example: 'K7QM-4XWP-9TX8' }),
    showId: z.number(),
    showTime: isoTime,
    userName: z.string(),
    seatsLeft: z.number(),
    seats: z.number(),
    items: z.array(partyItem),
    total: z.number().meta({ description: 'Minor units (cents); to pay at the counter until paid' }),
    currency,
    paid: z.boolean().meta({ description: 'false: a reservation, amountDue to pay at the counter' }),
    amountDue: z.number(),
  }),
  move: z.object({ ticketId: z.number(), showId: z.number(), showTime: isoTime, seatsLeft: z.number() }),
  cancel: z.object({
    ticketId: z.number(),
    seats: z.number().meta({ description: 'Seats the ticket still holds (0: cancelled)' }),
    released: z.number().meta({ description: 'Seats given back by this call' }),
  }),
  listByShowTime: z.array(ticketRow),
  lookupTicket: ownTicket,
  ticketHistory: z.array(auditEvent),
  listShows: z.array(show),
  createShow: show.extend({ notes }),
  serverStatus: z.object({
    database: z.enum(['up', 'down']),
    version: z.string(),
    lastSweep: sweepReport.nullable(),
    listener: z.object({ url: z.string(), fingerprint: z.string() }).nullable(),
    /** A Galera node's replication state (null: no cluster member; absent: database unreachable). */
    cluster: z.object({ ready: z.boolean(), state: z.string(), status: z.string(), size: z.number() }).nullable().optional(),
    backup: backupStatus,
  }),
  listTokens: z.array(deviceToken),
  createToken: z.object({ tokenId: z.number(), label: z.string(), role: tokenRole, token: z.string() }),
  revokeToken: z.object({ tokenId: z.number(), outcome: z.enum(['revoked', 'already-revoked', 'not-found']) }),
  checkIn,
  undoCheckIn: z.object({ ticketId: z.number(), outcome: z.enum(['undone', 'was-not-checked-in']) }),
  doorShows: z.array(doorShow),
  doorSnapshot: z.object({
    version: z.string().meta({ description: 'Send it back as `since` for only what changed' }),
    generatedAt: isoTime,
    hoursAhead: z.number().meta({ description: 'MARQUEE_DOOR_SNAPSHOT_HOURS: shows whose doors open within this many hours' }),
    hash: z.object({ algorithm: z.literal('PBKDF2-SHA256'), salt: z.string(), iterations: z.number() }),
    screenIds: z.array(z.number()).nullable().meta({ description: "This door's screens (null: every screen)" }),
    admitsUnpaid: z.boolean().meta({ description: 'MARQUEE_DOOR_ADMITS_UNPAID: an unpaid party is admitted (otherwise sent to the counter, offline too)' }),
    currency,
    shows: z.array(snapshotShow),
  }),
  checkinConflicts: z.array(checkinConflictRow),
  updateToken: z.object({ tokenId: z.number(), screenIds: z.array(z.number()).meta({ description: 'The screens it admits to ([]: every screen)' }) }),
  updateShow: show,
  deleteShow: z.object({ showId: z.number(), showTime: isoTime }),
  searchTickets: z.array(searchHit),
  salesReport: z.object({
    from: z.string(),
    to: z.string(),
    timeZone: z.string(),
    days: z.array(daySales),
    shows: z.array(showSales),
    totals: z.object({ ...salesFigures, byType }),
    byScreen: z.array(screenSales),
    byFilm: z.array(filmSales),
  }),
  deviceSelf: z.object({ role: tokenRole, label: z.string(), tokenId: z.number().nullable().meta({ description: 'null inside the desktop app, which uses no token' }) }),
  createPairing: z.object({
    pairingId: z.number(),
    code: z.string(),
    role: pairableRole,
    label: z.string(),
    expiresAt: isoTime,
  }),
  redeemPairing: z.object({ tokenId: z.number(), label: z.string(), role: pairableRole, token: z.string() }),
  createScreen: screen,
  listScreens: z.object({ screens: z.array(screen) }),
  updateScreen: screen,
  deleteScreen: z.object({ screenId: z.number(), outcome: z.enum(['deleted', 'retired']).meta({ description: 'retired: it had past shows, which keep it' }) }),
  createFilm: film,
  listFilms: z.object({ films: z.array(film) }),
  updateFilm: film,
  setFilmPoster: film,
  scheduleShows: z.object({
    dryRun: z.boolean(),
    shows: z.array(scheduledShow),
    clashes: z.array(scheduleClash).meta({ description: 'Only in a dry run; otherwise a clash is a 409 SCREEN_BUSY listing them' }),
  }),
  rescheduleShow: show.extend({ movedTickets: z.number().meta({ description: 'Tickets that followed the show' }), notes }),
  cancelShow: z.object({
    showId: z.number(),
    cancelledTickets: z.number(),
    guests: z.array(callListGuest).meta({ description: 'Whom to call: the holders of the cancelled tickets' }),
  }),
  listTicketTypes: z.object({ currency, ticketTypes: z.array(ticketType) }),
  createTicketType: ticketType,
  updateTicketType: ticketType,
  deleteTicketType: z.object({ ticketTypeId: z.number() }),
  sell: z.object({
    ticketId: z.number(),
    ticketCode: z.string(),
    showId: z.number(),
    showTime: isoTime,
    userName: z.string(),
    seats: z.number(),
    items: z.array(partyItem),
    total: z.number(),
    currency,
    paid: z.literal(true),
    paymentId: z.number().nullable().meta({ description: 'null: the seats were free, nothing was taken' }),
    change: z.number().meta({ description: 'Cash to give back (tendered − total); 0 otherwise' }),
  }),
  payTicket: z.object({ ticketId: z.number(), paymentId: z.number(), paid: z.number(), total: z.number(), amountDue: z.number(), change: z.number(), currency }),
  refundTicket: z.object({
    ticketId: z.number(),
    paymentId: z.number(),
    amount: z.number().meta({ description: 'What was given back (for seats: their price as sold)' }),
    seats: z.number().nullable().meta({ description: 'The seats the ticket still holds after a refund of seats; null for an amount' }),
    paid: z.number().meta({ description: 'What the ticket still holds after the refund' }),
    currency,
  }),
  cashUp: z.object({
    day: z.string(),
    currency,
    devices: z.array(cashUpFigures.extend({
      device: z.string(),
      tokenId: z.number().nullable(),
      close: cashUpClose.nullable().meta({ description: "The drawer's count for the day, once closed (/cashup/close)" }),
    })),
    totals: cashUpFigures,
  }),
  closeCashUp: cashUpClose.extend({ currency }),
  showTicketTypes: z.object({ showId: z.number(), currency, seatsLeft: z.number(), maxParty: z.number(), ticketTypes: z.array(showTicketType) }),
  filmReport: z.object({ rows: z.array(filmWeek), totals: z.array(filmTotal) }),
} as const;

export type Show = z.infer<typeof show>;
export type Screen = z.infer<typeof screen>;
export type Film = z.infer<typeof film>;
export type TicketRow = z.infer<typeof ticketRow>;
export type PartyItem = z.infer<typeof partyItem>;
export type TicketType = z.infer<typeof ticketType>;
export type ShowTicketType = z.infer<typeof showTicketType>;
export type AuditEvent = z.infer<typeof auditEvent>;
export type DoorShow = z.infer<typeof doorShow>;
export type CheckIn = z.infer<typeof checkIn>;
export type CheckInConflict = z.infer<typeof checkInConflict>;
export type SnapshotShow = z.infer<typeof snapshotShow>;
export type SnapshotTicket = z.infer<typeof snapshotTicket>;
export type CheckinConflictRow = z.infer<typeof checkinConflictRow>;
export type SweepReport = z.infer<typeof sweepReport>;
export type SearchHit = z.infer<typeof searchHit>;
export type ShowSales = z.infer<typeof showSales>;
export type DaySales = z.infer<typeof daySales>;
export type TypeSales = z.infer<typeof typeSales>;
export type ScreenSales = z.infer<typeof screenSales>;
export type FilmSales = z.infer<typeof filmSales>;
export type ScheduledShow = z.infer<typeof scheduledShow>;
export type ScheduleClash = z.infer<typeof scheduleClash>;
export type CallListGuest = z.infer<typeof callListGuest>;
export type FilmWeek = z.infer<typeof filmWeek>;

/** Pushed to kiosks and signage whenever a show's free seats change. */
export interface SeatUpdate {
  showId: number;
  showTime: string;
  capacity: number;
  booked: number;
  seatsLeft: number;
}

/** How far ahead seat availability is followed: the longest list a kiosk may ask for. */
export const SEAT_HORIZON_DAYS = 60;

/** A cancelled screening has no seat to offer: a kiosk still showing it must not see its freed seats. */
export function seatUpdateOf({ showId, showTime, capacity, booked, seatsLeft, cancelledAt }: Show): SeatUpdate {
  return { showId, showTime, capacity, booked, seatsLeft: cancelledAt === null ? seatsLeft : 0 };
}
