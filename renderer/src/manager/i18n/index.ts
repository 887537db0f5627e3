// The manager's languages: the shared locales (one list for every app), each with the
// manager's own message file.
import type { Locale } from '../../shared/i18n/locales';
import { en, type ManagerMessages } from './en';
import { es } from './es';

export const MANAGER_LOCALES = { en, es } as const satisfies Record<Locale, ManagerMessages>;

export function managerMessagesFor(locale: Locale): ManagerMessages {
  return MANAGER_LOCALES[locale];
}

export type { ManagerMessages };
