// Which of today's shows the door is admitting for, so its count is the one on screen.
import type { DoorShow } from '../../../../main/common/schemas';
import { instantOf } from '../../shared/lib/show-time';

/**
 * The show of the last admitted guest while its doors are open; else, among shows with open
 * doors, the next to start (a late guest for the earlier show still checks in, but the queue
 * is for the next one), else the latest started; with no open doors, the next show to open.
 */
export function currentShow(allShows: readonly DoorShow[], nowMs: number, lastShowId: number | null): DoorShow | null {
  // A cancelled screening admits nobody: its count is never the one to watch.
  const shows = allShows.filter((s) => s.cancelledAt === null);
  if (lastShowId !== null) {
    const last = shows.find((s) => s.doorsOpen && s.showId === lastShowId);
    if (last) return last;
  }
  const byStart = [...shows].sort((a, b) => instantOf(a.showTime) - instantOf(b.showTime));
  const open = byStart.filter((s) => s.doorsOpen);
  const upcomingOpen = open.find((s) => instantOf(s.showTime) >= nowMs);
  if (upcomingOpen) return upcomingOpen;
  if (open.length > 0) return open[open.length - 1]!;
  return byStart.find((s) => instantOf(s.showTime) >= nowMs) ?? null;
}
