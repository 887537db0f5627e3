// One entry point for every caller (IPC, REST, CLI, tests): role check and schema validation
// (checkCall), then the operation itself (runChecked), each once per request.
import { MarqueeError } from '../../common/errors';
import { changesKeptAnswers, mayRun, type Actor, type OperationName, type OperationOutput, type ParsedInput } from '../../common/operations';
import { inputs } from '../../common/schemas';
import type { OperationContext, RunOptions } from './context';
import type { ShowRef } from './shows';
import { checkIn, doorShows, undoCheckIn } from './checkin';
import { checkinConflicts, doorSnapshot, updateToken } from './door';
import { createDeviceToken, createPairing, deviceSelf, listDeviceTokens, redeemPairing, revokeDeviceToken, serverStatus } from './admin';
import { cancelShow, rescheduleShow, scheduleShows } from './program';
import { filmReport, salesReport } from './reports';
import { createFilm, listFilms, setFilmPoster, updateFilm } from './films';
import { createScreen, deleteScreen, listScreens, updateScreen } from './screens';
import { createShow, deleteShow, explainShowRefusal, listShowsForCaller, updateShow } from './shows';
import { createTicketType, deleteTicketType, listTicketTypes, showTicketTypes, updateTicketType } from './ticket-types';
import { cashUp, closeCashUp } from './cashup';
import { payTicket, refundTicket, sell } from './payments';
import { book, cancel, listByShowTime, lookupTicket, move, searchTickets, ticketHistory } from './tickets';

type Handlers = {
  [K in OperationName]: (ctx: OperationContext, input: ParsedInput<K>, actor: Actor, options: RunOptions) => Promise<OperationOutput<K>>;
};

const handlers: Handlers = {
  book,
  move,
  cancel,
  listByShowTime,
  lookupTicket,
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
  doorSnapshot,
  checkinConflicts,
  updateToken,
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
  scheduleShows,
  rescheduleShow,
  cancelShow,
  filmReport,
  listTicketTypes,
  createTicketType,
  updateTicketType,
  deleteTicketType,
  showTicketTypes,
  sell,
  payTicket,
  refundTicket,
  cashUp,
  closeCashUp,
};

declare const checked: unique symbol;

/**
 * A call whose actor may run it and whose input is valid: made only by `checkCall`, so a holder
 * (the REST route comparing an idempotent booking's input) runs it without checking it again.
 */
export interface CheckedCall<K extends OperationName> {
  readonly name: K;
  readonly input: ParsedInput<K>;
  readonly actor: Actor;
  readonly [checked]: true;
}

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

/** The role check, then the schema: a refused caller learns nothing about its input. Throws MarqueeError. */
export function checkCall<K extends OperationName>(name: K, input: unknown, actor: Actor): CheckedCall<K> {
  if (!mayRun(actor.role, name)) throw new MarqueeError('FORBIDDEN');
  return { name, input: parseInput(name, input), actor } as CheckedCall<K>;
}

export async function runChecked<K extends OperationName>(
  ctx: OperationContext, call: CheckedCall<K>, options: RunOptions = {},
): Promise<OperationOutput<K>> {
  const handler = handlers[call.name] as Handlers[K];
  // A refusal because of another show (SCREEN_BUSY, AMBIGUOUS_SHOW) is given its facts here, once for every operation.
  const explained = (err: unknown) => explainShowRefusal(ctx, err, call.input as ShowRef);
  if (!changesKeptAnswers(call.name)) return handler(ctx, call.input, call.actor, options).catch(explained);
  try {
    return await handler(ctx, call.input, call.actor, options).catch(explained);
  } finally {
    // Whatever it wrote, even on the way to a failure, answers read before it are not served
    // again (see read-caches.ts).
    ctx.writes.changed();
  }
}

export async function runOperation<K extends OperationName>(
  ctx: OperationContext, name: K, input: unknown, actor: Actor, options: RunOptions = {},
): Promise<OperationOutput<K>> {
  return runChecked(ctx, checkCall(name, input, actor), options);
}
