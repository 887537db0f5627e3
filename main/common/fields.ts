// The fields the operations' schemas (schemas.ts) are built of: a guest's name and phone, a show
// time, the numbers that name things, a ticket's code, and the limits the forms check before
// asking. Apart so that a page checking one field (the kiosk's name and phone steps) builds
// these few schemas and not every operation's. Runs anywhere.
import { z } from 'zod';
import { normalizeTicketCode } from './ticket-code';
import { parseShowTime, type WallTime } from './time';

export const NAME_MAX = 60;

export const userName = z
  .string({ error: 'must be text' })
  .transform((s) => s.normalize('NFC').trim().replace(/\s+/gu, ' '))
  .refine((s) => s.length > 0, { message: 'must not be empty' })
  .refine((s) => [...s].length <= NAME_MAX, { message: `must be at most ${NAME_MAX} characters` })
  .refine((s) => !/[\p{Cc}\p{Cf}\p{Co}\p{Cs}]/u.test(s), { message: 'must not contain control characters' })
  .meta({ description: 'Guest name, 1–60 characters, any script', example: 'Ana Lima' });

/** Digits in a phone number: E.164 allows 15 at most; fewer than 6 is no phone number. */
export const PHONE_DIGITS_MIN = 6;
export const PHONE_DIGITS_MAX = 15;
const PHONE_PATTERN = new RegExp(`^\\+?\\d{${PHONE_DIGITS_MIN},${PHONE_DIGITS_MAX}}$`);

/** Phone numbers are stored normalized: optional leading +, then the digits. */
export function normalizePhone(raw: string): string | null {
  const compact = raw.trim().replace(/[\s\-()./]/g, '');
  return PHONE_PATTERN.test(compact) ? compact : null;
}

export const phoneNo = z
  .union([z.string(), z.number().int().nonnegative()], { error: 'must be a phone number' })
  .transform((value, ctx) => {
    const normalized = normalizePhone(String(value));
    if (normalized === null) {
      ctx.addIssue({ code: 'custom', message: `must be a phone number of ${PHONE_DIGITS_MIN} to ${PHONE_DIGITS_MAX} digits` });
      return z.NEVER;
    }
    return normalized;
  })
  .meta({ description: 'Phone number; spaces, dashes, dots and brackets are ignored', example: '+1 555 010 0199' });

export const showTime = z
  .string({ error: 'must be a date and time' })
  .transform((value, ctx): WallTime => {
    const parsed = parseShowTime(value);
    if (parsed === null) {
      ctx.addIssue({
        code: 'custom',
        message: 'must be a date and time like 2026-12-24T19:30:00+01:00 or 2026-12-24 19:30:00',
      });
      return z.NEVER;
    }
    return parsed;
  })
  .meta({
    description: 'ISO 8601 with or without offset, or YYYY-MM-DD HH:MM:SS[.ffff]; without offset it is theatre-local time',
    example: '2026-12-24T19:30:00+01:00',
  });

/** An id of anything, as a number or a string of digits (the original API sent both). */
export const positiveId = (what: string) =>
  z
    .union([z.number().int().positive().max(Number.MAX_SAFE_INTEGER), z.string().regex(/^\s*\d{1,15}\s*$/)], {
      error: `must be ${what} (a positive whole number)`,
    })
    .transform((v) => Number(v))
    .refine((n) => n > 0, { message: `must be ${what} (a positive whole number)` });

export const ticketId = positiveId('a ticket number')
  .meta({ description: 'Ticket number: a positive integer or a string of digits', example: 42 });

export const showId = positiveId('a show number').meta({ description: 'The show, as /show/list names it', example: 7 });
export const screenId = positiveId('a screen number').meta({ description: 'The screen (auditorium), as /screen/list names it', example: 1 });
export const filmId = positiveId('a film number').meta({ description: 'The film, as /film/list names it', example: 3 });

/** How many days ahead /show/list looks when not told (the kiosk's list). */
export const SHOW_LIST_DAYS = 14;

/** Limits the manager's forms check before asking; the schemas below enforce them. */
export const TITLE_MAX = 120;
export const CAPACITY_MAX = 1000;
export const TOKEN_LABEL_MAX = 100;
/** A last backup older than this is a warning on the manager's Devices & server page (issue 24). */
export const BACKUP_STALE_HOURS = 48;

export const ticketCode = z
  .string({ error: 'must be a ticket code' })
  .transform((value, ctx) => {
    const normalized = normalizeTicketCode(value);
    if (normalized === null) {
      ctx.addIssue({ code: 'custom', message: 'must be a ticket code like K7QM-4XWP-9TX8 (12 letters and digits)' });
      return z.NEVER;
    }
    return normalized;
  })
  .meta({
    description: "The ticket's secret code, as printed and in its QR; dashes, spaces and case are ignored",
    example: 'K7QM-4XWP-9TX8',
  });

/** Digits in a pairing code (schemas.ts `pairingCode`; the pairing pages' keypads). */
export const PAIRING_CODE_DIGITS = 6;
