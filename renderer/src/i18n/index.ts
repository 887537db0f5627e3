// The kiosk's languages. Adding one means a new message file and a line here.
import { en, type Messages } from './en';
import { es } from './es';

export const LOCALES = { en, es } as const satisfies Record<string, Messages>;
export type Locale = keyof typeof LOCALES;
export const DEFAULT_LOCALE: Locale = 'en';

export function messagesFor(locale: Locale): Messages {
  return LOCALES[locale];
}

export type { Messages };
