// What the kiosk's first screen waits for, asked for while the page is still loading (main.tsx)
// and all at once: the show list, whether the held token is still a kiosk's, and the films'
// posters. Asked one after another by the store, each would wait for the app's code to arrive,
// run and render first, then for the one before it.
import type { Result } from '../../../../main/common/errors';
import type { OperationOutput } from '../../../../main/common/operations';
import type { Transport } from '../../shared/transport';

export interface KioskHeadStart {
  shows: Promise<Result<OperationOutput<'listShows'>>>;
  /** Null where the transport needs no pairing (the desktop app's own window). */
  self: Promise<Result<OperationOutput<'deviceSelf'>>> | null;
  films: Promise<Result<OperationOutput<'listFilms'>>>;
}

/** The first screen's requests, sent now; none for a page not paired yet (it shows the pairing screen). */
export function startKiosk(transport: Transport): KioskHeadStart | undefined {
  if (transport.pairing?.isPaired() === false) return undefined;
  // The browser's first date format loads its locale and calendar data (tens of ms, once per
  // page): done while the kiosk's code is still on its way, the film list's times then cost
  // nothing more.
  setTimeout(() => new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit', timeZone: 'UTC' }).format(0), 0);
  return {
    shows: transport.call('listShows', {}),
    self: transport.pairing ? transport.call('deviceSelf', {}) : null,
    films: transport.call('listFilms', {}),
  };
}
