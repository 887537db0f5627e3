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
  /**
   * The answers already in, noted as each arrives. A store made after them starts with the film
   * list, so the kiosk's first render draws it: read from the promises, it would come a task
   * later, after a painted "Loading" frame.
   */
  answers?: HeadStartAnswers;
}

export interface HeadStartAnswers {
  shows?: Result<OperationOutput<'listShows'>>;
  self?: Result<OperationOutput<'deviceSelf'>>;
  films?: Result<OperationOutput<'listFilms'>>;
}

/** The first screen's requests, sent now; none for a page not paired yet (it shows the pairing screen). */
export function startKiosk(transport: Transport): KioskHeadStart | undefined {
  if (transport.pairing?.isPaired() === false) return undefined;
  // The browser's first date format loads its locale and calendar data (tens of ms, once per
  // page): done while the kiosk's code is still on its way, the film list's times then cost
  // nothing more.
  setTimeout(() => new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit', timeZone: 'UTC' }).format(0), 0);
  const answers: HeadStartAnswers = {};
  return {
    shows: noted(transport.call('listShows', {}), (answer) => (answers.shows = answer)),
    self: transport.pairing ? noted(transport.call('deviceSelf', {}), (answer) => (answers.self = answer)) : null,
    films: noted(transport.call('listFilms', {}), (answer) => (answers.films = answer)),
    answers,
  };
}

/** `asked`, with its answer handed to `note` when it comes (before anyone awaiting `asked` sees it). */
function noted<T>(asked: Promise<T>, note: (answer: T) => void): Promise<T> {
  asked.then(note, () => {});
  return asked;
}
