// The cash-up as a CSV file: one row per device and one for all of them, money as plain
// decimals in the currency's digits (plainMoney), so a spreadsheet sums them.
import { toCsv, type CsvColumn } from '../../shared/lib/csv';
import type { ManagerMessages } from '../i18n';
import type { OperationOutput } from '../../../../main/common/operations';
import { plainMoney } from './report-csv';

type CashUp = OperationOutput<'cashUp'>;
type Line = Omit<CashUp['devices'][number], 'tokenId'>;

export function cashUpCsv(cashUp: CashUp, m: ManagerMessages): string {
  const c = m.cashup.csvColumns;
  const money = (minor: number) => plainMoney(minor, cashUp.currency);
  const columns: CsvColumn<Line>[] = [
    { header: c.day, value: () => cashUp.day },
    { header: c.device, value: (r) => r.device },
    { header: `${c.cashSales} (${cashUp.currency})`, value: (r) => money(r.cash.sales) },
    { header: `${c.cashRefunds} (${cashUp.currency})`, value: (r) => money(r.cash.refunds) },
    { header: `${c.expected} (${cashUp.currency})`, value: (r) => money(r.cash.expected) },
    { header: `${c.cardSales} (${cashUp.currency})`, value: (r) => money(r.card.sales) },
    { header: `${c.cardRefunds} (${cashUp.currency})`, value: (r) => money(r.card.refunds) },
    { header: c.comps, value: (r) => r.comp.count },
    { header: `${c.counted} (${cashUp.currency})`, value: (r) => (r.close ? money(r.close.counted) : null) },
    { header: `${c.difference} (${cashUp.currency})`, value: (r) => (r.close ? money(r.close.difference) : null) },
    { header: c.closedBy, value: (r) => r.close?.closedBy ?? null },
    { header: c.closedAt, value: (r) => r.close?.closedAt ?? null },
  ];
  const rows: Line[] = [...cashUp.devices, { ...cashUp.totals, device: m.cashup.totals, close: null }];
  return toCsv(rows, columns);
}

export const cashUpFileName = (day: string): string => `cashup-${day}.csv`;
