// Time phrases in the door's language: "Today 8:30 PM" for a show, "8:12 PM" for a moment
// today, the date too for one before; and money as it is written there.
import { SHARED_WORDS } from '../shared/i18n/locales';
import { useNow } from '../shared/hooks/useNow';
import { formatMoney } from '../shared/lib/money';
import { formatClock, formatWhen, momentOf, wallOf } from '../shared/lib/show-time';
import { useDoor } from './store/context';

export function useDoorTimes() {
  const words = SHARED_WORDS[useDoor((s) => s.locale)];
  const now = useNow();
  return {
    untitled: words.untitled,
    when: (iso: string) => formatWhen(iso, now, undefined, words.localeTag, words.day),
    clock: (iso: string) => {
      const wall = wallOf(iso, undefined);
      return wall === null ? iso : formatClock(wall, words.localeTag);
    },
    moment: (iso: string) => momentOf(iso, now, undefined, words.localeTag),
    /** Minor units of `currency` in the door's language: 1900, USD → "$19.00". */
    money: (minor: number, currency: string) => formatMoney(minor, currency, words.localeTag),
  };
}
