// What `npm run bench` and `npm run bench:profile` share: `marquee serve` and the HTTPS floor
// as child processes, load from autocannon, and what /proc says about a process.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readFileSync, statSync } from 'node:fs';
import https from 'node:https';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { SERVE_ENV, SERVE_NODE_ARGS } from '../bin/serve-node-args.mjs';
import { IDEMPOTENCY_HEADER, OPERATIONS, type OperationOutput } from '../main/common/operations';
import { SHOW_LIST_DAYS } from '../main/common/schemas';
import { BENCH_CAPACITY, guest, percentile, type Manage, type Party } from './support';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
export const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

export function readStatusKb(pid: number, field: 'VmHWM' | 'VmRSS'): number {
  const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) : NaN;
}

/** `marquee serve` as a theatre runs it, plus bench settings; `nodeArgs` e.g. --cpu-prof. */
/** `env` is added to serve's own; a name set to undefined is left out of it. */
export async function startServe(dbUrl: string, dataDir: string, env: Record<string, string | undefined>, nodeArgs: string[] = []) {
  mkdirSync(dataDir, { recursive: true });
  const logFile = path.join(dataDir, 'serve.log');
  const out = openSync(logFile, 'a');
  const child = spawn(process.execPath, [...SERVE_NODE_ARGS, ...nodeArgs, path.join(ROOT, 'bin', 'marquee.js'), 'serve'], {
    env: {
      ...process.env,
      ...SERVE_ENV,
      MARQUEE_DB_URL: dbUrl,
      MARQUEE_DATA_DIR: dataDir,
      MARQUEE_HTTP_HOST: '127.0.0.1',
      MARQUEE_HTTP_PORT: '0',
      MARQUEE_TIMEZONE: 'UTC',
      MARQUEE_CAPACITY: String(BENCH_CAPACITY),
      // One token drives all 64 connections; the limit is for misbehaving devices, not this.
      MARQUEE_RATE_LIMIT: '1000000',
      ...env,
    },
    stdio: ['ignore', out, out],
  });
  closeSync(out);
  // Generous: on a shared, loaded machine a start with migrations checked can take a minute.
  const deadline = Date.now() + 180_000;
  for (;;) {
    const log = readFileSync(logFile, 'utf8');
    const m = /^Listening on https:\/\/[^:]+:(\d+)$/m.exec(log);
    if (m) return { child, port: Number(m[1]), caCertPem: readFileSync(path.join(dataDir, 'tls', 'ca.pem'), 'utf8'), logFile };
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`marquee serve did not start:\n${log.slice(-3000)}`);
    await sleep(50);
  }
}

export interface HttpResult {
  perSecond: number;
  p50: number;
  p99: number;
  statuses: Record<string, number>;
  errors: number;
  requests: number;
}

export function cannon(options: autocannon.Options): Promise<HttpResult> {
  return new Promise((resolve, reject) => {
    autocannon(options, (err, result) => {
      if (err) return reject(err);
      const statuses: Record<string, number> = {};
      for (const [code, stat] of Object.entries(result.statusCodeStats ?? {})) statuses[code] = Number((stat as { count: number }).count);
      const requests = Object.values(statuses).reduce((a, b) => a + b, 0);
      resolve({ perSecond: requests / result.duration, p50: result.latency.p50, p99: result.latency.p99, statuses, errors: result.errors, requests });
    });
  });
}

/** CPU time (user + system) a process has used so far, in ms, from /proc/<pid>/stat. */
export function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may hold spaces) start at its closing parenthesis.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14, 15 of the line)
  return (ticks * 1000) / CLOCK_TICKS_PER_SECOND;
}
/** Linux's USER_HZ, which /proc reports CPU time in, is 100 on every mainstream build. */
export const CLOCK_TICKS_PER_SECOND = 100;

export interface Phase extends HttpResult {
  /** CPU time of the answering process per request answered, ms. */
  cpuMsPerRequest: number;
}

/** One load slice against the process `pid`, with that process's CPU cost per request. */
export async function phase(pid: number, options: autocannon.Options): Promise<Phase> {
  const before = cpuMs(pid);
  const result = await cannon(options);
  return { ...result, cpuMsPerRequest: (cpuMs(pid) - before) / Math.max(1, result.requests) };
}


