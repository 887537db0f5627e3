// The kiosk's message files, one per shared locale (the Record type checks none is missing).
import type { Locale } from '../../shared/i18n/locales';
import { en, type Messages } from './en';
import { es } from './es';

export const KIOSK_MESSAGES = { en, es } as const satisfies Record<Locale, Messages>;

export function messagesFor(locale: Locale): Messages {
  return KIOSK_MESSAGES[locale];
}

export type { Messages };
