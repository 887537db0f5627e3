// The ticket types slice (adult, child, wheelchair space…): the list in display order with the
// server's currency, a form to add or change one, reordering, taking a type off sale and back,
// choosing the default, and deleting one never sold (the server refuses TICKET_TYPE_IN_USE).
import type { ErrorBody } from '../../../../main/common/errors';
import { CAPACITY_MAX, PRICE_MAX, TICKET_TYPE_NAME_MAX, type TicketType } from '../../../../main/common/schemas';
import { parsePrice } from '../lib/price';
import type { DraftErrors, FieldProblem } from './catalog';
import type { ManagerKit } from './kit';

export interface TicketTypeDraft {
  name: string;
  /** In the currency's major unit, as typed ("9.50"). */
  price: string;
  /** Empty: no quota beyond the seats. */
  quotaPerShow: string;
  /** Of the quota, spaces sold only at the counter, never by a kiosk (empty: none). */
  heldForCounter: string;
  /** A wheelchair space: the kiosk lists it first, with the symbol of access. */
  accessible: boolean;
}
/** The typed fields, each with its own error. */
export type TicketTypeField = Exclude<keyof TicketTypeDraft, 'accessible'>;

/** Why a type was not deleted: tickets were sold of it, or it is the default. */
export type TicketTypeRefusal = 'inUse' | 'default';

export interface TicketTypesData {
  ticketTypes: TicketType[] | null;
  /** The server's currency (MARQUEE_CURRENCY), as /ticket-type/list names it. */
  currency: string | null;
  ticketTypeErrors: DraftErrors<TicketTypeField>;
}

export interface TicketTypesActions {
  /** Reads every type, those off sale too. */
  loadTicketTypes(): Promise<void>;
  openTicketType(type: TicketType | null): void;
  saveTicketType(draft: TicketTypeDraft): Promise<void>;
  /** One place up (-1) or down (+1) in the order guests see. */
  moveTicketType(type: TicketType, step: -1 | 1): Promise<void>;
  setTicketTypeActive(type: TicketType, active: boolean): Promise<void>;
  makeDefaultTicketType(type: TicketType): Promise<void>;
  askDeleteTicketType(type: TicketType): void;
  confirmDeleteTicketType(): Promise<void>;
}

export function validateTicketType(draft: TicketTypeDraft, currency: string): DraftErrors<TicketTypeField> {
  const errors: DraftErrors<TicketTypeField> = {};
  if (draft.name.trim() === '') errors.name = 'empty';
  else if ([...draft.name.trim()].length > TICKET_TYPE_NAME_MAX) errors.name = 'tooLong';
  if (draft.price.trim() === '') errors.price = 'empty';
  else {
    const price = parsePrice(draft.price, currency);
    if (price === null) errors.price = 'invalid';
    else if (price > PRICE_MAX) errors.price = 'range';
  }
  const quota = draft.quotaPerShow.trim();
  if (quota !== '') {
    if (!/^\d+$/.test(quota)) errors.quotaPerShow = 'invalid';
    else if (Number(quota) < 1 || Number(quota) > CAPACITY_MAX) errors.quotaPerShow = 'range';
  }
  const held = draft.heldForCounter.trim();
  if (held !== '') {
    if (!/^\d+$/.test(held)) errors.heldForCounter = 'invalid';
    else if (Number(held) > 0 && quota === '') errors.heldForCounter = 'needsQuota';
    else if (/^\d+$/.test(quota) && Number(held) > Number(quota)) errors.heldForCounter = 'range';
  }
  return errors;
}

const refusalOf = (error: ErrorBody): TicketTypeRefusal | null =>
  error.code === 'TICKET_TYPE_IN_USE' ? 'inUse' : error.code === 'DEFAULT_TICKET_TYPE' ? 'default' : null;

