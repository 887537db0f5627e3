import { expect, test } from 'vitest';
import { formatInZone, localDayOf, localDayWindow, parseShowTime, toUtc } from '../../../main/common/time';

const utc = (text: string, zone: string) => {
  const wall = parseShowTime(text);
  if (!wall) throw new Error(`unparsed: ${text}`);
  return toUtc(wall, zone).toISOString();
};

test('the original API format and ISO 8601 with and without offset', () => {
  expect(utc('2026-12-24 19:30:00.1234', 'UTC')).toBe('2026-12-24T19:30:00.000Z');
  expect(utc('2026-12-24T19:30:00+01:00', 'America/New_York')).toBe('2026-12-24T18:30:00.000Z');
  expect(utc('2026-12-24T19:30Z', 'Europe/Berlin')).toBe('2026-12-24T19:30:00.000Z');
  expect(utc('2026-12-24 19:30:00', 'Europe/Berlin')).toBe('2026-12-24T18:30:00.000Z');
  expect(utc('2026-07-01 19:30:00', 'Europe/Berlin')).toBe('2026-07-01T17:30:00.000Z');
  expect(utc('2026-12-24T19:30:00-0530', 'UTC')).toBe('2026-12-25T01:00:00.000Z');
});

test('theatre-local times across daylight-saving changes', () => {
  // 2026-03-29 02:30 does not exist in Berlin (clocks jump 02:00 → 03:00): never earlier than
  // meant, so the first minute after the gap, 03:00 CEST (requests refuse it first: show-times.ts).
  expect(utc('2026-03-29 02:30:00', 'Europe/Berlin')).toBe('2026-03-29T01:00:00.000Z');
  expect(utc('2026-10-25 12:00:00', 'Europe/Berlin')).toBe('2026-10-25T11:00:00.000Z');
});

test('impossible dates and garbage are refused', () => {
  for (const bad of ['2026-02-30 10:00:00', '2026-13-01 10:00:00', '2026-12-24 24:00:00', 'tomorrow', '', '2026-12-24', '1999-12-24 10:00:00', '2026-12-24T10:00:00+15:00']) {
    expect(parseShowTime(bad), bad).toBeNull();
  }
});

test('output is ISO 8601 with the theatre offset', () => {
  expect(formatInZone(new Date('2026-12-24T18:30:00Z'), 'Europe/Berlin')).toBe('2026-12-24T19:30:00+01:00');
  expect(formatInZone(new Date('2026-12-24T18:30:00Z'), 'America/St_Johns')).toBe('2026-12-24T15:00:00-03:30');
  expect(formatInZone(new Date('2026-12-24T18:30:00Z'), 'UTC')).toBe('2026-12-24T18:30:00+00:00');
});

test('a theatre-local day is midnight to midnight: 23 or 25 hours on a clock-change day, month ends roll over', () => {
  const hours = ([start, end]: [Date, Date]) => (end.getTime() - start.getTime()) / 3_600_000;
  expect(localDayWindow('2026-12-24', 'Europe/Berlin').map((d) => d.toISOString())).toEqual(['2026-12-23T23:00:00.000Z', '2026-12-24T23:00:00.000Z']);
  expect(hours(localDayWindow('2026-03-29', 'Europe/Berlin'))).toBe(23);
  expect(hours(localDayWindow('2026-10-25', 'Europe/Berlin'))).toBe(25);
  expect(localDayWindow('2026-12-31', 'UTC')[1].toISOString()).toBe('2027-01-01T00:00:00.000Z');
  expect(localDayOf(new Date('2026-12-24T23:30:00Z'), 'Europe/Berlin')).toBe('2026-12-25');
  expect(localDayOf(new Date('2026-12-24T23:30:00Z'), 'America/New_York')).toBe('2026-12-24');
});
