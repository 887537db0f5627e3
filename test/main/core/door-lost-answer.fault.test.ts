// A scan whose answer is lost (issue 23): the check-in commits, then the serve dies before it
// answers. The door's retry with the same scanId, to another serve, gets the same admission
// (200), not "already checked in" by itself, and the audit trail counts the party once.
// To lose exactly that answer: a raw transaction holds the ticket's row lock, so the serve's
// CALL waits in the database; the serve is then frozen (SIGSTOP) and the lock let go, so the
// procedure commits and answers into a socket nobody reads; then the serve is killed.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createHttpsClient, spawnServe, startServe, type ServeProcess } from '../../support/server';

type Server = Awaited<ReturnType<typeof startServe>>;
let server: Server;
let second: ServeProcess | null = null;

beforeAll(async () => {
  server = await startServe();
}, 180_000);

afterAll(async () => {
  await second?.stop();
  await server?.close();
}, 60_000);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(check: () => Promise<boolean>, failure: string): Promise<void> {
  const start = Date.now();
  while (!(await check())) {
    if (Date.now() - start > 20_000) throw new Error(failure);
    await sleep(20);
  }
}

test('the serve killed after the commit: the retry with the same scanId is 200, one audit row; a new scanId would be 409', async () => {
  const manager = await server.token('manager', 'box-office');
  const door = await server.token('door', 'door-1');
  const at = new Date(Date.now() + 20 * 60_000);
  at.setUTCSeconds(0, 0);
  const show = await server.request('POST', '/show/create', { showTime: at.toISOString(), title: 'Lost Answer' }, manager);
  expect(show.status, show.text).toBe(201);
  const party = await server.request('POST', '/ticket/book', { userName: 'Ana Lima', phoneNo: '+34600999888', showId: show.json.showId, seats: 2 }, manager);
  expect(party.status, party.text).toBe(201);
  const { ticketId, ticketCode } = party.json as { ticketId: number; ticketCode: string };
  const scanId = randomUUID();

  const lock = await server.database.raw();
  let answered: string;
  try {
    await lock.beginTransaction();
    await lock.query('SELECT ticket_id FROM ticket_record WHERE ticket_id = ? FOR UPDATE', [ticketId]);
    const first = server.request('POST', '/ticket/checkin', { ticketCode, scanId }, door).then((a) => `answered ${a.status}`, () => 'lost');
    await until(async () => {
      const [row] = await server.database.db.rows(
        "SELECT COUNT(*) AS n FROM information_schema.PROCESSLIST WHERE ID <> CONNECTION_ID() AND (INFO LIKE '%marquee_checkin%' OR INFO LIKE '%FROM ticket_record WHERE ticket_code%')",
      );
      return Number(row!.n) > 0;
    }, 'the check-in never reached the database');
    server.serve.child.kill('SIGSTOP');
    await lock.commit();
    // Committed: the scan's row is there for everyone to read; the answer waits in a frozen process.
    await until(async () => {
      const [row] = await server.database.db.rows('SELECT COUNT(*) AS n FROM checkin_scan WHERE scan_id = ?', [scanId]);
      return Number(row!.n) === 1;
    }, 'the check-in never committed');
    server.serve.kill();
    answered = await first;
  } finally {
    await lock.end();
  }
  expect(answered).toBe('lost');

  second = await spawnServe({ dbUrl: server.dbUrl });
  const client = createHttpsClient(second.baseUrl, second.caCertPem);
  try {
    const retry = await client.request('POST', '/ticket/checkin', { ticketCode, scanId }, door);
    expect(retry.status, retry.text).toBe(200);
    expect(retry.json).toMatchObject({ ticketId, seats: 2, admitted: 2, admittedNow: 2, checkedInBy: 'door-1', userName: 'Ana Lima' });
    const events = await server.database.db.rows("SELECT seats FROM ticket_event WHERE ticket_id = ? AND kind = 'checked_in'", [ticketId]);
    expect(events.map((e) => Number(e.seats))).toEqual([2]);
    // Without the scanId the door would have refused its own guest.
    const rescan = await client.request('POST', '/ticket/checkin', { ticketCode, scanId: randomUUID() }, door);
    expect(rescan.status).toBe(409);
    expect(rescan.json.error.details).toMatchObject({ checkedInBy: 'door-1', admitted: '2', seats: '2' });
  } finally {
    client.close();
  }
}, 180_000);