export function createTicketTypesSlice(kit: ManagerKit): TicketTypesData & TicketTypesActions {
  const { set, get } = kit;

  async function refresh() {
    const answer = await kit.read('listTicketTypes', { includeInactive: true });
    if (answer !== null) set({ ticketTypes: answer.ticketTypes, currency: answer.currency });
  }

  /** A change to one type from the list (no dialog): a refusal is said on the page, the list re-read. */
  async function change(input: Parameters<typeof kit.change<'updateTicketType'>>[1]) {
    if (get().busy) return null;
    const saved = await kit.change('updateTicketType', input, (error) => {
      const refusal = refusalOf(error);
      if (refusal === null && error.code !== 'TICKET_TYPE_INACTIVE' && error.code !== 'TICKET_TYPE_NOT_FOUND') return false;
      set({ notice: { kind: 'ticketTypeRefused' } });
      void refresh();
      return true;
    });
    if (saved !== null) await refresh();
    return saved;
  }

  return {
    ticketTypes: null,
    currency: null,
    ticketTypeErrors: {},

    async loadTicketTypes() {
      await refresh();
    },

    openTicketType(type) {
      set({ dialog: { kind: 'ticketType', type }, ticketTypeErrors: {}, notice: null, done: null });
    },

    async saveTicketType(draft) {
      const dialog = get().dialog;
      const currency = get().currency;
      if (get().busy || dialog?.kind !== 'ticketType' || currency === null) return;
      const errors = validateTicketType(draft, currency);
      set({ ticketTypeErrors: errors });
      if (Object.keys(errors).length > 0) return;
      const quota = draft.quotaPerShow.trim();
      const held = draft.heldForCounter.trim();
      const fields = {
        name: draft.name.trim(), price: parsePrice(draft.price, currency)!, quotaPerShow: quota === '' ? null : Number(quota),
        heldForCounter: held === '' ? 0 : Number(held), accessible: draft.accessible,
      };
      const handle = (error: ErrorBody) => {
        if (error.code === 'TICKET_TYPE_EXISTS') set({ ticketTypeErrors: { name: 'exists' } });
        else if (error.code === 'INVALID_INPUT' && ['name', 'price', 'quotaPerShow', 'heldForCounter'].includes(error.field ?? '')) {
          set({ ticketTypeErrors: { [error.field as TicketTypeField]: 'invalid' satisfies FieldProblem } });
        } else return false;
        return true;
      };
      const saved = dialog.type
        ? await kit.change('updateTicketType', { ticketTypeId: dialog.type.ticketTypeId, ...fields }, handle)
        : await kit.change('createTicketType', fields, handle);
      if (saved === null) return;
      set({ dialog: null, done: { kind: 'ticketTypeSaved', name: saved.name } });
      await refresh();
    },

    async moveTicketType(type, step) {
      const list = [...(get().ticketTypes ?? [])];
      const from = list.findIndex((t) => t.ticketTypeId === type.ticketTypeId);
      const to = from + step;
      if (from < 0 || to < 0 || to >= list.length || get().busy) return;
      [list[from], list[to]] = [list[to]!, list[from]!];
      // The list's own positions become the order: equal sort orders (all 0) are untangled too.
      for (const [index, t] of list.entries()) {
        if (t.sortOrder === index) continue;
        if ((await change({ ticketTypeId: t.ticketTypeId, sortOrder: index })) === null) return;
      }
      set({ done: { kind: 'ticketTypeMoved', name: type.name } });
    },

    async setTicketTypeActive(type, active) {
      if ((await change({ ticketTypeId: type.ticketTypeId, active })) !== null) {
        set({ done: { kind: active ? 'ticketTypeActivated' : 'ticketTypeDeactivated', name: type.name } });
      }
    },

    async makeDefaultTicketType(type) {
      if ((await change({ ticketTypeId: type.ticketTypeId, isDefault: true })) !== null) set({ done: { kind: 'ticketTypeDefault', name: type.name } });
    },

    askDeleteTicketType(type) {
      set({ dialog: { kind: 'deleteTicketType', type, refusal: null }, notice: null, done: null });
    },

    async confirmDeleteTicketType() {
      const dialog = get().dialog;
      if (get().busy || dialog?.kind !== 'deleteTicketType') return;
      const deleted = await kit.change('deleteTicketType', { ticketTypeId: dialog.type.ticketTypeId }, (error) => {
        // Said in the dialog, where the staff asked: the way out is to take it off sale instead.
        const refusal = refusalOf(error);
        if (refusal !== null) set({ dialog: { ...dialog, refusal } });
        else if (error.code === 'TICKET_TYPE_NOT_FOUND') set({ dialog: null });
        else return false;
        void refresh();
        return true;
      });
      if (deleted === null) return;
      set({ dialog: null, done: { kind: 'ticketTypeDeleted', name: dialog.type.name } });
      await refresh();
    },
  };
}
