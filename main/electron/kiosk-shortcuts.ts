// Keys that would let a guest leave, reload, zoom or inspect the kiosk. Blocked before the
// page sees them; the manager app keeps them.
import type { Input, WebContents } from 'electron';

export type KeyInput = Pick<Input, 'key' | 'code' | 'control' | 'meta' | 'alt' | 'shift'>;

const BARE_BLOCKED_KEYS = new Set(['F5', 'F11', 'F12', 'BrowserRefresh', 'BrowserBack', 'BrowserForward', 'BrowserHome']);
/** With Ctrl (Cmd): reload, close, quit, print dialog, and zoom in / out / reset. */
const CTRL_BLOCKED_KEYS = new Set(['r', 'w', 'q', 'p', 'F4', 'F5', '+', '=', '-', '_', '0']);
const CTRL_BLOCKED_CODES = new Set(['NumpadAdd', 'NumpadSubtract', 'Numpad0']);
/** With Ctrl+Shift: the developer tools (elements, console, inspect). */
const CTRL_SHIFT_BLOCKED_KEYS = new Set(['i', 'j', 'c']);

export function isBlockedKioskShortcut(input: KeyInput): boolean {
  const key = input.key.length === 1 ? input.key.toLowerCase() : input.key;
  if (BARE_BLOCKED_KEYS.has(key)) return true;
  if (input.alt && (key === 'F4' || key === 'ArrowLeft' || key === 'ArrowRight')) return true;
  const ctrl = input.control || input.meta;
  if (!ctrl) return false;
  if (input.shift && CTRL_SHIFT_BLOCKED_KEYS.has(key)) return true;
  return CTRL_BLOCKED_KEYS.has(key) || CTRL_BLOCKED_CODES.has(input.code);
}

export function setupKioskShortcuts(contents: Pick<WebContents, 'on'>): void {
  contents.on('before-input-event', (event, input) => {
    if (isBlockedKioskShortcut(input)) event.preventDefault();
  });
}
