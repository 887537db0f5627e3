// The week's program: many shows in one step (scheduleShows), a show moved with its tickets
// (rescheduleShow) and a screening cancelled with its tickets (cancelShow).
import { MarqueeError } from '../../common/errors';
import type { Actor, OperationOutput, ParsedInput } from '../../common/operations';
import type { OperationContext } from './context';

export async function scheduleShows(
  _ctx: OperationContext, _input: ParsedInput<'scheduleShows'>, _actor: Actor,
): Promise<OperationOutput<'scheduleShows'>> {
  throw new MarqueeError('INTERNAL', 'Not yet built.');
}

export async function rescheduleShow(
  _ctx: OperationContext, _input: ParsedInput<'rescheduleShow'>, _actor: Actor,
): Promise<OperationOutput<'rescheduleShow'>> {
  throw new MarqueeError('INTERNAL', 'Not yet built.');
}

export async function cancelShow(
  _ctx: OperationContext, _input: ParsedInput<'cancelShow'>, _actor: Actor,
): Promise<OperationOutput<'cancelShow'>> {
  throw new MarqueeError('INTERNAL', 'Not yet built.');
}
