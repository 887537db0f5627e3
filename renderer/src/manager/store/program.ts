// The program slice: the day the week's timeline shows, "Program a film" (many shows in one
// step, previewed first), copying a week to the next, moving a show with its tickets, and
// cancelling a screening with the list of guests to call.
import type { ErrorBody } from '../../../../main/common/errors';
import {
  SCHEDULE_SCREENS_MAX, SCHEDULE_TIMES_MAX, type CallListGuest, type ScheduleClash, type ScheduledShow, type Show,
} from '../../../../main/common/schemas';
import { copyWeekRequests, type ScheduleRequest } from '../lib/copy-week';
import { addDays, daysBetween, theatreDayOf, theatreToday, weekStartOf } from '../lib/week';
import type { ManagerKit } from './kit';
import { loadPriceCard, pricesToSend } from './prices';
import { SCHEDULE_DAYS } from './schedule';

export interface ProgramDraft {
  filmId: number | null;
  screenIds: number[];
  from: string;
  to: string;
  /** ISO weekdays, 1 = Monday … 7 = Sunday. */
  weekdays: number[];
  /** 'HH:MM', theatre-local. */
  times: string[];
}
export type ProgramField = 'filmId' | 'screenIds' | 'from' | 'to' | 'weekdays' | 'times';
export type ProgramProblem = 'empty' | 'invalid' | 'order' | 'tooMany' | 'duplicate';

/** What a dry run (or a refused run) showed: the shows and the clashes in their way. */
export interface ProgramPreview {
  shows: ScheduledShow[];
  clashes: ScheduleClash[];
}

/** Why a reschedule was refused, worded by the dialog. */
export type RescheduleProblem =
  | { kind: 'belowSold'; booked: number }
  | { kind: 'busy'; title: string | null; showTime: string | null }
  | { kind: 'past' }
  | { kind: 'cancelled' }
  | { kind: 'invalid'; field: 'date' | 'time' }
  | { kind: 'empty'; field: 'date' | 'time' };

export interface RescheduleDraft {
  date: string;
  time: string;
  screenId: number;
  confirmPast: boolean;
}

export interface ProgramData {
  /** The day the timeline shows (theatre-local YYYY-MM-DD); null: today. */
  timelineDay: string | null;
  programDraft: ProgramDraft;
  programErrors: Partial<Record<ProgramField, ProgramProblem>>;
  programPreview: ProgramPreview | null;
  /** The server said some shows would be in the past: Create now needs the staff's yes. */
  programPast: boolean;
}

export interface ProgramActions {
  setTimelineDay(day: string): void;
  openProgram(): void;
  typeProgram(patch: Partial<ProgramDraft>): void;
  previewProgram(): Promise<void>;
  createProgram(confirmPast?: boolean): Promise<void>;
  openCopyWeek(): Promise<void>;
  confirmCopyWeek(): Promise<void>;
  openReschedule(show: Show): void;
  submitReschedule(draft: RescheduleDraft): Promise<void>;
  openCancelShow(show: Show): void;
  submitCancelShow(reason: string): Promise<void>;
}

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

export function validateProgram(draft: ProgramDraft): Partial<Record<ProgramField, ProgramProblem>> {
  const errors: Partial<Record<ProgramField, ProgramProblem>> = {};
  if (draft.filmId === null) errors.filmId = 'empty';
  if (draft.screenIds.length === 0) errors.screenIds = 'empty';
  else if (draft.screenIds.length > SCHEDULE_SCREENS_MAX) errors.screenIds = 'tooMany';
  if (draft.from === '') errors.from = 'empty';
  else if (!DAY.test(draft.from)) errors.from = 'invalid';
  if (draft.to === '') errors.to = 'empty';
  else if (!DAY.test(draft.to)) errors.to = 'invalid';
  else if (!errors.from && draft.to < draft.from) errors.to = 'order';
  if (draft.weekdays.length === 0) errors.weekdays = 'empty';
  const times = draft.times.map((t) => t.trim()).filter((t) => t !== '');
  if (times.length === 0) errors.times = 'empty';
  else if (times.some((t) => !TIME.test(t))) errors.times = 'invalid';
  else if (new Set(times).size !== times.length) errors.times = 'duplicate';
  else if (times.length > SCHEDULE_TIMES_MAX) errors.times = 'tooMany';
  return errors;
}

export const emptyProgram = (today: string): ProgramDraft => ({
  filmId: null,
  screenIds: [],
  from: today,
  to: addDays(today, 13),
  weekdays: [1, 2, 3, 4, 5, 6, 7],
  times: ['19:00'],
});

function requestOf(draft: ProgramDraft): ScheduleRequest {
  const times = [...new Set(draft.times.map((t) => t.trim()).filter((t) => t !== ''))].sort();
  return {
    filmId: draft.filmId!,
    screenIds: draft.screenIds,
    from: draft.from,
    to: draft.to,
    weekdays: [...draft.weekdays].sort((a, b) => a - b),
    times,
  };
}

