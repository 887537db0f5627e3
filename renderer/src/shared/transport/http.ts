// Transport for a browser on the theatre LAN: HTTPS to the listener that serves this UI,
// authenticated with the kiosk token entered once on the pairing screen.
import { ERRORS, isErrorCode, type ErrorBody, type ErrorCode, type Result } from '../../../../main/common/errors';
import { IDEMPOTENCY_HEADER, OPERATIONS, type CallOptions, type OperationInput, type OperationName, type OperationOutput } from '../../../../main/common/operations';
import type { SeatUpdate } from '../../../../main/common/schemas';
import { createSseParser } from './sse';
import type { Pairing, Transport } from './transport';

export const TOKEN_KEY = 'marquee.kioskToken';
/** The manager pairs under its own key, so pairing a manager in a browser never turns that
 * browser's kiosk page into a manager-token kiosk. */
export const MANAGER_TOKEN_KEY = 'marquee.managerToken';
/** A phone at the door keeps its door token apart from any kiosk or manager pairing. */
export const DOOR_TOKEN_KEY = 'marquee.doorToken';
export const SEAT_STREAM_PATH = '/show/seats/stream';

export interface HttpTransportOptions {
  fetch?: typeof fetch;
  storage?: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;
  /** Where the pairing is kept (TOKEN_KEY for the kiosk, MANAGER_TOKEN_KEY / DOOR_TOKEN_KEY for the others). */
  tokenKey?: string;
  print?: () => void;
  /** An answer slower than this counts as the box office being unreachable. */
  requestTimeoutMs?: number;
  /** Reconnect back-off of the seat stream. */
  streamRetryMs?: { min: number; max: number };
}

function failure(
  code: ErrorCode, message: string = ERRORS[code].message, field?: string, details?: Record<string, string>,
): { ok: false; error: ErrorBody } {
  const error: ErrorBody = { code, message };
  if (field !== undefined) error.field = field;
  if (details !== undefined) error.details = details;
  return { ok: false, error };
}

/** Only string facts pass: the door words them in its own language (e.g. when and by which door). */
function readDetails(value: unknown): Record<string, string> | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const entries = Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === 'string');
  return entries.length > 0 ? Object.fromEntries(entries) : undefined;
}

// A body we cannot read still has a status; the closest code keeps the UI's reaction right.
function codeForStatus(status: number): ErrorCode {
  const match = (Object.keys(ERRORS) as ErrorCode[]).find((code) => ERRORS[code].status === status);
  return match ?? (status >= 500 ? 'INTERNAL' : 'INVALID_INPUT');
}

function parseErrorBody(body: unknown, status: number, retryAfter: string | null): { ok: false; error: ErrorBody } {
  const error = (body as { error?: Partial<ErrorBody> } | null)?.error;
  // How long to wait travels as a header; the apps read it with the other facts, as `retryAfter` (seconds).
  const waited = (details: Record<string, string> | undefined) => (retryAfter === null || details?.retryAfter !== undefined ? details : { ...details, retryAfter });
  if (error && isErrorCode(error.code)) {
    return failure(
      error.code,
      typeof error.message === 'string' ? error.message : undefined,
      typeof error.field === 'string' ? error.field : undefined,
      waited(readDetails(error.details)),
    );
  }
  return failure(codeForStatus(status), undefined, undefined, waited(undefined));
}

interface TokenStore extends Pairing {
  token(): string | null;
}

function tokenStore(storage: HttpTransportOptions['storage'], key: string): TokenStore {
  // Private browsing or a locked-down profile may refuse storage; the pairing then lasts the session.
  let memory: string | null = null;
  const forgetListeners = new Set<() => void>();
  const attempt = (action: () => void) => {
    try {
      action();
    } catch {
      /* memory alone carries the token */
    }
  };
  const token = () => {
    let stored: string | null = null;
    attempt(() => (stored = storage?.getItem(key) ?? null));
    return stored ?? memory;
  };
  return {
    token,
    isPaired: () => Boolean(token()),
    pair(value) {
      memory = value.trim();
      attempt(() => storage?.setItem(key, memory ?? ''));
    },
    forget() {
      const wasPaired = Boolean(token());
      memory = null;
      attempt(() => storage?.removeItem(key));
      if (wasPaired) for (const listener of forgetListeners) listener();
    },
    onForget(listener) {
      forgetListeners.add(listener);
      return () => forgetListeners.delete(listener);
    },
  };
}

