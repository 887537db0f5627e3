// The counter's paper: a sale's ticket and its receipt print on the ticket's 80 mm roll
// (main/common/ticket-paper.ts), the roster and reports on the printer's own sheet. The 80 mm
// page is a named page adopted from the contract's constant, as the kiosk adopts its own
// (shared/lib/ticket-page.ts): a constructed sheet, so the style-src 'self' policy allows it.
// Which of the two a print carries is `data-paper` on the root (manager.css, @media print).
import { adoptTicketPage } from '../../shared/lib/ticket-page';

export type PaperKind = 'receipt' | 'ticket';

/** The named page the counter's paper prints on (manager.css: `page: mgr-receipt`). */
export const RECEIPT_PAGE = 'mgr-receipt';

/** Adopts the 80 mm page rule and marks `kind` as what prints; returns how to undo both. */
export function adoptCounterPaper(kind: PaperKind = 'receipt', doc: Document = document): () => void {
  choosePaper(kind, doc);
  const drop = adoptTicketPage(doc, RECEIPT_PAGE);
  return () => {
    drop();
    delete doc.documentElement.dataset.paper;
  };
}

/** Which paper the next print carries; set before printing, since print() reads the page as it is. */
export function choosePaper(kind: PaperKind, doc: Document = document): void {
  doc.documentElement.dataset.paper = kind;
}
