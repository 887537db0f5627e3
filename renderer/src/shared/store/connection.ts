// The connection slice every app's store is built on: the show list (with live seats where
// the app has a seat stream), the outage probe, the periodic refresh, the locale, and one way
// to run a request. What differs between apps (which shows to ask for, what a common error
// means, what to redo after an outage) comes in as hooks, so the plumbing is written once.
import type { ErrorBody, Result } from '../../../../main/common/errors';
import type { CallOptions, OperationInput, OperationName, OperationOutput } from '../../../../main/common/operations';
import type { SeatUpdate, Show } from '../../../../main/common/schemas';
import { DEFAULT_LOCALE, nextLocale, type Locale } from '../i18n/locales';
import { applySeatUpdate } from '../lib/shows';
import type { Transport } from '../transport';
import { createOutageProbe, DEFAULT_OUTAGE_RETRY_MS, type OutageRetryMs } from './outage';

export interface ConnectionData<S = Show> {
  locale: Locale;
  /** The theatre's IANA zone when the host tells us (Electron). */
  timeZone: string | undefined;
  shows: S[];
  showsLoaded: boolean;
  /** A request the user is waiting for. */
  busy: boolean;
  /** The box office is unreachable; a probe retries in the background. */
  outage: boolean;
}

export interface ConnectionActions {
  setLocale(locale: Locale): void;
  toggleLocale(): void;
  refreshShows(): Promise<void>;
  seatsChanged(update: SeatUpdate): void;
}

/**
 * What to do once the box office answers again: re-run a read, or 'ask' the user to repeat a
 * change (a mutation is never replayed on its own, so nothing happens twice).
 */
export type Resume = (() => Promise<void>) | 'ask';

/** Where an app's show list comes from. */
export interface ShowsFeed<S> {
  read(): Promise<Result<S[]>>;
  /** The settings the list is read with: an answer read with other settings than now's is stale. */
  key(): string;
  /** Applies a live seat update (null: a show not in the list, read it all again). Without it the app has no seat stream. */
  applySeats?(shows: readonly S[], update: SeatUpdate): S[] | null;
}

/** The seat-carrying show list of the kiosk and the manager, read with `input`'s settings. */
export function listShowsFeed(transport: Transport, input: () => OperationInput<'listShows'>): ShowsFeed<Show> {
  return {
    read: () => transport.call('listShows', input()),
    key: () => JSON.stringify(input()),
    applySeats: applySeatUpdate,
  };
}

export interface ConnectionOptions<S = Show> {
  transport: Transport;
  locale?: Locale;
  /** Back-off of the background probe while the box office is unreachable. */
  outageRetryMs?: OutageRetryMs;
  /** How often the show list is re-read in full, besides live seat updates. */
  refreshEveryMs?: number;
  /** The show list, already asked for while the page was loading: the first refresh uses it. */
  firstShows?: Promise<Result<S[]>>;
}

export interface ConnectionHooks<S = Show> {
  /** Which shows this app lists. */
  shows: ShowsFeed<S>;
  /** Errors every request of this app treats alike (pairing again, rate limits, a notice). */
  commonError(error: ErrorBody): void;
  /** A refresh failed for another reason than an outage. */
  refreshFailed(error: ErrorBody): void;
  /** The box office answers again; `resume` is what the outage left to do. */
  reconnected(resume: Resume | null): Promise<void> | void;
  seatsChanged?(update: SeatUpdate): void;
  /** The periodic refresh is due: what the app re-reads on the show list's cadence besides it. */
  ticked?(): void;
  connected?(): void;
  disconnected?(): void;
}

export interface RequestOptions {
  /** Set `busy` while waiting: the user waits for this one. */
  busy: boolean;
  onOutage: Resume;
  /** Explains the errors the caller knows; true = handled, false = the common handling. */
  handle?: (error: ErrorBody) => boolean;
  call?: CallOptions;
}

export interface Connection<S = Show> {
  initial: ConnectionData<S>;
  actions: ConnectionActions;
  connect(): void;
  disconnect(): void;
  enterOutage(resume: Resume): void;
  /** Resolves once the show list being read now (if any) has arrived. */
  refreshed(): Promise<void>;
  request<K extends OperationName>(name: K, input: OperationInput<K>, options: RequestOptions): Promise<Result<OperationOutput<K>>>;
}

