// The door's list of today's shows, at any hour the test runs: the theatre's zone is chosen so
// that its local time is about noon, and the rule is checked on both sides of its midnight.
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Actor } from '../../../main/common/operations';
import { localDayOf, localDayWindow } from '../../../main/common/time';
import { runOperation } from '../../../main/core/operations';
import { createTestDatabase, type TestDatabase } from '../../support/db';

const manager: Actor = { role: 'manager', label: 'door-shows test' };
const door: Actor = { role: 'door', label: 'Door 1' };
const HOUR_MS = 3_600_000;

/** A fixed-offset zone whose local time is within an hour of noon now (Etc/GMT's sign is inverted). */
function zoneAtNoon(now = new Date()): string {
  const offset = 12 - now.getUTCHours();
  return offset === 0 ? 'Etc/GMT' : offset > 0 ? `Etc/GMT-${offset}` : `Etc/GMT+${-offset}`;
}

let t: TestDatabase;
let zone: string;
beforeAll(async () => {
  zone = zoneAtNoon();
  // Doors open a whole day ahead, so a show just after midnight is already admitting now.
  t = await createTestDatabase({ timeZone: zone, checkinOpensMinutes: 24 * 60 });
});
afterAll(async () => {
  await t.drop();
});

const at = (instant: Date) => instant.toISOString().replace(/\.\d{3}Z$/, 'Z');

test("lists a show after the theatre's midnight once its doors are open, and not one whose doors are still shut", async () => {
  const midnight = localDayWindow(localDayOf(new Date(), zone), zone)[1];
  // About 12.5 hours on: tomorrow in the theatre's calendar, but inside the 24-hour door window.
  const justAfter = await runOperation(t.ctx, 'createShow', { showTime: at(new Date(midnight.getTime() + HOUR_MS / 2)), title: 'Late show' }, manager);
  // About 26 hours on: doors not open yet.
  const tomorrowAfternoon = await runOperation(t.ctx, 'createShow', { showTime: at(new Date(midnight.getTime() + 14 * HOUR_MS)), title: 'Matinée' }, manager);
  const tonight = await runOperation(t.ctx, 'createShow', { showTime: at(new Date(midnight.getTime() - 2 * HOUR_MS)), title: 'Evening' }, manager);
  const listed = (await runOperation(t.ctx, 'doorShows', {}, door)).map((s) => s.showId);
  expect(listed).toEqual(expect.arrayContaining([tonight.showId, justAfter.showId]));
  expect(listed).not.toContain(tomorrowAfternoon.showId);
  const shows = await runOperation(t.ctx, 'doorShows', {}, door);
  expect(shows.find((s) => s.showId === justAfter.showId)).toMatchObject({ doorsOpen: true, title: 'Late show' });
});
