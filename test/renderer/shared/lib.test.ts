// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { SHARED_WORDS } from '../../../renderer/src/shared/i18n/locales';
import { formatPrintedWhen, formatWhen, momentOf, sameInstant } from '../../../renderer/src/shared/lib/show-time';
import { startState, suggestAlternative, upcomingShows } from '../../../renderer/src/shared/lib/shows';
import { checkPhoneNo, checkTicketId, checkUserName } from '../../../renderer/src/shared/lib/validation';
import { makeShow } from './shows';

describe('validation through the shared schemas', () => {
  it('classifies names', () => {
    expect(checkUserName('Ana Lima')).toBeNull();
    expect(checkUserName('   ')).toBe('empty');
    expect(checkUserName('a'.repeat(61))).toBe('tooLong');
    expect(checkUserName('Ana\u0007')).toBe('invalid');
  });

  it('classifies phone numbers and ticket numbers', () => {
    expect(checkPhoneNo('+34 (600) 123-456')).toBeNull();
    expect(checkPhoneNo('')).toBe('empty');
    expect(checkPhoneNo('12345')).toBe('invalid');
    expect(checkTicketId('42')).toBeNull();
    expect(checkTicketId('')).toBe('empty');
    expect(checkTicketId('4a')).toBe('invalid');
  });
});

describe('show times', () => {
  const now = Date.parse('2030-03-10T17:00:00Z');

  it('shows the theatre wall time from the offset, with Today / Tomorrow / a weekday', () => {
    expect(formatWhen('2030-03-10T19:30:00+01:00', now, undefined, 'en-US', SHARED_WORDS.en.day)).toBe('Today 7:30 PM');
    expect(formatWhen('2030-03-11T19:30:00+01:00', now, undefined, 'es-ES', SHARED_WORDS.es.day)).toBe('Mañana 19:30');
    expect(formatWhen('2030-03-13T09:05:00+01:00', now, undefined, 'en-US', SHARED_WORDS.en.day)).toBe('Wednesday, March 13 9:05 AM');
  });

  it('uses the IANA zone when the host gives one', () => {
    expect(formatWhen('2030-03-10T18:30:00Z', now, 'Europe/Madrid', 'es-ES', SHARED_WORDS.es.day)).toBe('Hoy 19:30');
  });

  it('names a past moment by its clock today, with its date before; a cancellation says it so in both languages', () => {
    expect(momentOf('2030-03-10T09:05:00+01:00', now, undefined, 'en-US')).toEqual({ day: null, clock: '9:05 AM' });
    const before = momentOf('2030-03-03T13:05:00+01:00', now, undefined, 'es-ES');
    expect(before).toEqual({ day: '3 de marzo', clock: '13:05' });
    expect(SHARED_WORDS.es.ticketCancelled.at(before!.day, before!.clock)).toBe('Esta entrada se anuló el 3 de marzo a las 13:05.');
    expect(SHARED_WORDS.es.ticketCancelled.at(null, '1:05')).toBe('Esta entrada se anuló hoy a la 1:05.');
    expect(SHARED_WORDS.en.ticketCancelled.at('March 3', '1:05 PM')).toBe('This ticket was cancelled on March 3 at 1:05 PM.');
    expect(momentOf('not a time', now, undefined, 'en-US')).toBeNull();
  });

  it('names a show on paper by its date and clock, never Today, in the theatre zone and the guest language', () => {
    expect(formatPrintedWhen('2025-12-03T16:28:00Z', 'Europe/Madrid', 'en-US')).toBe('Wed, Dec 3 · 5:28 PM');
    expect(formatPrintedWhen('2025-12-03T16:28:00Z', 'Europe/Madrid', 'es-ES')).toBe('mié, 3 dic · 17:28');
    // Without a zone, the offset in the text is the theatre's wall clock.
    expect(formatPrintedWhen('2025-12-03T23:30:00-08:00', undefined, 'en-US')).toBe('Wed, Dec 3 · 11:30 PM');
    expect(formatPrintedWhen('not a time', 'Europe/Madrid', 'en-US')).toBe('not a time');
  });

  it('compares instants, not strings', () => {
    expect(sameInstant('2030-03-10T19:30:00+01:00', '2030-03-10T18:30:00Z')).toBe(true);
  });
});

describe('show list rules', () => {
  const now = Date.parse('2030-03-10T17:00:00Z');
  const at = (minutes: number) => new Date(now + minutes * 60_000).toISOString();

  it('lists shows from just-started on, earliest first', () => {
    const shows = [makeShow(1, at(60)), makeShow(2, at(-30)), makeShow(3, at(-10)), makeShow(4, at(5), { isExpired: true })];
    expect(upcomingShows(shows, now).map((s) => s.showId)).toEqual([3, 1]);
  });

  it('labels starting-soon and started shows', () => {
    expect(startState(makeShow(1, at(12)), now)).toEqual({ kind: 'soon', minutes: 12 });
    expect(startState(makeShow(1, at(-3)), now)).toEqual({ kind: 'started', minutes: 3 });
    expect(startState(makeShow(1, at(90)), now)).toEqual({ kind: 'later' });
  });

  it('suggests the same film later first, then any later show, then any show with seats', () => {
    const failed = makeShow(1, at(60), { title: 'A' });
    const other = makeShow(2, at(90), { title: 'B' });
    const sameLater = makeShow(3, at(180), { title: 'A' });
    const earlier = makeShow(4, at(30), { title: 'C' });
    expect(suggestAlternative([failed, other, sameLater, earlier], failed, now)?.showId).toBe(3);
    expect(suggestAlternative([failed, other, earlier], failed, now)?.showId).toBe(2);
    expect(suggestAlternative([failed, earlier], failed, now)?.showId).toBe(4);
    expect(suggestAlternative([failed, makeShow(5, at(90), { capacity: 1, booked: 1 })], failed, now)).toBeNull();
  });
});
