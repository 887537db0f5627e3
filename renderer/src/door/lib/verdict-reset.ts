// The door's one setting: whether a ✓ or ✗ clears itself after some seconds. Off unless chosen:
// an answer that vanishes on a timer may go before it was read or heard, so by default it stays
// until the next scan or a tap on "Next guest". Kept in this browser (each door phone chooses).
export const VERDICT_RESET_KEY = 'marquee.door.verdictResetSeconds';

/** The delays the door offers, in seconds. */
export const VERDICT_RESET_CHOICES = [3, 5, 10, 20] as const;

export type SettingsStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/** The browser's localStorage, or none where the page may not use it (a sandbox, privacy mode). */
export function browserSettings(): SettingsStorage | undefined {
  try {
    return globalThis.localStorage ?? undefined;
  } catch {
    return undefined;
  }
}

/** Seconds before a verdict clears itself, or null (off) for nothing or anything not offered. */
export function readVerdictReset(storage: SettingsStorage | undefined): number | null {
  try {
    const seconds = Number(storage?.getItem(VERDICT_RESET_KEY));
    return (VERDICT_RESET_CHOICES as readonly number[]).includes(seconds) ? seconds : null;
  } catch {
    return null;
  }
}

export function writeVerdictReset(storage: SettingsStorage | undefined, seconds: number | null): void {
  try {
    if (seconds === null) storage?.removeItem(VERDICT_RESET_KEY);
    else storage?.setItem(VERDICT_RESET_KEY, String(seconds));
  } catch {
    // Not kept past this page: the choice still holds until it is closed.
  }
}
