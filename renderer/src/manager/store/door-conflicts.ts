// Today's door conflicts (/checkin/conflicts): offline admissions that, once the door's journal
// reached the server, had collided with another door, a cancellation or a move. The guest is
// inside either way; the manager only needs to know, so the schedule counts them while it shows
// today and lists them on demand.
import type { CheckinConflictRow } from '../../../../main/common/schemas';
import { theatreToday } from '../lib/week';
import type { ManagerKit } from './kit';

export interface DoorConflictsData {
  /** Today's conflicts, oldest first; null until read (or on a server without the route). */
  doorConflicts: CheckinConflictRow[] | null;
}

export interface DoorConflictsActions {
  loadDoorConflicts(): Promise<void>;
  openDoorConflicts(): void;
}

export interface DoorConflictsSlice extends DoorConflictsData, DoorConflictsActions {
  /** Whether the view on screen shows today: only then are conflicts read. */
  todayShown(): boolean;
  /** A seat update (a cancel or a move may have met a door): re-read after a quiet time. */
  conflictsPoked(): void;
  stopConflictsTimer(): void;
}

export function createDoorConflictsSlice(kit: ManagerKit, debounceMs: number): DoorConflictsSlice {
  const { set, get } = kit;
  let timer: ReturnType<typeof setTimeout> | null = null;
  /** Each read gets a number; an answer for an older one is dropped. */
  let seq = 0;

  function todayShown(): boolean {
    const { view, timelineDay, timeZone, shows, deviceRole } = get();
    // Conflicts are the manager's to settle: a counter is never sent for them.
    if (deviceRole !== 'manager') return false;
    if (view === 'schedule') return true;
    return view === 'week' && (timelineDay === null || timelineDay === theatreToday(kit.now(), timeZone, shows[0]?.showTime));
  }

  return {
    doorConflicts: null,
    todayShown,

    async loadDoorConflicts() {
      const mine = ++seq;
      // No `day`: the server's today is the theatre's, whatever this machine's zone.
      const rows = await kit.read('checkinConflicts', {}, (error) => {
        // A box office from before offline doors has no conflicts to tell: no badge, no notice.
        if (error.code !== 'NOT_FOUND') return false;
        if (mine === seq) set({ doorConflicts: null });
        return true;
      });
      if (rows !== null && mine === seq) set({ doorConflicts: rows });
    },

    openDoorConflicts() {
      set({ dialog: { kind: 'doorConflicts' }, notice: null, done: null });
      void get().loadDoorConflicts();
    },

    conflictsPoked() {
      if (!todayShown()) return;
      if (timer !== null) clearTimeout(timer);
      timer = setTimeout(() => {
        timer = null;
        void get().loadDoorConflicts();
      }, debounceMs);
    },

    stopConflictsTimer() {
      if (timer !== null) clearTimeout(timer);
      timer = null;
    },
  };
}
