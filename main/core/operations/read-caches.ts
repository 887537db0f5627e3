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

interface Entry<T> {
  value: T;
  at: number;
  epoch: number;
}

/** A few answers by key, each served while younger than `freshMs` and no write came since. */
export class FreshAnswers<T extends object> {
  private readonly entries = new Map<string, Entry<T>>();

  constructor(
    private readonly freshMs: number,
    private readonly writes: WriteCounter,
    private readonly maxEntries = 64,
  ) {}

  get(key: string): T | null {
    const entry = this.entries.get(key);
    if (!entry || entry.epoch !== this.writes.value || performance.now() - entry.at >= this.freshMs) return null;
    return entry.value;
  }

  /** Taken before the read, so a write that lands meanwhile is not masked. */
  epoch(): number {
    return this.writes.value;
  }

  /** Keeps `value` (frozen: every request that gets it shares it) and returns what is kept. */
  set(key: string, value: T, epoch: number): T {
    if (this.freshMs <= 0) return value;
    if (this.entries.size >= this.maxEntries && !this.entries.has(key)) this.entries.delete(this.entries.keys().next().value!);
    const kept = Object.freeze(Array.isArray(value) ? value.map((item: object) => Object.freeze(item)) : value) as T;
    this.entries.set(key, { value: kept, at: performance.now(), epoch });
    return kept;
  }
}