export function createHttpTransport(options: HttpTransportOptions = {}): Transport {
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init));
  const storage = options.storage ?? safeLocalStorage();
  const tokens = tokenStore(storage, options.tokenKey ?? TOKEN_KEY);
  const token = tokens.token;
  const pairing: Pairing = { isPaired: tokens.isPaired, pair: tokens.pair, forget: tokens.forget, onForget: tokens.onForget };
  const timeoutMs = options.requestTimeoutMs ?? 20_000;
  const retry = options.streamRetryMs ?? { min: 1_000, max: 30_000 };

  const headers = (extra: Record<string, string> = {}) => ({ authorization: `Bearer ${token() ?? ''}`, ...extra });

  async function call<K extends OperationName>(name: K, input: OperationInput<K>, options: CallOptions = {}): Promise<Result<OperationOutput<K>>> {
    let response: Response;
    const idempotency: Record<string, string> = options.idempotencyKey ? { [IDEMPOTENCY_HEADER]: options.idempotencyKey } : {};
    try {
      response = await doFetch(OPERATIONS[name].path, {
        method: 'POST',
        headers: headers({ 'content-type': 'application/json', accept: 'application/json', ...idempotency }),
        body: JSON.stringify(input),
        signal: AbortSignal.timeout(options.timeoutMs ?? timeoutMs),
        cache: 'no-store',
      });
    } catch {
      // No answer at all looks the same to a guest as a database outage: wait and retry.
      return failure('DB_UNAVAILABLE');
    }
    let body: unknown = null;
    try {
      body = await response.json();
    } catch {
      body = null;
    }
    if (response.status === 401) pairing.forget();
    if (!response.ok) return parseErrorBody(body, response.status, response.headers.get('retry-after'));
    if (body !== null && typeof body === 'object' && !Array.isArray(body) && 'result' in body) {
      // Mutations carry the original API's sentence for old clients; it is not part of the output.
      const { result: _legacy, ...output } = body as Record<string, unknown>;
      return { ok: true, value: output as OperationOutput<K> };
    }
    return { ok: true, value: body as OperationOutput<K> };
  }

  function onSeats(listener: (update: SeatUpdate) => void): () => void {
    const controller = new AbortController();
    let delay = retry.min;
    const parse = createSseParser(({ event, data }) => {
      if (event !== 'seats') return;
      try {
        listener(JSON.parse(data) as SeatUpdate);
      } catch {
        /* a malformed event is skipped; the next full refresh corrects the numbers */
      }
    });

    const pause = (ms: number) =>
      new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, ms);
        controller.signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
      });

    async function readOnce(): Promise<void> {
      if (!token()) return;
      const response = await doFetch(SEAT_STREAM_PATH, {
        headers: headers({ accept: 'text/event-stream' }),
        signal: controller.signal,
        cache: 'no-store',
      });
      // A revoked device's stream is ended by the server and its reconnect refused: unpaired now.
      if (response.status === 401) pairing.forget();
      if (!response.ok || !response.body) return;
      delay = retry.min;
      const reader = response.body.getReader();
      const decoder = new TextDecoder();
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        parse(decoder.decode(value, { stream: true }));
      }
    }

    void (async () => {
      while (!controller.signal.aborted) {
        try {
          await readOnce();
        } catch {
          /* dropped connection: fall through to the back-off */
        }
        if (controller.signal.aborted) return;
        await pause(delay);
        delay = Math.min(delay * 2, retry.max);
      }
    })();

    return () => controller.abort();
  }

  return {
    kind: 'http',
    pairing,
    call,
    onSeats,
    async printTicket() {
      (options.print ?? (() => window.print()))();
      return { ok: true, value: null };
    },
    theatreTimeZone: async () => undefined,
  };
}

function safeLocalStorage(): Storage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined;
  }
}
