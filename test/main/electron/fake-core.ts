// A Core double for the shell's tests: records calls and lets the test push seat updates.
// The real core is tested against a real database elsewhere; here only the wiring matters.
import { vi } from 'vitest';
import type { Actor } from '../../../main/common/operations';
import type { SeatUpdate } from '../../../main/common/schemas';
import type { Config } from '../../../main/core/config';
import type { Core } from '../../../main/core/core';

export function createFakeCore(timeZone = 'Europe/Lisbon') {
  const seatListeners = new Set<(update: SeatUpdate) => void>();
  const run = vi.fn(async (name: string, input: unknown, _actor: Actor): Promise<unknown> => ({ ran: name, input }));
  const core = {
    config: { timeZone } as Config,
    run,
    onSeats: vi.fn((listener: (update: SeatUpdate) => void) => {
      seatListeners.add(listener);
      return () => {
        seatListeners.delete(listener);
      };
    }),
    close: vi.fn(async () => undefined),
  };
  return {
    core,
    /** The fake typed as the Core the shell expects (its `run` is generic there). */
    asCore: core as unknown as Core,
    run,
    seatListeners,
    pushSeats(update: SeatUpdate) {
      for (const listener of seatListeners) listener(update);
    },
  };
}
