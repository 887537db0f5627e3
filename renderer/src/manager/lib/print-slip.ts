// Printing on the 80 mm roll from the manager app (a reprinted ticket, a Z-report): the named
// page the counter's receipt prints on (lib/paper.ts: the kiosk's ticket page, adopted as a
// constructed sheet so the CSP allows it) and a class on <html> that makes paper show the slip
// alone (manager.css).
import { adoptTicketPage } from '../../shared/lib/ticket-page';
import { RECEIPT_PAGE } from './paper';

export const SLIP_CLASS = 'print-slip-mode';

/** Runs `print` with the 80 mm page and only `slip` (a class of what to print) on paper. */
export async function printSlip<T>(slip: 'ticket' | 'zreport', print: () => Promise<T>): Promise<T> {
  const root = document.documentElement;
  const drop = adoptTicketPage(document, RECEIPT_PAGE);
  root.classList.add(SLIP_CLASS);
  root.dataset.slip = slip;
  try {
    return await print();
  } finally {
    root.classList.remove(SLIP_CLASS);
    delete root.dataset.slip;
    drop();
  }
}
