// The schedule slice: the show list settings, the selected show and its roster, the
// new-show form, and editing (title, capacity) or deleting a show.
import { CAPACITY_MAX, TITLE_MAX, type Show, type TicketRow } from '../../../../main/common/schemas';
import { isoFromLocalInputs, todayInput } from '../lib/time';
import type { ManagerKit } from './kit';
import { loadPriceCard, pricesToSend } from './prices';

export const SCHEDULE_DAYS = 14;

/** The fields the form checks; screenId and filmId are picked from lists ('' for the first screen, no film). */
export type NewShowField = 'date' | 'time' | 'title' | 'capacity';
export type NewShowProblem = 'empty' | 'invalid' | 'tooLong' | 'range' | 'past' | 'exists' | 'busy';
export type NewShowInputs = Record<NewShowField | 'screenId' | 'filmId', string>;

export type EditShowField = 'title' | 'capacity';
export type EditShowProblem = 'tooLong' | 'empty' | 'invalid' | 'range' | 'belowSold';
export type EditShowInputs = Record<EditShowField, string>;

export interface ScheduleData {
  includeExpired: boolean;
  /** The selected show (screens may share a start time, so never named by its time). */
  selectedShowId: number | null;
  roster: TicketRow[] | null;
  newShow: NewShowInputs;
  newShowErrors: Partial<Record<NewShowField, NewShowProblem>>;
  editShow: EditShowInputs;
  editShowErrors: Partial<Record<EditShowField, EditShowProblem>>;
}

export interface ScheduleActions {
  setIncludeExpired(include: boolean): void;
  selectShow(showId: number): Promise<void>;
  refreshRoster(): Promise<void>;
  openNewShow(): void;
  typeNewShow(field: keyof NewShowInputs, value: string): void;
  submitNewShow(): Promise<void>;
  openEditShow(show: Show): void;
  typeEditShow(field: EditShowField, value: string): void;
  submitEditShow(): Promise<void>;
  askDeleteShow(show: Show): void;
  confirmDeleteShow(): Promise<void>;
}

/** Title may be cleared; the capacity is always given (it starts as the show's own). */
export function validateEditShow(inputs: EditShowInputs): Partial<Record<EditShowField, EditShowProblem>> {
  const errors: Partial<Record<EditShowField, EditShowProblem>> = {};
  if (inputs.title.trim().length > TITLE_MAX) errors.title = 'tooLong';
  const capacity = inputs.capacity.trim();
  if (capacity === '') errors.capacity = 'empty';
  else if (!/^\d+$/.test(capacity)) errors.capacity = 'invalid';
  else if (Number(capacity) < 1 || Number(capacity) > CAPACITY_MAX) errors.capacity = 'range';
  return errors;
}

const emptyNewShow = (nowMs: number): NewShowInputs => ({ date: todayInput(nowMs), time: '', title: '', capacity: '', screenId: '', filmId: '' });

export function validateNewShow(inputs: Pick<NewShowInputs, NewShowField>): Partial<Record<NewShowField, NewShowProblem>> {
  const errors: Partial<Record<NewShowField, NewShowProblem>> = {};
  if (inputs.date.trim() === '') errors.date = 'empty';
  if (inputs.time.trim() === '') errors.time = 'empty';
  if (!errors.date && !errors.time && isoFromLocalInputs(inputs.date, inputs.time) === null) errors.date = 'invalid';
  if (inputs.title.trim().length > TITLE_MAX) errors.title = 'tooLong';
  const capacity = inputs.capacity.trim();
  if (capacity !== '') {
    const n = Number(capacity);
    if (!/^\d+$/.test(capacity) || !Number.isInteger(n)) errors.capacity = 'invalid';
    else if (n < 1 || n > CAPACITY_MAX) errors.capacity = 'range';
  }
  return errors;
}

