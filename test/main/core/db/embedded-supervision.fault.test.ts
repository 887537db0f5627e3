// The embedded default under faults, with real processes: `marquee serve` on its own private
// mariadbd; the mariadbd is killed with SIGKILL → serve restarts it (counted in /health and
// /metrics) and requests succeed again without restarting serve; serve stopped by a signal leaves no mariadbd behind; serve killed
// with SIGKILL leaves an orphan that the next start stops before running its own.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { createHttpsClient, createTokenWithCli, spawnServe, type HttpsClient, type ServeProcess } from '../../../support/server';

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'marquee-supervised-'));
const serverDataDir = path.join(dataDir, 'mariadb', 'data');
const pidFile = path.join(dataDir, 'mariadb', 'mysqld.pid');
const running: ServeProcess[] = [];

afterAll(async () => {
  for (const serve of running) await serve.stop();
  // Whatever a failed assertion left behind is stopped here, by pid, never by name.
  for (const pid of serversOf(serverDataDir)) process.kill(pid, 'SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

/** Processes whose command line names this data directory (the test's own mariadbd only). */
function serversOf(dir: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (cmdline.includes(`--datadir=${dir}`) && !/^\d+ \(.*\) Z/.test(stat)) pids.push(Number(entry));
    } catch {
      /* gone meanwhile */
    }
  }
  return pids;
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, ms = 90_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

const serverPid = () => Number(readFileSync(pidFile, 'utf8').trim());

async function startEmbeddedServe(): Promise<{ serve: ServeProcess; client: HttpsClient }> {
  // No MARQUEE_DB_URL: the embedded default in this test's own data directory.
  const serve = await spawnServe({ dbUrl: '', dataDir });
  running.push(serve);
  return { serve, client: createHttpsClient(serve.baseUrl, serve.caCertPem) };
}

async function stopped(serve: ServeProcess, signal: NodeJS.Signals): Promise<number | null> {
  serve.child.kill(signal);
  const code = await serve.stop();
  running.splice(running.indexOf(serve), 1);
  return code;
}

test('mariadbd killed → serve restarts it and requests succeed again; SIGTERM leaves no mariadbd', async () => {
  const { serve, client } = await startEmbeddedServe();
  try {
    const token = await createTokenWithCli('', 'manager', 'Supervision desk', { MARQUEE_DATA_DIR: dataDir });
    expect((await client.request('POST', '/show/list', {}, token)).status).toBe(200);
    const first = serverPid();
    const healthy = await client.request('GET', '/health');
    expect(healthy.json.embeddedDatabase).toEqual({ state: 'running', restarts: 0, lastExit: null });
    const metricsBefore = (await client.request('GET', '/metrics', undefined, token)).text;
    expect(metricsBefore).toMatch(/^marquee_embedded_db_restarts_total 0$/m);
    expect(metricsBefore).toMatch(/^marquee_embedded_db_up 1$/m);

    process.kill(first, 'SIGKILL');
    // A write is the probe: it must reach the database (a list read a moment ago may be
    // served again for up to MARQUEE_READ_CACHE_MS).
    let minutes = 24 * 60;
    const recovered = await until('a request to succeed after the kill', async () => {
      minutes += 1;
      const showTime = new Date(Date.now() + minutes * 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
      const answer = await client.request('POST', '/show/create', { showTime, title: 'After the restart' }, token);
      return answer.status === 201 ? answer : undefined;
    });
    expect(recovered.status).toBe(201);
    // The pool may reach the new server a poll (100 ms) before the supervisor sees it accept
    // connections and says "running": wait for the supervisor, not only for the database.
    const health = await until('the supervisor to say running again', async () => {
      const answer = await client.request('GET', '/health');
      return answer.json?.embeddedDatabase?.state === 'restarting' ? undefined : answer;
    }, 10_000);
    expect(health.status).toBe(200);
    expect(health.json.database).toBe('up');
    expect(health.json.embeddedDatabase).toMatchObject({ state: 'running', restarts: 1, lastExit: { signal: 'SIGKILL' } });
    expect(serverPid()).not.toBe(first);
    expect((await client.request('GET', '/metrics', undefined, token)).text).toMatch(/^marquee_embedded_db_restarts_total 1$/m);
    expect(serve.output()).toContain('embedded database server exited unexpectedly; restarting it');
    expect(serve.child.exitCode).toBeNull();
  } finally {
    client.close();
  }
  expect(await stopped(serve, 'SIGTERM')).toBe(0);
  expect(serversOf(serverDataDir)).toEqual([]);
});

test('serve killed with SIGKILL leaves an orphan; the next start stops it and runs its own; SIGINT leaves nothing', async () => {
  const { serve, client } = await startEmbeddedServe();
  client.close();
  const orphan = serverPid();
  serve.child.kill('SIGKILL');
  await serve.stop();
  running.splice(running.indexOf(serve), 1);
  // Nothing could stop it: serve had no chance to run any code.
  expect(serversOf(serverDataDir)).toEqual([orphan]);

  const next = await startEmbeddedServe();
  try {
    expect(serversOf(serverDataDir)).not.toContain(orphan);
    expect(serversOf(serverDataDir)).toHaveLength(1);
    expect(next.serve.output()).toContain('stopping the embedded database server left running by a Marquee that was killed');
    const health = await next.client.request('GET', '/health');
    expect(health.json).toMatchObject({ database: 'up', embeddedDatabase: { state: 'running', restarts: 0 } });
  } finally {
    next.client.close();
  }
  expect(await stopped(next.serve, 'SIGINT')).toBe(0);
  expect(serversOf(serverDataDir)).toEqual([]);
});
