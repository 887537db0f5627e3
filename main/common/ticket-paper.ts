// The paper a ticket is printed on: an 80 mm thermal receipt roll, what lobby kiosks have.
// One source for the page the kiosk lays its ticket out on (the @page rule it adopts,
// renderer/src/kiosk/lib/ticket-page.ts) and the paper Electron's print job asks the printer
// for (main/electron/print.ts): when the two differ, Chromium scales the page to the paper.
export const TICKET_PAPER = {
  widthMm: 80,
  /** Fits the longest name and show title the contract allows (NAME_MAX, TITLE_MAX) on one page. */
  heightMm: 150,
  marginMm: 3,
} as const;

/**
 * The ticket's @page rule. `size` takes one length (a square) or two (width, then height):
 * a receipt roll has no fixed length, but `80mm auto` is not CSS and browsers drop the whole
 * declaration, printing on Letter or A4 instead.
 */
export const TICKET_PAGE_CSS = ticketPageRule();

/**
 * The same page as a rule, named for a page that prints on other paper too (the manager app's
 * counter receipts: `@page mgr-receipt`, taken by `page: mgr-receipt` while a receipt prints).
 */
export function ticketPageRule(name = ''): string {
  return `@page${name === '' ? '' : ` ${name}`} { size: ${TICKET_PAPER.widthMm}mm ${TICKET_PAPER.heightMm}mm; margin: ${TICKET_PAPER.marginMm}mm; }`;
}

/** The same page for Electron's `webContents.print({ pageSize })`, which counts in microns. */
export const TICKET_PAGE_MICRONS = { width: TICKET_PAPER.widthMm * 1000, height: TICKET_PAPER.heightMm * 1000 } as const;