type SetConnection<S> = (partial: Partial<ConnectionData<S>>) => void;
type GetConnection<S> = () => ConnectionData<S> & ConnectionActions;

export function createConnection<S = Show>(
  set: SetConnection<S>,
  get: GetConnection<S>,
  options: ConnectionOptions<S>,
  hooks: ConnectionHooks<S>,
): Connection<S> {
  const { transport } = options;
  const feed = hooks.shows;
  const refreshEveryMs = options.refreshEveryMs ?? 60_000;
  const outageProbe = createOutageProbe(options.outageRetryMs ?? DEFAULT_OUTAGE_RETRY_MS, probe);
  // Plumbing lives outside the state: nothing to render, only to clean up.
  let unsubscribeSeats: (() => void) | null = null;
  let refreshTimer: ReturnType<typeof setInterval> | null = null;
  let afterOutage: Resume | null = null;
  let refreshing: Promise<void> | null = null;
  let firstShows = options.firstShows;

  function connect() {
    disconnect();
    if (feed.applySeats) unsubscribeSeats = transport.onSeats((update) => get().seatsChanged(update));
    refreshTimer = setInterval(() => {
      void get().refreshShows();
      hooks.ticked?.();
    }, refreshEveryMs);
    void get().refreshShows();
    hooks.connected?.();
  }

  function disconnect() {
    unsubscribeSeats?.();
    unsubscribeSeats = null;
    if (refreshTimer !== null) clearInterval(refreshTimer);
    refreshTimer = null;
    outageProbe.stop();
    hooks.disconnected?.();
  }

  function enterOutage(resume: Resume) {
    // 'ask' wins over a read: the user must learn that a change may not have gone through.
    if (afterOutage === null || resume === 'ask') afterOutage = resume;
    if (get().outage) return;
    set({ outage: true });
    outageProbe.start();
  }

  async function probe() {
    const result = await feed.read();
    if (!result.ok && result.error.code === 'DB_UNAVAILABLE') return outageProbe.retry();
    set({ outage: false });
    if (!result.ok) return hooks.commonError(result.error);
    set({ shows: result.value, showsLoaded: true });
    const resume = afterOutage;
    afterOutage = null;
    await hooks.reconnected(resume);
  }

  async function request<K extends OperationName>(
    name: K,
    input: OperationInput<K>,
    { busy, onOutage, handle, call }: RequestOptions,
  ): Promise<Result<OperationOutput<K>>> {
    if (busy) set({ busy: true });
    let result: Result<OperationOutput<K>>;
    try {
      result = await transport.call(name, input, call);
    } finally {
      if (busy) set({ busy: false });
    }
    if (result.ok) return result;
    if (result.error.code === 'DB_UNAVAILABLE') enterOutage(onOutage);
    else if (!(handle?.(result.error) ?? false)) hooks.commonError(result.error);
    return result;
  }

  const actions: ConnectionActions = {
    setLocale(locale) {
      set({ locale });
    },

    toggleLocale() {
      set({ locale: nextLocale(get().locale) });
    },

    refreshShows() {
      // Seat updates, timers and actions may ask at once; one request answers all of them.
      refreshing ??= (async () => {
        try {
          const key = feed.key();
          const prefetched = firstShows;
          firstShows = undefined;
          const result = await (prefetched ?? feed.read());
          // A list asked for with other settings than the ones now on screen is stale.
          const current = key === feed.key();
          if (result.ok) {
            if (current) set({ shows: result.value, showsLoaded: true });
          } else if (result.error.code === 'DB_UNAVAILABLE') enterOutage(async () => {});
          else hooks.refreshFailed(result.error);
        } finally {
          refreshing = null;
        }
      })();
      return refreshing;
    },

    seatsChanged(update) {
      const shows = feed.applySeats?.(get().shows, update) ?? null;
      if (shows === null) void get().refreshShows();
      else set({ shows });
      hooks.seatsChanged?.(update);
    },
  };

  const initial: ConnectionData<S> = {
    locale: options.locale ?? DEFAULT_LOCALE,
    timeZone: undefined,
    shows: [],
    showsLoaded: false,
    busy: false,
    outage: false,
  };

  const refreshed = async () => {
    await refreshing;
  };

  return { initial, actions, connect, disconnect, enterOutage, refreshed, request };
}
