// The languages every app speaks, and the words all apps say alike. Adding a language means
// a line here plus one message file per app (each app's Messages type checks every key).
export const LOCALES = ['en', 'es'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'en';

/** The language after `locale`, for the one-tap language toggle. */
export function nextLocale(locale: Locale): Locale {
  return LOCALES[(LOCALES.indexOf(locale) + 1) % LOCALES.length]!;
}

export interface SharedWords {
  localeTag: string;
  languageToggle: { label: string; lang: Locale; aria: string };
  appName: string;
  day: { today: string; tomorrow: string };
  untitled: string;
  /** A cancelled ticket's code, looked up at the kiosk or scanned at the door. */
  ticketCancelled: {
    /** `day` is null for today ("March 3" otherwise); `clock` is "7:05 PM". */
    at(day: string | null, clock: string): string;
    unknown: string;
  };
  /** A ticket whose screening the theatre called off (/show/cancel), with the reason it gave. */
  screeningCancelled(reason: string | null): string;
}

export const SHARED_WORDS: Record<Locale, SharedWords> = {
  en: {
    localeTag: 'en-US',
    languageToggle: { label: 'Español', lang: 'es', aria: 'Cambiar el idioma a español' },
    appName: 'Marquee',
    day: { today: 'Today', tomorrow: 'Tomorrow' },
    untitled: 'Feature presentation',
    ticketCancelled: {
      at: (day, clock) => (day === null ? `This ticket was cancelled today at ${clock}.` : `This ticket was cancelled on ${day} at ${clock}.`),
      unknown: 'This ticket was cancelled.',
    },
    screeningCancelled: (reason) => (reason ? `This screening was cancelled: ${reason}.` : 'This screening was cancelled.'),
  },
  es: {
    localeTag: 'es-ES',
    languageToggle: { label: 'English', lang: 'en', aria: 'Switch the language to English' },
    appName: 'Marquee',
    day: { today: 'Hoy', tomorrow: 'Mañana' },
    untitled: 'Función especial',
    ticketCancelled: {
      // "a la 1:05", "a las 14:05"
      at: (day, clock) => {
        const at = /^1[:.]/.test(clock) ? `a la ${clock}` : `a las ${clock}`;
        return day === null ? `Esta entrada se anuló hoy ${at}.` : `Esta entrada se anuló el ${day} ${at}.`;
      },
      unknown: 'Esta entrada se anuló.',
    },
    screeningCancelled: (reason) => (reason ? `Esta función se canceló: ${reason}.` : 'Esta función se canceló.'),
  },
};
