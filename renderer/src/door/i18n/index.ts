// The door's message files, one per shared locale (the Record type checks none is missing).
import type { Locale } from '../../shared/i18n/locales';
import { en, type Messages } from './en';
import { es } from './es';

export const DOOR_MESSAGES = { en, es } as const satisfies Record<Locale, Messages>;

export function messagesFor(locale: Locale): Messages {
  return DOOR_MESSAGES[locale];
}

export type { Messages };
