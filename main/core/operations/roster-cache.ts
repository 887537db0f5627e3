// Rosters served again without reading and shaping their tickets, while nothing about them has
// changed (issue 14). A cached roster is checked against its show's row: the show's id, its
// roster_version (changed by the ticket triggers with every change to any of its tickets, by
// any process or a DBA: sql/011) and whether it has expired by the database clock. Any
// difference and the roster is read afresh. A check holds for MARQUEE_READ_CACHE_MS (≤ 1 s,
// as a token check does), except that any write through this process ends it at once
// (read-caches.ts); so a roster is at most that old for changes made elsewhere, and never for
// changes made here. What is saved is the join, the rows' transfer and parsing, shaping them
// for the caller, and within the window the round trip itself.
import type { OperationOutput } from '../../common/operations';
import type { WriteCounter } from './read-caches';

/** What a cached roster was read under: any change in these and it is read again. */
export interface RosterStamp {
  showId: number;
  version: number;
  expired: boolean;
}

interface Entry extends RosterStamp {
  output: OperationOutput<'listByShowTime'>;
  /** When the stamp was last confirmed, and the write epoch it was confirmed in. */
  checkedAt: number;
  epoch: number;
}

/** Shows whose rosters are kept; a theatre looks at a few at a time. */
const MAX_ENTRIES = 256;

export class RosterCache {
  private readonly entries = new Map<string, Entry>();

  /**
   * `freshMs`: how long a confirmed roster is served without asking the database again;
   * `writes`: this process's writes, each of which ends that at once.
   */
  constructor(
    private readonly freshMs: number,
    private readonly writes: WriteCounter,
  ) {}

  /** Taken before a read or check, so a write that lands meanwhile is not masked. */
  epoch(): number {
    return this.writes.value;
  }

  /** A roster confirmed within the window and since this process last wrote, or null. */
  fresh(key: string): OperationOutput<'listByShowTime'> | null {
    const entry = this.entries.get(key);
    if (!entry || entry.epoch !== this.writes.value || performance.now() - entry.checkedAt >= this.freshMs) return null;
    return entry.output;
  }

  /** One entry per show and view of it: what a role may see differs (phones, codes). */
  static key(startsAt: Date, view: string): string {
    return `${view}|${startsAt.getTime()}`;
  }

  /** The kept roster if `current` (read from the show's row in `epoch`) still matches it. */
  get(key: string, current: RosterStamp | null, epoch: number): OperationOutput<'listByShowTime'> | null {
    const entry = this.entries.get(key);
    if (!entry) return null;
    if (current && entry.showId === current.showId && entry.version === current.version && entry.expired === current.expired) {
      entry.checkedAt = performance.now();
      entry.epoch = epoch;
      return entry.output;
    }
    this.entries.delete(key);
    return null;
  }

  has(key: string): boolean {
    return this.entries.has(key);
  }

  /** Keeps `output` (frozen: every request that gets it shares it) and returns what is kept. */
  set(key: string, stamp: RosterStamp, output: OperationOutput<'listByShowTime'>, epoch: number): OperationOutput<'listByShowTime'> {
    if (this.entries.size >= MAX_ENTRIES && !this.entries.has(key)) {
      // The oldest entry goes (Map keeps insertion order).
      this.entries.delete(this.entries.keys().next().value!);
    }
    const kept = Object.freeze(output.map((row) => Object.freeze(row))) as OperationOutput<'listByShowTime'>;
    this.entries.set(key, { ...stamp, output: kept, checkedAt: performance.now(), epoch });
    return kept;
  }
}
