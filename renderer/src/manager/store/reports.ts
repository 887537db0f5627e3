// The reports slice: the sales report of a range of theatre-local days, and the distributor
// report (per film and week) of the same days. The range starts
// empty, so the first report covers the server's own default window (reports.ts in the core),
// and the answer fills the date fields with the days it covers.
import type { FilmReport, SalesReport } from '../lib/operations';
import type { ManagerKit } from './kit';

export type ReportField = 'from' | 'to';
export type ReportProblem = 'order' | 'range' | 'invalid';

export interface ReportsData {
  /** The date fields (YYYY-MM-DD, as a date input gives them); empty means the server's default. */
  reportRange: Record<ReportField, string>;
  report: SalesReport | null;
  /** The distributor report of the same days (per film and week). */
  filmReport: FilmReport | null;
  reportLoading: boolean;
  reportProblem: { field: ReportField; problem: ReportProblem } | null;
}

export interface ReportsActions {
  typeReportRange(field: ReportField, value: string): void;
  /** Asks for the report of the range in the fields (the Reports screen calls it on open). */
  loadReport(): Promise<void>;
}

export function createReportsSlice(kit: ManagerKit): ReportsData & ReportsActions {
  const { set, get } = kit;
  /** Each request gets a number; an answer for an older one is dropped. */
  let seq = 0;

  return {
    reportRange: { from: '', to: '' },
    report: null,
    filmReport: null,
    reportLoading: false,
    reportProblem: null,

    typeReportRange(field, value) {
      const problem = get().reportProblem;
      set({ reportRange: { ...get().reportRange, [field]: value }, reportProblem: problem?.field === field ? null : problem });
    },

    async loadReport() {
      const { from, to } = get().reportRange;
      // Plain string order is day order for YYYY-MM-DD; the server checks the rest.
      if (from !== '' && to !== '' && to < from) {
        set({ reportProblem: { field: 'to', problem: 'order' } });
        return;
      }
      const mine = ++seq;
      set({ reportLoading: true, reportProblem: null });
      const report = await kit.read('salesReport', { ...(from ? { from } : {}), ...(to ? { to } : {}) }, (error) => {
        if (error.code !== 'INVALID_INPUT') return false;
        if (mine === seq) {
          // A date input gives a real date or nothing, so a refused "to" is before "from" or too
          // far after it; a refused "from" can only be a date the input let through oddly.
          set({ reportProblem: error.field === 'from' ? { field: 'from', problem: 'invalid' } : { field: 'to', problem: 'range' } });
        }
        return true;
      });
      if (mine !== seq) return;
      if (report === null) return set({ reportLoading: false });
      set({ report, reportRange: { from: report.from, to: report.to } });
      // The days the sales report settled on are the distributor report's too.
      const filmReport = await kit.read('filmReport', { from: report.from, to: report.to });
      if (mine !== seq) return;
      set({ reportLoading: false, filmReport });
    },
  };
}
