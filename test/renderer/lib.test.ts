// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { fieldProblemText } from '../../renderer/src/i18n/field-problems';
import { en } from '../../renderer/src/i18n/en';
import { es } from '../../renderer/src/i18n/es';
import { readKioskConfig } from '../../renderer/src/lib/kiosk-config';
import { formatWhen, sameInstant } from '../../renderer/src/lib/show-time';
import { startState, suggestAlternative, upcomingShows } from '../../renderer/src/lib/shows';
import { checkPhoneNo, checkTicketId, checkUserName } from '../../renderer/src/lib/validation';
import { makeShow } from './fake-transport';

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

  it('explains each problem in both languages', () => {
    expect(fieldProblemText(en, 'userName', 'tooLong')).toBe('That is too long. Please use at most 60 letters.');
    expect(fieldProblemText(es, 'lookupPhone', 'invalid')).toBe('Escribe un teléfono de 6 a 15 cifras.');
  });
});

describe('message files', () => {
  it('Spanish has every key English has', () => {
    const keys = (o: object, prefix = ''): string[] =>
      Object.entries(o).flatMap(([k, v]) => (v && typeof v === 'object' ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`]));
    expect(keys(es).sort()).toEqual(keys(en).sort());
  });
});

describe('show times', () => {
  const now = Date.parse('2030-03-10T17:00:00Z');

  it('shows the theatre wall time from the offset, with Today / Tomorrow / a weekday', () => {
    expect(formatWhen('2030-03-10T19:30:00+01:00', now, undefined, 'en-US', en.day)).toBe('Today 7:30 PM');
    expect(formatWhen('2030-03-11T19:30:00+01:00', now, undefined, 'es-ES', es.day)).toBe('Mañana 19:30');
    expect(formatWhen('2030-03-13T09:05:00+01:00', now, undefined, 'en-US', en.day)).toBe('Wednesday, March 13 9:05 AM');
  });

  it('uses the IANA zone when the host gives one', () => {
    expect(formatWhen('2030-03-10T18:30:00Z', now, 'Europe/Madrid', 'es-ES', es.day)).toBe('Hoy 19:30');
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

describe('kiosk config', () => {
  it('defaults to 60 s idle with a 15 s countdown', () => {
    expect(readKioskConfig('')).toEqual({ idleMs: 60_000, countdownMs: 15_000 });
  });

  it('reads ?idle= and keeps the countdown to the last half of a short idle time', () => {
    expect(readKioskConfig('?idle=5')).toEqual({ idleMs: 5_000, countdownMs: 3_000 });
    expect(readKioskConfig('?idle=10&countdown=4')).toEqual({ idleMs: 10_000, countdownMs: 4_000 });
    expect(readKioskConfig('?idle=abc')).toEqual({ idleMs: 60_000, countdownMs: 15_000 });
  });
});
