// Keys that would let a guest leave, reload, zoom or inspect a locked station (kiosk, door).
// Blocked before the page sees them; the manager app keeps them all. Zoom keys are blocked on
// the kiosk only: the door's staff may enlarge their page (WCAG 1.4.4), the kiosk has "Aa".
import type { Input, WebContents } from 'electron';
import type { ShellMode } from './mode';

export type KeyInput = Pick<Input, 'key' | 'code' | 'control' | 'meta' | 'alt' | 'shift'>;

const BARE_BLOCKED_KEYS = new Set(['F5', 'F11', 'F12', 'BrowserRefresh', 'BrowserBack', 'BrowserForward', 'BrowserHome']);
/** With Ctrl (Cmd): reload, close, quit, print dialog. */
const CTRL_BLOCKED_KEYS = new Set(['r', 'w', 'q', 'p', 'F4', 'F5']);
/** With Ctrl (Cmd): zoom in / out / reset, by key and by the numeric keypad's codes. */
const CTRL_ZOOM_KEYS = new Set(['+', '=', '-', '_', '0']);
const CTRL_ZOOM_CODES = new Set(['NumpadAdd', 'NumpadSubtract', 'Numpad0']);
/** With Ctrl+Shift: the developer tools (elements, console, inspect). */
const CTRL_SHIFT_BLOCKED_KEYS = new Set(['i', 'j', 'c']);

export function isBlockedKioskShortcut(input: KeyInput, { allowZoom = false } = {}): boolean {
  const key = input.key.length === 1 ? input.key.toLowerCase() : input.key;
  if (BARE_BLOCKED_KEYS.has(key)) return true;
  if (input.alt && (key === 'F4' || key === 'ArrowLeft' || key === 'ArrowRight')) return true;
  const ctrl = input.control || input.meta;
  if (!ctrl) return false;
  if (input.shift && CTRL_SHIFT_BLOCKED_KEYS.has(key)) return true;
  if (CTRL_BLOCKED_KEYS.has(key)) return true;
  return !allowZoom && (CTRL_ZOOM_KEYS.has(key) || CTRL_ZOOM_CODES.has(input.code));
}

export function setupKioskShortcuts(contents: Pick<WebContents, 'on'>, mode: ShellMode): void {
  const allowZoom = mode !== 'kiosk';
  contents.on('before-input-event', (event, input) => {
    if (isBlockedKioskShortcut(input, { allowZoom })) event.preventDefault();
  });
}
