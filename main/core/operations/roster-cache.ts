// Rosters served again without reading and shaping their tickets, while nothing about them has
// changed (issue 14). A cached roster is checked on every request against its show's row: the
// show's id, its roster_version (changed by the ticket triggers with every change to any of
// its tickets, by any process or a DBA: sql/011) and whether it has expired by the database
// clock. Any difference and the roster is read afresh, so an answer is never stale; what is
// saved is the join, the rows' transfer and parsing, and shaping them for the caller.
import type { OperationOutput } from '../../common/operations';

/** What a cached roster was read under: any change in these and it is read again. */
export interface RosterStamp {
  showId: number;
  version: number;
  expired: boolean;
}

interface Entry extends RosterStamp {
  output: OperationOutput<'listByShowTime'>;
}

/** Shows whose rosters are kept; a theatre looks at a few at a time. */
const MAX_ENTRIES = 256;

export class RosterCache {
  private readonly entries = new Map<string, Entry>();

  /** One entry per show and view of it: what a role may see differs (phones, codes). */
  static key(startsAt: Date, view: string): string {
    return `${view}|${startsAt.getTime()}`;
  }

  get(key: string, current: RosterStamp | null): OperationOutput<'listByShowTime'> | null {
    const entry = this.entries.get(key);
    if (!entry) return null;
    if (current && entry.showId === current.showId && entry.version === current.version && entry.expired === current.expired) return entry.output;
    this.entries.delete(key);
    return null;
  }

  has(key: string): boolean {
    return this.entries.has(key);
  }

  /** Keeps `output` (frozen: every request that gets it shares it) and returns what is kept. */
  set(key: string, stamp: RosterStamp, output: OperationOutput<'listByShowTime'>): OperationOutput<'listByShowTime'> {
    if (this.entries.size >= MAX_ENTRIES && !this.entries.has(key)) {
      // The oldest entry goes (Map keeps insertion order).
      this.entries.delete(this.entries.keys().next().value!);
    }
    const kept = Object.freeze(output.map((row) => Object.freeze(row))) as OperationOutput<'listByShowTime'>;
    this.entries.set(key, { ...stamp, output: kept });
    return kept;
  }
}
