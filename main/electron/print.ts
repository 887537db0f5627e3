// Printing the ticket page: silently to the default printer at the kiosk (there is nobody to
// click a dialog), on the ticket's receipt paper — the page the kiosk lays out, so nothing is
// scaled; with the system dialog in the manager app where staff pick a printer and paper.
import type { WebContents, WebContentsPrintOptions } from 'electron';
import type { Result } from '../common/errors';
import { TICKET_PAGE_MICRONS } from '../common/ticket-paper';
import type { Logger } from '../core/log';
import type { ShellMode } from './mode';

export const PRINT_FAILED_MESSAGE = 'The ticket could not be printed. Please note your ticket number.';

export function printOptionsFor(mode: ShellMode): WebContentsPrintOptions {
  if (mode === 'kiosk') return { silent: true, printBackground: true, pageSize: { ...TICKET_PAGE_MICRONS } };
  return { silent: false, printBackground: true };
}

export function printPage(
  contents: Pick<WebContents, 'print'>,
  options: WebContentsPrintOptions,
  logger: Logger,
): Promise<Result<null>> {
  return new Promise((resolve) => {
    contents.print(options, (success, failureReason) => {
      if (success) return resolve({ ok: true, value: null });
      logger.warn({ failureReason }, 'printing failed');
      resolve({ ok: false, error: { code: 'INTERNAL', message: PRINT_FAILED_MESSAGE } });
    });
  });
}