export interface ScheduleSlice extends ScheduleData, ScheduleActions {
  /** Seat updates for the open show re-read its roster after a quiet time. */
  rosterSeatsChanged(showId: number): void;
  stopRosterTimer(): void;
}

export function createScheduleSlice(kit: ManagerKit, rosterDebounceMs: number): ScheduleSlice {
  const { set, get } = kit;
  let rosterTimer: ReturnType<typeof setTimeout> | null = null;
  /** Each roster read gets a number; an answer for an older one is dropped. */
  let rosterSeq = 0;

  return {
    includeExpired: false,
    selectedShowId: null,
    roster: null,
    newShow: emptyNewShow(kit.now()),
    newShowErrors: {},
    editShow: { title: '', capacity: '' },
    editShowErrors: {},

    rosterSeatsChanged(showId) {
      if (get().selectedShowId !== showId) return;
      if (rosterTimer !== null) clearTimeout(rosterTimer);
      rosterTimer = setTimeout(() => {
        rosterTimer = null;
        void get().refreshRoster();
      }, rosterDebounceMs);
    },

    stopRosterTimer() {
      if (rosterTimer !== null) clearTimeout(rosterTimer);
      rosterTimer = null;
    },

    setIncludeExpired(include) {
      set({ includeExpired: include });
      void (async () => {
        await kit.connection.refreshed();
        await get().refreshShows();
      })();
    },

    async selectShow(showId) {
      const changed = get().selectedShowId !== showId;
      set({ selectedShowId: showId, panel: 'roster', roster: changed ? null : get().roster, notice: null });
      await get().refreshRoster();
    },

    async refreshRoster() {
      const showId = get().selectedShowId;
      if (showId === null) return;
      const seq = ++rosterSeq;
      const roster = await kit.read('listByShowTime', { showId });
      if (roster !== null && seq === rosterSeq && showId === get().selectedShowId) set({ roster });
    },

    openNewShow() {
      set({ dialog: { kind: 'newShow' }, newShow: emptyNewShow(kit.now()), newShowErrors: {}, notice: null, done: null });
      void get().loadCatalog();
    },

    typeNewShow(field, value) {
      const newShow = { ...get().newShow, [field]: value };
      set({ newShow });
      // An error already shown updates as the staff fixes it; a new one waits for "Create".
      if (field !== 'screenId' && field !== 'filmId' && get().newShowErrors[field] !== undefined) {
        const errors = { ...get().newShowErrors };
        const check = validateNewShow(newShow)[field];
        if (check === undefined) delete errors[field];
        else errors[field] = check;
        set({ newShowErrors: errors });
      }
    },

    async submitNewShow() {
      if (get().busy) return;
      const inputs = get().newShow;
      const errors = validateNewShow(inputs);
      set({ newShowErrors: errors });
      if (Object.keys(errors).length > 0) return;
      const showTime = isoFromLocalInputs(inputs.date, inputs.time)!;
      const title = inputs.title.trim();
      const capacity = inputs.capacity.trim();
      const created = await kit.change(
        'createShow',
        {
          showTime,
          ...(inputs.screenId ? { screenId: Number(inputs.screenId) } : {}),
          ...(inputs.filmId ? { filmId: Number(inputs.filmId) } : {}),
          ...(title ? { title } : {}),
          ...(capacity ? { capacity: Number(capacity) } : {}),
        },
        (error) => {
          if (error.code === 'SHOW_EXPIRED' || error.code === 'SHOW_IN_PAST') set({ newShowErrors: { date: 'past' } });
          // Another show still holds the (first) screen then.
          else if (error.code === 'SCREEN_BUSY') set({ newShowErrors: { time: 'busy' } });
          // A second show at one time is refused, never merged into the first.
          else if (error.code === 'SHOW_EXISTS') set({ newShowErrors: { time: 'exists' } });
          else if (error.code === 'INVALID_INPUT' && error.field === 'capacity') set({ newShowErrors: { capacity: 'range' } });
          else if (error.code === 'INVALID_INPUT' && error.field === 'title') set({ newShowErrors: { title: 'tooLong' } });
          else if (error.code === 'INVALID_INPUT' && error.field === 'showTime') set({ newShowErrors: { date: 'invalid' } });
          else return false;
          return true;
        },
      );
      if (created === null) return;
      set({ dialog: null, done: { kind: 'showCreated', title: created.title, showTime: created.showTime } });
      await get().refreshShows();
      void get().selectShow(created.showId);
    },

    openEditShow(show) {
      set({
        dialog: { kind: 'editShow', show },
        editShow: { title: show.title ?? '', capacity: String(show.capacity) },
        editShowErrors: {},
        notice: null,
        done: null,
      });
      void loadPriceCard(kit, show.showId);
    },

    typeEditShow(field, value) {
      const editShow = { ...get().editShow, [field]: value };
      set({ editShow });
      if (get().editShowErrors[field] !== undefined) {
        const errors = { ...get().editShowErrors };
        const check = validateEditShow(editShow)[field];
        if (check === undefined) delete errors[field];
        else errors[field] = check;
        set({ editShowErrors: errors });
      }
    },

    async submitEditShow() {
      const dialog = get().dialog;
      if (get().busy || dialog?.kind !== 'editShow') return;
      const errors = validateEditShow(get().editShow);
      const { prices, errors: priceErrors } = pricesToSend(get());
      set({ editShowErrors: errors, priceErrors });
      if (Object.keys(errors).length > 0 || priceErrors.length > 0) return;
      const title = get().editShow.title.trim();
      const updated = await kit.change(
        'updateShow',
        { showId: dialog.show.showId, title: title === '' ? null : title, capacity: Number(get().editShow.capacity.trim()), ...(prices ? { prices } : {}) },
        (error) => {
          // Seats sold meanwhile: the form says so at the capacity field.
          if (error.code === 'CAPACITY_BELOW_SOLD') set({ editShowErrors: { capacity: 'belowSold' } });
          else if (error.code === 'INVALID_INPUT' && error.field === 'title') set({ editShowErrors: { title: 'tooLong' } });
          else if (error.code === 'INVALID_INPUT' && error.field === 'capacity') set({ editShowErrors: { capacity: 'range' } });
          else if (error.code === 'TICKET_TYPE_NOT_FOUND' || (error.code === 'INVALID_INPUT' && error.field?.startsWith('prices'))) {
            // A type deleted meanwhile, or a price the server would not take: the card is read again.
            void loadPriceCard(kit, dialog.show.showId);
          }
          else if (error.code === 'SHOW_NOT_FOUND') {
            set({ dialog: null, notice: { kind: 'showGone' } });
            kit.refreshAfterChange();
          } else return false;
          return true;
        },
      );
      if (updated === null) return;
      set({ dialog: null, done: { kind: 'showUpdated', title: updated.title, showTime: updated.showTime } });
      kit.refreshAfterChange();
    },

    askDeleteShow(show) {
      set({ dialog: { kind: 'deleteShow', show }, notice: null, done: null });
    },

    async confirmDeleteShow() {
      const dialog = get().dialog;
      if (get().busy || dialog?.kind !== 'deleteShow') return;
      const { show } = dialog;
      const deleted = await kit.change('deleteShow', { showId: show.showId }, (error) => {
        if (error.code === 'SHOW_HAS_TICKETS') set({ dialog: null, notice: { kind: 'showHasTickets' } });
        else if (error.code === 'SHOW_NOT_FOUND') set({ dialog: null, notice: { kind: 'showGone' } });
        else return false;
        kit.refreshAfterChange();
        return true;
      });
      if (deleted === null) return;
      const wasSelected = get().selectedShowId === show.showId;
      set({ dialog: null, done: { kind: 'showDeleted', title: show.title, showTime: show.showTime }, ...(wasSelected ? { selectedShowId: null, roster: null } : {}) });
      await get().refreshShows();
    },
  };
}