/**
 * The latency of `route` as serve itself measured it, from its access log (`ms`: from Fastify's
 * onRequest to the answer handed to the socket), over the lines written since `from` bytes: what
 * the load generator sees above it is time spent waiting in sockets and for a core.
 */
export async function servedLatency(logFile: string, route: string, from: number): Promise<{ p50: number; p99: number; count: number }> {
  await sleep(500); // the log is written a batch at a time
  const ms = readFileSync(logFile).subarray(from).toString('utf8').split('\n')
    .filter((line) => line.includes(`"route":"${route}"`))
    .map((line) => Number((JSON.parse(line) as { ms: number }).ms))
    .sort((a, b) => a - b);
  return { p50: percentile(ms, 50), p99: percentile(ms, 99), count: ms.length };
}

export const fileSize = (file: string) => statSync(file).size;

/** The hours (UTC) of a theatre's day in the benchmark: seven shows, midday to late evening. */
const THEATRE_HOURS = [10, 12, 14, 16, 18, 20, 22];
/** How many of them the kiosk's list must show: the phases that read it need that many. */
export const THEATRE_SHOWS_LISTED = 80;

/**
 * A theatre's program from the next UTC midnight on, every day's last show still inside the
 * kiosk's list (SHOW_LIST_DAYS from `now`) whatever the hour: the next midnight is at most a
 * day away, so SHOW_LIST_DAYS - 1 whole days always fit.
 */
export function theatreSchedule(now = Date.now()): string[] {
  const day = 24 * 3600_000;
  const firstDay = Math.floor(now / day) * day + day;
  const times: string[] = [];
  for (let d = 0; d < SHOW_LIST_DAYS - 1; d++) {
    for (const hour of THEATRE_HOURS) times.push(new Date(firstDay + d * day + hour * 3600_000).toISOString().replace(/\.000Z$/, 'Z'));
  }
  return times;
}

/** A film's running time: with the screen's turnaround it fits between two of THEATRE_HOURS. */
const FILM_MINUTES = 100;
/** The smallest PNG there is: the list carries posters as URLs, so their size is not what it measures. */
const POSTER_PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

/**
 * The program the kiosk's show list reads: one film with a poster per slot of the day
 * (THEATRE_HOURS), each playing its slot every day of theatreSchedule(now).
 */
export async function seedTheatreProgram(manage: Manage, now = Date.now()): Promise<{ films: number[]; shows: OperationOutput<'createShow'>[] }> {
  const films: number[] = [];
  for (const [slot, hour] of THEATRE_HOURS.entries()) {
    const film = await manage('createFilm', { title: `Feature ${String(hour).padStart(2, '0')}`, runtimeMinutes: FILM_MINUTES, rating: 'PG', description: `Film ${slot + 1} of the day.` });
    await manage('setFilmPoster', { filmId: film.filmId, image: POSTER_PNG });
    films.push(film.filmId);
  }
  const shows: OperationOutput<'createShow'>[] = [];
  for (const showTime of theatreSchedule(now)) {
    const slot = THEATRE_HOURS.indexOf(new Date(showTime).getUTCHours());
    shows.push(await manage('createShow', { showTime, filmId: films[slot]! }));
  }
  return { films, shows };
}

export async function stopChild(child: ReturnType<typeof spawn>): Promise<void> {
  if (child.exitCode !== null) return;
  child.kill('SIGTERM');
  await new Promise((resolve) => child.once('exit', resolve));
}

/** The floor server (bench/floor-server.ts) in a process of its own, with serve's certificate. */
export async function startFloor(tlsDir: string, workDir: string) {
  const logFile = path.join(workDir, 'floor.log');
  const out = openSync(logFile, 'a');
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'bench', 'floor-server.ts'), tlsDir], { stdio: ['ignore', out, out], cwd: ROOT });
  closeSync(out);
  const deadline = Date.now() + 30_000;
  for (;;) {
    const log = readFileSync(logFile, 'utf8');
    const m = /^Listening on https:\/\/[^:]+:(\d+)$/m.exec(log);
    if (m) return { child, port: Number(m[1]) };
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`the floor server did not start:\n${log.slice(-3000)}`);
    await sleep(50);
  }
}

