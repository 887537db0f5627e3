// Answers served again for a short window (issue 14), with the same promise a token check
// makes: at most MARQUEE_READ_CACHE_MS (≤ 1 s) old for changes made through another process or
// by hand, and never stale for changes made through this one — any write here (`runOperation`,
// the sweep) counts in `WriteCounter`, and an answer read before the latest write is not served.

/** Counts writes through this process. */
export class WriteCounter {
  private count = 0;

  changed(): void {
    this.count += 1;
  }

  get value(): number {
    return this.count;
  }
}

interface Entry<T, M> {
  value: T;
  /** What the answer was read under (a roster's show stamp), for a check before serving it again. */
  meta: M;
  at: number;
  epoch: number;
}

/**
 * A few lists by key. `fresh` serves one while younger than `freshMs` and no write came
 * since; `kept` hands out one of any age with what it was read under, for a caller that can
 * check it against the database and `confirm` it (rosters). A kept list is frozen: every
 * request that gets it shares it, and the REST layer serialises it once.
 */
export class KeptAnswers<T extends readonly object[], M = undefined> {
  private readonly entries = new Map<string, Entry<T, M>>();

  constructor(
    private readonly freshMs: number,
    private readonly writes: WriteCounter,
    private readonly maxEntries = 64,
  ) {}

  fresh(key: string): T | null {
    const entry = this.entries.get(key);
    if (!entry || entry.epoch !== this.writes.value || performance.now() - entry.at >= this.freshMs) return null;
    return entry.value;
  }

  kept(key: string): { value: T; meta: M } | null {
    return this.entries.get(key) ?? null;
  }

  /** The kept list was found current by a read taken in `epoch`: fresh again from now. */
  confirm(key: string, epoch: number): void {
    const entry = this.entries.get(key);
    if (entry) Object.assign(entry, { at: performance.now(), epoch });
  }

  drop(key: string): void {
    this.entries.delete(key);
  }

  /** Taken before a read or check, so a write that lands meanwhile is not masked. */
  epoch(): number {
    return this.writes.value;
  }

  /** Keeps `value`, read in `epoch` under `meta`, and returns the kept (frozen) list. */
  keep(key: string, value: T, epoch: number, meta: M): T {
    if (this.entries.size >= this.maxEntries && !this.entries.has(key)) this.entries.delete(this.entries.keys().next().value!);
    const kept = Object.freeze(value.map((item) => Object.freeze(item))) as unknown as T;
    this.entries.set(key, { value: kept, meta, at: performance.now(), epoch });
    return kept;
  }
}
