// Where a kiosk screen's controls are: every control a guest can touch, measured in the page
// (what is on screen of it: a list's own scrolling clips it), grouped by the group or dialog
// that holds it, for the reach table (docs/ARCHITECTURE.md, "The kiosk's reach").
import type { Page } from 'playwright-core';

/**
 * The top of the reach zone, in CSS pixels from the top of a 1080 × 1920 portrait screen: a 43″
 * panel is 95 cm tall (0.05 cm a pixel); mounted 80 cm up, a forward reach of 122 cm (the ADA's
 * and EN 17210's high limit for a seated person) ends 42 cm up the screen, 850 px from its foot:
 * y ≥ 1,070. 1,100 leaves 1.5 cm to spare. In landscape (1920 × 1080, 54 cm tall) the same reach
 * ends 233 px down.
 */
export const REACH_TOP = { portrait: 1100, landscape: 233 } as const;

export interface ControlPlace {
  /** The group (keyboard, keypad, dialog, film) or the control's own name. */
  control: string;
  count: number;
  /** The highest top edge of any of them, in CSS px from the top of the viewport. */
  top: number;
  bottom: number;
}

/** Every visible, enabled or disabled, control not behind a dialog (inert), grouped. */
export function measureControls(page: Page): Promise<ControlPlace[]> {
  return page.evaluate(() => {
    const SELECTOR = 'button, input, select, textarea, a[href], summary, [role="button"], [tabindex]:not([tabindex="-1"])';
    const nameOf = (el: Element) =>
      (el.getAttribute('aria-label') ?? (el instanceof HTMLInputElement ? el.labels?.[0]?.textContent : null) ?? el.textContent ?? '')
        .replace(/\s+/g, ' ')
        .trim()
        .slice(0, 40);
    const groups = new Map<string, { count: number; top: number; bottom: number }>();
    for (const el of document.querySelectorAll(SELECTOR)) {
      if (el.closest('[inert], [hidden], .sr-only')) continue;
      // The printed ticket (an article) and the read zone take focus only so a keyboard can scroll
      // them; they are read, never tapped.
      if (el.matches('article[tabindex="0"], [data-read-zone]')) continue;
      const rect = el.getBoundingClientRect();
      if (rect.width < 2 || rect.height < 2) continue;
      let top = rect.top;
      let bottom = rect.bottom;
      // What of it a scrolling ancestor shows (up to a fixed layer, which none of them clips).
      for (let up = el.parentElement; up; up = up.parentElement) {
        const style = getComputedStyle(up);
        if (style.position === 'fixed') break;
        if (style.overflowY === 'visible') continue;
        const box = up.getBoundingClientRect();
        top = Math.max(top, box.top);
        bottom = Math.min(bottom, box.bottom);
      }
      top = Math.max(top, 0);
      bottom = Math.min(bottom, window.innerHeight);
      if (bottom - top < 2) continue;
      const holder = el.closest('[role="group"][aria-label], [role="dialog"], [role="alertdialog"], section[aria-labelledby], .film');
      const holderName = holder
        ? holder.getAttribute('aria-label') ??
          (holder.getAttribute('aria-labelledby') ? document.getElementById(holder.getAttribute('aria-labelledby')!.split(' ')[0]!)?.textContent : null) ??
          holder.querySelector('h2, h3')?.textContent ??
          ''
        : '';
      const key = holder ? `${holder.getAttribute('role') ?? 'list'}: ${holderName}` : nameOf(el);
      const group = groups.get(key) ?? { count: 0, top: Infinity, bottom: -Infinity };
      group.count += 1;
      group.top = Math.min(group.top, top);
      group.bottom = Math.max(group.bottom, bottom);
      groups.set(key, group);
    }
    return [...groups].map(([control, g]) => ({ control, count: g.count, top: Math.round(g.top), bottom: Math.round(g.bottom) }));
  });
}

/** The table's rows for one screen, "screen | control (n) | top–bottom | ✓/✗". */
export function reachRows(screen: string, places: ControlPlace[], reachTop: number): string[] {
  return places.map((p) => `${screen.padEnd(22)} | ${`${p.control}${p.count > 1 ? ` (${p.count})` : ''}`.padEnd(52)} | ${String(p.top).padStart(4)}–${String(p.bottom).padEnd(4)} | ${p.top >= reachTop ? 'in reach' : 'TOO HIGH'}`);
}
