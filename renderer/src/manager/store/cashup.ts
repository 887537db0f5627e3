// The Cash-up slice (issue 22): a theatre-local day's money per device (a counter gets its own,
// the manager every device's), and closing a drawer with the cash counted in it. The server
// keeps one close per day and device; a second count is answered with the first (CASHUP_CLOSED),
// which the view then shows as the close.
import type { OperationOutput } from '../../../../main/common/operations';
import { theatreToday } from '../lib/week';
import type { ManagerKit } from './kit';

export type CashUp = OperationOutput<'cashUp'>;
export type CashUpDevice = CashUp['devices'][number];
export type CashUpClose = OperationOutput<'closeCashUp'>;

export interface CashUpData {
  /** YYYY-MM-DD; empty until the view opens (then today, by the theatre's clock when known, else the device's). */
  cashUpDay: string;
  cashUp: CashUp | null;
  cashUpLoading: boolean;
  /** The drawer being counted (its tokenId; null: the desktop app's), while the count dialog is open. */
  counting: { tokenId: number | null; device: string; expected: number } | null;
  countProblem: 'amount' | null;
  /** The close just made, or the one the server already had (`already`). */
  closed: { close: Omit<CashUpClose, 'currency'>; already: boolean } | null;
}

export interface CashUpActions {
  setCashUpDay(day: string): void;
  loadCashUp(): Promise<void>;
  askCount(device: CashUpDevice): void;
  cancelCount(): void;
  closeDrawer(counted: number | null): Promise<void>;
  /** Prints the Z-report (the view lays it out on the 80 mm page). */
  printZReport(): Promise<void>;
}

export function createCashUpSlice(kit: ManagerKit): CashUpData & CashUpActions {
  const { set, get } = kit;
  let seq = 0;
  return {
    cashUpDay: '',
    cashUp: null,
    cashUpLoading: false,
    counting: null,
    countProblem: null,
    closed: null,

    setCashUpDay(day) {
      set({ cashUpDay: day, closed: null });
      if (day !== '') void get().loadCashUp();
    },

    async loadCashUp() {
      let day = get().cashUpDay;
      if (day === '') {
        // The theatre's day, as the programme reckons it: a page served over HTTP is not told the
        // zone, and a show time's offset says it where the device's own clock would not (a
        // manager's laptop in another zone opened yesterday's or tomorrow's cash-up).
        day = theatreToday(kit.now(), get().timeZone, get().shows[0]?.showTime);
        set({ cashUpDay: day });
      }
      const mine = ++seq;
      set({ cashUpLoading: true });
      const answer = await kit.read('cashUp', { day });
      if (mine !== seq) return;
      set({ cashUpLoading: false, ...(answer === null ? {} : { cashUp: answer }) });
    },

    askCount(device) {
      if (device.close !== null) return;
      set({ counting: { tokenId: device.tokenId, device: device.device, expected: device.cash.expected }, countProblem: null, closed: null, dialog: { kind: 'countDrawer' } });
    },

    cancelCount() {
      set({ counting: null, countProblem: null, dialog: null });
    },

    async printZReport() {
      if (get().cashUp === null) return;
      const printed = await kit.transport.printTicket();
      if (!printed.ok) kit.handleCommon(printed.error);
    },

    async closeDrawer(counted) {
      const { counting, cashUpDay, busy } = get();
      if (busy || counting === null) return;
      if (counted === null || counted < 0) return set({ countProblem: 'amount' });
      const input = { day: cashUpDay, counted, ...(counting.tokenId === null ? {} : { tokenId: counting.tokenId }) };
      let already: CashUpClose | null = null;
      const close = await kit.change('closeCashUp', input, (error) => {
        if (error.code === 'INVALID_INPUT' && error.field === 'counted') {
          set({ countProblem: 'amount' });
          return true;
        }
        if (error.code !== 'CASHUP_CLOSED' || !error.details) return false;
        const d = error.details;
        already = {
          day: cashUpDay, tokenId: counting.tokenId, device: counting.device, currency: get().cashUp?.currency ?? '',
          counted: Number(d.counted), expected: Number(d.expected), difference: Number(d.difference), closedBy: d.closedBy ?? '', closedAt: d.closedAt ?? '',
        };
        return true;
      });
      const made = close ?? already;
      if (made === null) return;
      const { currency: _currency, ...figures } = made;
      set({ counting: null, countProblem: null, dialog: null, closed: { close: figures, already: close === null } });
      await get().loadCashUp();
    },
  };
}
