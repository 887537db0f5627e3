// The 80 mm ticket page (the kiosk's ticket, the counter's reprint and Z-report) is the ticket's paper. The rule is adopted from the contract's
// constant rather than written in kiosk.css, so the page laid out and the paper Electron asks
// the printer for cannot drift apart (main/common/ticket-paper.ts). A constructed sheet is not
// inline style, so the page's style-src 'self' policy allows it.
import { ticketPageRule } from '../../../../main/common/ticket-paper';

/**
 * Adopts the ticket's @page rule on `doc` — unnamed (the kiosk's every page), or named `page` for
 * an app whose other pages print on the printer's own sheet (the manager's `mgr-receipt`) —
 * and returns how to remove it again.
 */
export function adoptTicketPage(doc: Document = document, page = ''): () => void {
  const View = doc.defaultView;
  if (!View || !('adoptedStyleSheets' in doc)) return () => undefined;
  const sheet = new View.CSSStyleSheet();
  sheet.replaceSync(ticketPageRule(page));
  doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, sheet];
  return () => {
    doc.adoptedStyleSheets = doc.adoptedStyleSheets.filter((adopted) => adopted !== sheet);
  };
}