export interface Json {
  [key: string]: unknown;
  showTime: string;
  length: number;
}

export function fetchJson(url: string, ca: string, route: string, token: string, body: unknown): Promise<Json> {
  return new Promise((resolve, reject) => {
    const req = https.request(new URL(route, url), { method: 'POST', ca, headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` } }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString('utf8')));
      res.on('end', () => {
        if ((res.statusCode ?? 500) >= 300) reject(new Error(`${route}: ${res.statusCode} ${text}`));
        else resolve(JSON.parse(text));
      });
    });
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

/** A manager's operations over HTTPS, as the manager's page sends them. */
export function httpManager(url: string, ca: string, token: string): Manage {
  return (name, input) => fetchJson(url, ca, OPERATIONS[name].path, token, input) as Promise<never>;
}

/** What a kiosk sends to book for guest number `n`: one seat, or `party` by type. */
export function bookingBody(n: number, shows: readonly string[], party?: Party) {
  return { ...guest(n), showTime: shows[n % shows.length]!, ...(party ? { items: party } : {}) };
}

/**
 * Kiosk bookings as autocannon sends them: a new guest each time (numbered from `firstGuest`),
 * rotating over `shows`, against `base` (url, connections, TLS), each with an Idempotency-Key of
 * its own as the kiosk makes one per booking confirmed (renderer kiosk-store: randomUUID);
 * `keyed: false` leaves it out, to show what the key costs.
 */
export function bookingLoad(
  base: autocannon.Options, kioskToken: string, shows: readonly string[], firstGuest: number,
  options: { party?: Party; keyed?: boolean } = {},
): autocannon.Options {
  let seq = firstGuest;
  const keyed = options.keyed ?? true;
  return {
    ...base,
    requests: [
      {
        method: 'POST',
        path: '/ticket/book',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${kioskToken}` },
        setupRequest: (req) => {
          const n = ++seq;
          const headers = keyed ? { ...req.headers, [IDEMPOTENCY_HEADER]: randomUUID() } : req.headers;
          return { ...req, headers, body: JSON.stringify(bookingBody(n, shows, options.party)) };
        },
      },
    ],
  };
}

/**
 * Counter sales as autocannon sends them: a party (`party`) for a new guest each time, rotating
 * over `showIds`, paid in cash (`payment`), each with an Idempotency-Key of its own as the
 * counter makes one per sale.
 */
export function saleLoad(
  base: autocannon.Options, counterToken: string, showIds: readonly number[], firstGuest: number, party: Party, payment: { amount: number; tendered: number },
): autocannon.Options {
  let seq = firstGuest;
  return {
    ...base,
    requests: [
      {
        method: 'POST',
        path: '/counter/sell',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${counterToken}` },
        setupRequest: (req) => {
          const n = ++seq;
          const body = { ...guest(n), showId: showIds[n % showIds.length]!, items: party, payment: { method: 'cash', ...payment } };
          return { ...req, headers: { ...req.headers, [IDEMPOTENCY_HEADER]: randomUUID() }, body: JSON.stringify(body) };
        },
      },
    ],
  };
}

/** One fixed JSON POST as autocannon repeats it, against `base` (url, connections, TLS). */
export function postLoad(base: autocannon.Options & { url: string }, route: string, token: string, body: unknown): autocannon.Options {
  return {
    ...base,
    url: `${base.url}${route}`,
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  };
}

/** The roster the bench reads: a 20-seat show half an hour after the first of `shows`, sold out. */
export async function bookFullShow(url: string, ca: string, manager: string, kiosk: string, shows: readonly string[]): Promise<string> {
  const full = await fetchJson(url, ca, '/show/create', manager, { showTime: shows[0]!.replace(/:00\.000Z$/, ':30.000Z'), title: 'Full house', capacity: 20 });
  for (let i = 0; i < 20; i++) await fetchJson(url, ca, '/ticket/book', kiosk, bookingBody(i + 1, [full.showTime]));
  return String(full.showTime);
}
