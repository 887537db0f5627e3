// One entry point for every caller (IPC, REST, CLI, tests): role check, schema validation,
// then the operation itself.
import { MarqueeError } from '../../common/errors';
import { mayRun, type Actor, type OperationName, type OperationOutput, type ParsedInput } from '../../common/operations';
import { inputs } from '../../common/schemas';
import type { OperationContext, RunOptions } from './context';
import type { ShowRef } from './shows';
import { checkIn, doorShows, undoCheckIn } from './checkin';
import { createDeviceToken, createPairing, deviceSelf, listDeviceTokens, redeemPairing, revokeDeviceToken, serverStatus } from './admin';
import { salesReport } from './reports';
import { createFilm, listFilms, setFilmPoster, updateFilm } from './films';
import { createScreen, deleteScreen, listScreens, updateScreen } from './screens';
import { createShow, deleteShow, explainShowRefusal, listShowsForCaller, updateShow } from './shows';
import { book, move, deleteTicket, listByShowTime, searchTickets, ticketHistory, viewGuest } from './tickets';

type Handlers = {
  [K in OperationName]: (ctx: OperationContext, input: ParsedInput<K>, actor: Actor, options: RunOptions) => Promise<OperationOutput<K>>;
};

const handlers: Handlers = {
  book,
  move,
  delete: deleteTicket,
  listByShowTime,
  viewGuest,
  ticketHistory,
  listShows: listShowsForCaller,
  createShow,
  serverStatus,
  listTokens: listDeviceTokens,
  createToken: createDeviceToken,
  revokeToken: revokeDeviceToken,
  checkIn,
  undoCheckIn,
  doorShows,
  updateShow,
  deleteShow,
  searchTickets,
  salesReport,
  deviceSelf,
  createPairing,
  redeemPairing,
  createScreen,
  listScreens,
  updateScreen,
  deleteScreen,
  createFilm,
  listFilms,
  updateFilm,
  setFilmPoster,
};

/** Operations that only read; every other one may write. */
const READS: ReadonlySet<OperationName> = new Set<OperationName>([
  'listByShowTime', 'viewGuest', 'ticketHistory', 'listShows', 'serverStatus', 'listTokens',
  'searchTickets', 'salesReport', 'doorShows', 'deviceSelf', 'listScreens', 'listFilms',
]);

/** Validates `input` with the operation's schema; failures name the field at fault. */
export function parseInput<K extends OperationName>(name: K, input: unknown): ParsedInput<K> {
  const parsed = inputs[name].safeParse(input ?? {}, { reportInput: true });
  if (parsed.success) return parsed.data as ParsedInput<K>;
  const issue = parsed.error.issues[0];
  const field = issue?.path.length ? String(issue.path[0]) : undefined;
  if (field === undefined) {
    throw new MarqueeError('INVALID_INPUT', 'The request body must be a JSON object with the fields of this operation.');
  }
  const missing = issue?.code === 'invalid_type' && issue.input === undefined;
  const message = missing ? `${field}: is required` : `${field}: ${issue?.message}`;
  throw new MarqueeError('INVALID_INPUT', message, field);
}

export async function runOperation<K extends OperationName>(
  ctx: OperationContext, name: K, input: unknown, actor: Actor, options: RunOptions = {},
): Promise<OperationOutput<K>> {
  if (!mayRun(actor.role, name)) throw new MarqueeError('FORBIDDEN');
  const parsed = parseInput(name, input);
  // A refusal because of another show (SCREEN_BUSY, AMBIGUOUS_SHOW) is given its facts here, once for every operation.
  const explained = (err: unknown) => explainShowRefusal(ctx, err, parsed as ShowRef);
  if (READS.has(name)) return (handlers[name] as Handlers[K])(ctx, parsed, actor, options).catch(explained);
  try {
    return await (handlers[name] as Handlers[K])(ctx, parsed, actor, options).catch(explained);
  } finally {
    // Whatever it wrote, answers read before it are not served again (see read-caches.ts).
    ctx.writes.changed();
  }
}
