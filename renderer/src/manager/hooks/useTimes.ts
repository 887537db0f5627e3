// Show times and stamps in the theatre's clock, in the manager's language.
import { useCallback } from 'react';
import { useNow } from '../../shared/hooks/useNow';
import { formatClock, formatDay, formatWhen, wallNow, wallOf } from '../../shared/lib/show-time';
import { formatFullWhen, formatStamp } from '../lib/time';
import { useManager, useManagerMessages } from '../store/context';

export interface Times {
  now: number;
  /** "Today 7:30 PM" */
  when(iso: string): string;
  /** "7:30 PM" */
  clock(iso: string): string;
  /** "Today", "Tomorrow", "Friday, 28 November" */
  day(iso: string): string;
  /** "Nov 27, 2026, 7:30:05 PM" */
  stamp(iso: string): string;
  /** "Tuesday, November 25, 2026 at 7:30 PM" (for paper) */
  full(iso: string): string;
}

export function useTimes(): Times {
  const m = useManagerMessages();
  const timeZone = useManager((s) => s.timeZone);
  const now = useNow();
  const when = useCallback((iso: string) => formatWhen(iso, now, timeZone, m.localeTag, m.day), [m, timeZone, now]);
  const clock = useCallback(
    (iso: string) => {
      const wall = wallOf(iso, timeZone);
      return wall === null ? iso : formatClock(wall, m.localeTag);
    },
    [m, timeZone],
  );
  const day = useCallback(
    (iso: string) => {
      const wall = wallOf(iso, timeZone);
      return wall === null ? iso : formatDay(wall, wallNow(now, timeZone, iso), m.localeTag, m.day);
    },
    [m, timeZone, now],
  );
  const stamp = useCallback((iso: string) => formatStamp(iso, timeZone, m.localeTag), [m, timeZone]);
  const full = useCallback((iso: string) => formatFullWhen(iso, timeZone, m.localeTag), [m, timeZone]);
  return { now, when, clock, day, stamp, full };
}
