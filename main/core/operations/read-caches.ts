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
  private readonly reads = new Map<string, { epoch: number; answer: Promise<T> }>();

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

  /**
   * `read(epoch)` for `key`, shared by the requests that find no fresh answer while it runs and
   * no write came since it started: when an answer expires under load, every request in flight
   * (64 in the bench) sent its own check, or its own list query, at once (issue 25). Not shared
   * with no window (`freshMs` 0), where each request's check is sent after it arrived.
   */
  shared(key: string, read: (epoch: number) => Promise<T>): Promise<T> {
    const epoch = this.epoch();
    if (this.freshMs <= 0) return read(epoch);
    const running = this.reads.get(key);
    if (running && running.epoch === epoch) return running.answer;
    const answer = read(epoch);
    this.reads.set(key, { epoch, answer });
    const settled = () => {
      if (this.reads.get(key)?.answer === answer) this.reads.delete(key);
    };
    answer.then(settled, settled);
    return answer;
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