/** SCREEN_BUSY of a schedule request lists every clash, as JSON text in `details.clashes`. */
export function clashesOf(error: ErrorBody): ScheduleClash[] {
  try {
    const parsed: unknown = JSON.parse(error.details?.clashes ?? '[]');
    return Array.isArray(parsed) ? (parsed as ScheduleClash[]) : [];
  } catch {
    return [];
  }
}

export function createProgramSlice(kit: ManagerKit): ProgramData & ProgramActions {
  const { set, get } = kit;
  const today = () => theatreToday(kit.now(), get().timeZone, get().shows[0]?.showTime);

  /** Runs a schedule request; a clash or a past time is answered in `onRefusal`, not as a notice. */
  function schedule(request: ScheduleRequest, onRefusal: (refusal: { clashes?: ScheduleClash[]; past?: true }) => void) {
    return kit.change('scheduleShows', request, (error) => {
      if (error.code === 'SCREEN_BUSY') onRefusal({ clashes: clashesOf(error) });
      else if (error.code === 'SHOW_IN_PAST') onRefusal({ past: true });
      else return false;
      return true;
    });
  }

  function afterProgrammed(count: number, firstDay: string | null) {
    set({ dialog: null, done: { kind: 'programmed', count } });
    if (firstDay !== null) set({ timelineDay: firstDay });
    kit.refreshAfterChange();
  }

  return {
    timelineDay: null,
    programDraft: emptyProgram(theatreToday(kit.now(), undefined)),
    programErrors: {},
    programPreview: null,
    programPast: false,

    setTimelineDay(day) {
      set({ timelineDay: day });
    },

    openProgram() {
      const day = get().timelineDay ?? today();
      set({
        dialog: { kind: 'program' },
        programDraft: { ...emptyProgram(day), screenIds: get().screens?.length === 1 ? [get().screens![0]!.screenId] : [] },
        programErrors: {},
        programPreview: null,
        programPast: false,
        notice: null,
        done: null,
      });
      void get().loadCatalog();
      void loadPriceCard(kit, null);
    },

    typeProgram(patch) {
      const draft = { ...get().programDraft, ...patch };
      // A preview describes the form it was made from: any change makes it stale.
      set({ programDraft: draft, programPreview: null, programPast: false });
      const shown = get().programErrors;
      if (Object.keys(shown).length > 0) {
        const now = validateProgram(draft);
        set({ programErrors: Object.fromEntries(Object.keys(shown).filter((k) => k in now).map((k) => [k, now[k as ProgramField]])) });
      }
    },

    async previewProgram() {
      if (get().busy) return;
      const draft = get().programDraft;
      const errors = validateProgram(draft);
      set({ programErrors: errors, programPreview: null });
      if (Object.keys(errors).length > 0) return;
      const preview = await schedule({ ...requestOf(draft), dryRun: true, confirmPast: true }, () => undefined);
      if (preview === null) return;
      const past = preview.shows.some((s) => Date.parse(s.showTime) < kit.now());
      set({ programPreview: { shows: preview.shows, clashes: preview.clashes }, programPast: past });
    },

    async createProgram(confirmPast = false) {
      if (get().busy) return;
      const draft = get().programDraft;
      const errors = validateProgram(draft);
      set({ programErrors: errors });
      const { prices, errors: priceErrors } = pricesToSend(get());
      set({ priceErrors });
      if (Object.keys(errors).length > 0 || priceErrors.length > 0) return;
      const made = await schedule({ ...requestOf(draft), ...(prices ? { prices } : {}), ...(confirmPast ? { confirmPast } : {}) }, (refusal) => {
        if (refusal.past) set({ programPast: true });
        if (refusal.clashes) set({ programPreview: { shows: get().programPreview?.shows ?? [], clashes: refusal.clashes } });
      });
      if (made === null) return;
      afterProgrammed(made.shows.length, draft.from);
    },

    async openCopyWeek() {
      const monday = weekStartOf(get().timelineDay ?? today());
      set({ dialog: { kind: 'copyWeek', monday, copy: null, preview: null }, notice: null, done: null });
      // The week's own shows, the days already over included.
      const days = Math.min(60, Math.max(1, daysBetween(today(), addDays(monday, 6)) + 1));
      const shows = await kit.read('listShows', { days, includeExpired: true });
      if (shows === null) return;
      const copy = copyWeekRequests(shows, monday, get().timeZone);
      set({ dialog: { kind: 'copyWeek', monday, copy, preview: null } });
      const preview: ProgramPreview = { shows: [], clashes: [] };
      for (const request of copy.requests) {
        const answer = await schedule({ ...request, dryRun: true, confirmPast: true }, () => undefined);
        if (answer === null) return;
        preview.shows.push(...answer.shows);
        preview.clashes.push(...answer.clashes);
      }
      preview.shows.sort((a, b) => Date.parse(a.showTime) - Date.parse(b.showTime) || a.screenId - b.screenId);
      const dialog = get().dialog;
      if (dialog?.kind === 'copyWeek' && dialog.monday === monday) set({ dialog: { ...dialog, preview } });
    },

    async confirmCopyWeek() {
      const dialog = get().dialog;
      if (get().busy || dialog?.kind !== 'copyWeek' || dialog.copy === null || dialog.preview === null || dialog.preview.clashes.length > 0) return;
      let count = 0;
      for (const request of dialog.copy.requests) {
        let refused = false;
        const made = await schedule({ ...request, confirmPast: true }, (refusal) => {
          refused = true;
          // Someone scheduled into next week meanwhile: say what is in the way now.
          set({ dialog: { ...dialog, preview: { shows: dialog.preview!.shows, clashes: refusal.clashes ?? [] }, made: count } });
        });
        if (made === null) {
          if (refused) kit.refreshAfterChange();
          return;
        }
        count += made.shows.length;
      }
      afterProgrammed(count, addDays(dialog.monday, 7));
    },

    openReschedule(show) {
      set({ dialog: { kind: 'reschedule', show, problem: null }, notice: null, done: null });
      void get().loadCatalog();
    },

    async submitReschedule(draft) {
      const dialog = get().dialog;
      if (get().busy || dialog?.kind !== 'reschedule') return;
      const { show } = dialog;
      const refuse = (problem: RescheduleProblem) => set({ dialog: { ...dialog, problem } });
      if (draft.date === '') return refuse({ kind: 'empty', field: 'date' });
      if (draft.time === '') return refuse({ kind: 'empty', field: 'time' });
      if (!DAY.test(draft.date)) return refuse({ kind: 'invalid', field: 'date' });
      if (!TIME.test(draft.time)) return refuse({ kind: 'invalid', field: 'time' });
      const moved = await kit.change(
        'rescheduleShow',
        // Without an offset the server reads the theatre's wall clock, whatever zone this device is in.
        { showId: show.showId, showTime: `${draft.date} ${draft.time}`, screenId: draft.screenId, ...(draft.confirmPast ? { confirmPast: true } : {}) },
        (error) => {
          switch (error.code) {
            case 'CAPACITY_BELOW_SOLD':
              refuse({ kind: 'belowSold', booked: Number(error.details?.booked ?? show.booked) });
              return true;
            case 'SCREEN_BUSY':
              refuse({ kind: 'busy', title: error.details?.title ?? null, showTime: error.details?.showTime ?? null });
              return true;
            case 'SHOW_IN_PAST':
              refuse({ kind: 'past' });
              return true;
            case 'SHOW_CANCELLED':
              refuse({ kind: 'cancelled' });
              return true;
            case 'INVALID_INPUT':
              refuse({ kind: 'invalid', field: 'time' });
              return true;
            case 'SHOW_NOT_FOUND':
              set({ dialog: null, notice: { kind: 'showGone' } });
              kit.refreshAfterChange();
              return true;
            default:
              return false;
          }
        },
      );
      if (moved === null) return;
      set({
        dialog: null,
        done: { kind: 'rescheduled', title: moved.title ?? moved.filmTitle, showTime: moved.showTime, movedTickets: moved.movedTickets },
        timelineDay: theatreDayOf(moved.showTime, get().timeZone),
      });
      kit.refreshAfterChange();
    },

    openCancelShow(show) {
      set({ dialog: { kind: 'cancelShow', show, result: null, problem: null }, notice: null, done: null });
    },

    async submitCancelShow(reason) {
      const dialog = get().dialog;
      if (get().busy || dialog?.kind !== 'cancelShow' || dialog.result !== null) return;
      const text = reason.trim();
      if (text === '') return set({ dialog: { ...dialog, problem: 'empty' } });
      const cancelled = await kit.change('cancelShow', { showId: dialog.show.showId, reason: text }, (error) => {
        if (error.code === 'SHOW_CANCELLED') set({ dialog: { ...dialog, problem: 'already' } });
        else if (error.code === 'INVALID_INPUT') set({ dialog: { ...dialog, problem: 'invalid' } });
        else return false;
        kit.refreshAfterChange();
        return true;
      });
      if (cancelled === null) return;
      // The dialog stays, now holding the call list: the guests are phoned from it.
      set({ dialog: { ...dialog, result: { cancelledTickets: cancelled.cancelledTickets, guests: cancelled.guests, reason: text }, problem: null } });
      kit.refreshAfterChange();
    },
  };
}

/** The days the timeline may show: the schedule's own window, from the Monday of this week. */
export function timelineBounds(today: string): { first: string; last: string } {
  return { first: weekStartOf(today), last: addDays(today, SCHEDULE_DAYS - 1) };
}

export type CallList = { cancelledTickets: number; guests: CallListGuest[]; reason: string };
