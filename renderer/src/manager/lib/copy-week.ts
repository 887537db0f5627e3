// "Copy this week to next week" as /show/schedule requests: the week's shows (of a film, not
// cancelled) folded into as few requests as say the same thing — one per film, start time and
// set of weekdays, listing the screens that play it so — each for the week after.
import type { OperationInput } from '../../../../main/common/operations';
import type { Show } from '../../../../main/common/schemas';
import { addDays, isoWeekday, theatreClockOf, theatreDayOf } from './week';

export type ScheduleRequest = OperationInput<'scheduleShows'>;

export interface WeekCopy {
  requests: ScheduleRequest[];
  /** Shows the copy leaves out: without a film (/show/schedule makes a film's shows). */
  skipped: number;
  /** Shows copied. */
  copied: number;
}

export function copyWeekRequests(shows: readonly Show[], monday: string, timeZone: string | undefined): WeekCopy {
  const sunday = addDays(monday, 6);
  // film|screen|time → weekdays, then film|time|weekdays → screens.
  const weekdays = new Map<string, { filmId: number; screenId: number; time: string; days: Set<number> }>();
  let skipped = 0;
  let copied = 0;
  for (const show of shows) {
    const day = theatreDayOf(show.showTime, timeZone);
    const time = theatreClockOf(show.showTime, timeZone);
    if (day === null || time === null || day < monday || day > sunday || show.cancelledAt !== null) continue;
    if (show.filmId === null) {
      skipped++;
      continue;
    }
    copied++;
    const key = `${show.filmId}|${show.screenId}|${time}`;
    const entry = weekdays.get(key) ?? { filmId: show.filmId, screenId: show.screenId, time, days: new Set<number>() };
    entry.days.add(isoWeekday(day));
    weekdays.set(key, entry);
  }
  const groups = new Map<string, ScheduleRequest & { screenIds: number[] }>();
  for (const { filmId, screenId, time, days } of weekdays.values()) {
    const sorted = [...days].sort((a, b) => a - b);
    const key = `${filmId}|${time}|${sorted.join(',')}`;
    const group = groups.get(key) ?? { filmId, screenIds: [], from: addDays(monday, 7), to: addDays(sunday, 7), weekdays: sorted, times: [time] };
    group.screenIds.push(screenId);
    groups.set(key, group);
  }
  const requests = [...groups.values()].map((r) => ({ ...r, screenIds: [...r.screenIds].sort((a, b) => a - b) }));
  return { requests, skipped, copied };
}
