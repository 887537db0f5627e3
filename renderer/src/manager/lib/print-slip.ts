// Printing on the 80 mm roll from the manager app (a reprinted ticket, a Z-report): the page
// the kiosk's ticket uses (main/common/ticket-paper.ts, adopted as a constructed sheet so the
// CSP allows it) and a class on <html> that makes paper show the slip alone (manager.css).
import { adoptTicketPage } from '../../shared/lib/ticket-page';

export const SLIP_CLASS = 'print-slip-mode';

/** Runs `print` with the 80 mm page and only `slip` (a class of what to print) on paper. */
export async function printSlip<T>(slip: 'ticket' | 'zreport', print: () => Promise<T>): Promise<T> {
  const root = document.documentElement;
  const drop = adoptTicketPage(document);
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
