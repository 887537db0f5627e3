// Times a manager or guest gives, read as the theatre means them: a theatre-local time that does
// not exist (a spring-forward gap) is refused with a sentence naming the gap, never read as an
// hour earlier; one that happens twice (a fall-back night) is the first, and the answer says so;
// a new show's time that has passed is refused unless the manager confirms it.
import { MarqueeError } from '../../common/errors';
import { formatInZone, readLocalTime, type ClockJump, type LocalReading, type WallTime } from '../../common/time';
import type { PoolConnection } from 'mysql2/promise';
import type { Row } from '../db/database';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** 02:30 → "2:30", as a clock is read aloud. */
const spoken = (hhmm: string) => hhmm.replace(/^0(\d)/, '$1');
const spokenDate = (wall: WallTime) => `${wall.day} ${MONTHS[wall.month - 1]} ${wall.year}`;
const hhmmOf = (wall: WallTime) => `${String(wall.hour).padStart(2, '0')}:${String(wall.minute).padStart(2, '0')}`;

/** "2:30 does not exist on 14 March 2027 in America/New_York: clocks go from 2:00 to 3:00. Pick 3:00 or later." */
export function gapSentence(wall: WallTime, jump: ClockJump, timeZone: string): string {
  return `${spoken(hhmmOf(wall))} does not exist on ${spokenDate(wall)} in ${timeZone}: clocks go from ${spoken(jump.fromWall)} to ${spoken(jump.toWall)}. ` +
    `Pick ${spoken(jump.toWall)} or later.`;
}

/** Says which of a fall-back night's two readings was taken: the first. */
export function ambiguitySentence(wall: WallTime, reading: Extract<LocalReading, { kind: 'ambiguous' }>, timeZone: string): string {
  const offset = formatInZone(reading.instant, timeZone).slice(19);
  return `${spoken(hhmmOf(wall))} happens twice on ${spokenDate(wall)} in ${timeZone} (clocks go back from ${spoken(reading.jump.fromWall)} ` +
    `to ${spoken(reading.jump.toWall)}): the first one is meant, at UTC${offset}.`;
}

/** The instant a time names, with notes on how it was read; INVALID_INPUT on `field` for a time in a gap. */
export function instantOf(wall: WallTime, timeZone: string, field = 'showTime'): { instant: Date; notes: string[] } {
  const reading = readLocalTime(wall, timeZone);
  if (reading.kind === 'gap') throw new MarqueeError('INVALID_INPUT', `${field}: ${gapSentence(wall, reading.jump, timeZone)}`, field);
  return { instant: reading.instant, notes: reading.kind === 'ambiguous' ? [ambiguitySentence(wall, reading, timeZone)] : [] };
}

/** SHOW_IN_PAST unless confirmed: a time that passed is most likely a slip (a wrong day, AM for PM). By the database clock. */
export async function assertNotPast(conn: PoolConnection, startsAt: Date, timeZone: string, confirmPast: boolean | undefined): Promise<void> {
  if (confirmPast === true) return;
  const [[row]] = await conn.query<Row[]>('SELECT (? < UTC_TIMESTAMP()) AS past', [startsAt]);
  if (Number(row?.past) !== 1) return;
  const showTime = formatInZone(startsAt, timeZone);
  throw new MarqueeError('SHOW_IN_PAST', `${showTime.slice(0, 16).replace('T', ' ')} has already passed. Check the date and AM/PM, or confirm to make the show anyway.`, 'showTime', {
    details: { showTime },
  });
}
