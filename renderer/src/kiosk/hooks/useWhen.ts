import { useCallback } from 'react';
import { formatPrintedWhen, formatWhen } from '../../shared/lib/show-time';
import { useKiosk, useMessages } from '../store/context';
import { useNow } from '../../shared/hooks/useNow';

/** Formats a show time as the guest reads it: "Today 7:30 PM", in the theatre's clock. */
export function useWhen(): (iso: string) => string {
  const m = useMessages();
  const timeZone = useKiosk((s) => s.timeZone);
  const now = useNow();
  return useCallback((iso: string) => formatWhen(iso, now, timeZone, m.localeTag, m.day), [m, timeZone, now]);
}

/** Formats a show time for paper: "Wed, Dec 3 · 5:28 PM", the same on any day it is read. */
export function usePrintedWhen(): (iso: string) => string {
  const m = useMessages();
  const timeZone = useKiosk((s) => s.timeZone);
  return useCallback((iso: string) => formatPrintedWhen(iso, timeZone, m.localeTag), [m, timeZone]);
}
