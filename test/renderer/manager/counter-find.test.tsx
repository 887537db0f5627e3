// @vitest-environment jsdom
// The counter's Find and Cash-up views (issue 22) in jsdom with the in-memory box office: a
// reservation found by an international phone, paid in cash with the change said, a seat
// refunded (never more than was paid), a paid ticket's cancel offering the refund, the drawer
// counted and closed (the difference said in words), the Z-report's CSV. Money requests carry
// an Idempotency-Key, the same one for a retry from the same dialog.
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CallOptions, OperationInput, OperationName } from '../../../main/common/operations';
import type { SearchHit } from '../../../main/common/schemas';
import { ManagerApp } from '../../../renderer/src/manager/ManagerApp';
import { changeFor } from '../../../renderer/src/manager/store/find';
import { createManagerStore, type ManagerStore } from '../../../renderer/src/manager/store/manager-store';
import { COUNTER_TOKEN, FakeManagerTransport, makeShow } from './fake-manager-transport';

const dayIn = (days: number) => new Date(Date.now() + 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);
const CODE = 'K7P2-9XQD-M4TA';

let downloads: Array<{ name: string; text: Promise<string> }>;
beforeEach(() => {
  downloads = [];
  const blobs = new Map<string, Blob>();
  URL.createObjectURL = (blob: Blob) => {
    const url = `blob:test/${blobs.size}`;
    blobs.set(url, blob);
    return url;
  };
  URL.revokeObjectURL = () => {};
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    downloads.push({ name: this.download, text: blobs.get(this.href)!.text() });
  });
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
  document.documentElement.classList.remove('manager');
});

/** A kiosk reservation of two adults at 9.50, unpaid; the fake's money follows what the counter does. */
function seeded(token?: string) {
  const transport = new FakeManagerTransport([makeShow(1, `${dayIn(0)}T21:00:00+01:00`, { title: 'Harbour Lights', capacity: 10 })], token === undefined ? {} : { token });
  const ticketId = transport.book(1, 'Rosa Díaz', '5551234567', [{ ticketTypeId: 2, count: 2 }]);
  const money = { paid: 0, refunded: 0 };
  const row = () => {
    const held = money.paid - money.refunded;
    return { ...transport.rowOfTicket(ticketId), ticketCode: CODE, paid: held >= 1900, amountDue: Math.max(0, 1900 - held), refundable: held };
  };
  const hit = (): SearchHit => ({ ...row(), title: 'Harbour Lights' });
  transport.override('searchTickets', ({ query }) => ({ ok: true, value: query.replace(/\D/g, '').endsWith('5551234567') ? [hit()] : [] }));
  transport.override('lookupTicket', () => ({ ok: true, value: row() }));
  transport.override('payTicket', (input) => {
    money.paid += input.payment.amount;
    const tendered = 'tendered' in input.payment ? (input.payment.tendered ?? input.payment.amount) : input.payment.amount;
    return { ok: true, value: { ticketId, paymentId: 1, paid: money.paid, total: 1900, amountDue: 0, change: tendered - input.payment.amount, currency: 'EUR' } };
  });
  transport.override('refundTicket', (input) => {
    // Seats are refunded at their price as sold (Adult 9.50 here).
    const amount = input.amount ?? (input.items ?? []).reduce((n, i) => n + i.count * 950, 0);
    if (amount > money.paid - money.refunded) return transport.fail('REFUND_TOO_LARGE');
    money.refunded += amount;
    return { ok: true, value: { ticketId, paymentId: 2, amount, seats: input.items === undefined ? null : 2 - input.items.length, paid: money.paid - money.refunded, currency: 'EUR' } };
  });
  const keys: Array<{ name: OperationName; key: string | undefined }> = [];
  const call = transport.call.bind(transport);
  vi.spyOn(transport, 'call').mockImplementation(async <K extends OperationName>(name: K, input: OperationInput<K>, options?: CallOptions) => {
    keys.push({ name, key: options?.idempotencyKey });
    return call(name, input);
  });
  const store = createManagerStore({ transport, outageRetryMs: { min: 5, max: 10 }, rosterDebounceMs: 5 });
  return { transport, store, ticketId, money, keys };
}

/** The app on its first section: the schedule for a manager, Sell for a counter. */
async function renderApp(store: ManagerStore, transport: FakeManagerTransport, home = 'Schedule') {
  render(<ManagerApp transport={transport} store={store} />);
  await screen.findByRole('heading', { level: 1, name: home });
}

describe('the store', () => {
  it('the change is what was handed over less the amount due; too little is no change', () => {
    expect(changeFor(1900, 5000)).toBe(3100);
    expect(changeFor(1900, 1900)).toBe(0);
    expect(changeFor(1900, 1000)).toBeNull();
  });

  it('pays a found reservation once under one key, refunds within what was paid, and says a refusal', async () => {
    const { transport, store, ticketId, money, keys } = seeded();
    await store.getState().init();
    store.getState().setView('find');
    store.getState().typeFind('+1 555 123 4567');
    await store.getState().find();
    expect(store.getState().findResults?.hits).toMatchObject([{ ticketId, ticketCode: CODE, amountDue: 1900 }]);
    await store.getState().openFound(store.getState().findResults!.hits![0]!);
    await waitFor(() => expect(store.getState().ticket?.row?.amountDue).toBe(1900));

    store.getState().askPay();
    expect(store.getState().dialog).toEqual({ kind: 'pay' });
    await store.getState().confirmPay({ method: 'cash', tendered: 1000 });
    expect(store.getState().moneyProblem).toEqual({ kind: 'tendered' });
    expect(money.paid).toBe(0);
    await store.getState().confirmPay({ method: 'cash', tendered: 5000 });
    expect(store.getState().moneyOutcome).toEqual({ kind: 'paid', ticketId, amount: 1900, method: 'cash', change: 3100 });
    expect(store.getState().ticket?.row).toMatchObject({ amountDue: 0, refundable: 1900 });
    expect(store.getState().findResults?.hits?.[0]).toMatchObject({ amountDue: 0 });
    const payKeys = keys.filter((k) => k.name === 'payTicket');
    expect(payKeys).toHaveLength(1);
    expect(payKeys[0]!.key).toMatch(/^[0-9a-f-]{36}$/);

    store.getState().askRefund();
    await store.getState().confirmRefund({ amount: 2000, method: 'cash', reason: 'One went home' });
    expect(store.getState().moneyProblem).toEqual({ kind: 'amount' });
    await store.getState().confirmRefund({ amount: 950, method: 'cash', reason: '   ' });
    expect(store.getState().moneyProblem).toEqual({ kind: 'reason' });
    // The server refuses (another counter refunded meanwhile): the dialog says how much is left, the same key goes again.
    money.refunded = 1000;
    await store.getState().confirmRefund({ amount: 950, method: 'cash', reason: 'One went home' });
    expect(store.getState().moneyProblem).toEqual({ kind: 'tooLarge', refundable: 0 });
    money.refunded = 0;
    await store.getState().confirmRefund({ amount: 950, method: 'cash', reason: 'One went home' });
    expect(store.getState().moneyOutcome).toEqual({ kind: 'refunded', ticketId, amount: 950, method: 'cash' });
    const refundKeys = keys.filter((k) => k.name === 'refundTicket').map((k) => k.key);
    expect(refundKeys).toHaveLength(2);
    expect(refundKeys[0]).toBe(refundKeys[1]);
    expect(refundKeys[0]).not.toBe(payKeys[0]!.key);
    expect(transport.calls.filter((c) => c.name === 'refundTicket').at(-1)?.input).toEqual({ ticketId, amount: 950, method: 'cash', reason: 'One went home' });
  });

  it('cancelling a paid ticket gives its money back first, then cancels', async () => {
    const { transport, store, ticketId, money } = seeded();
    money.paid = 1900;
    await store.getState().init();
    await store.getState().openTicket(ticketId);
    await waitFor(() => expect(store.getState().ticket?.row?.refundable).toBe(1900));
    store.getState().askCancel();
    await store.getState().confirmCancelWithRefund('card');
    const names = transport.calls.map((c) => c.name).filter((n) => n === 'refundTicket' || n === 'cancel');
    expect(names).toEqual(['refundTicket', 'cancel']);
    expect(transport.calls.find((c) => c.name === 'refundTicket')?.input).toMatchObject({ amount: 1900, method: 'card' });
  });
});

describe('the views', () => {
  it('Find: an international phone finds the reservation; Take payment shows the change; one h1', async () => {
    // Find is the counter's section (a manager finds tickets from the header's search).
    const { transport, store } = seeded(COUNTER_TOKEN);
    await renderApp(store, transport, 'Sell');
    fireEvent.click(within(screen.getByRole('navigation')).getByRole('button', { name: 'Find a ticket' }));
    await screen.findByRole('heading', { level: 1, name: 'Find a ticket' });
    fireEvent.change(screen.getByLabelText('Ticket code, name or phone'), { target: { value: '+1 555 123 4567' } });
    fireEvent.submit(screen.getByRole('search', { name: 'Find a ticket' }));
    const table = await screen.findByTestId('find-results');
    const row = within(table).getAllByRole('row')[1]!;
    expect(row.textContent).toContain('Rosa Díaz');
    expect(row.textContent).toMatch(/Not paid: €19\.00 due|Not paid: 19\.00 € due/);
    expect(row.textContent).toContain('Not in yet');
    fireEvent.click(within(row).getByRole('button', { name: CODE }));
    expect(await screen.findByTestId('ticket-code')).toHaveProperty('textContent', CODE);
    expect(screen.getByRole('img', { name: `QR code of ticket ${CODE}` })).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Take payment' }));
    const dialog = await screen.findByRole('dialog', { name: /Take payment for ticket/ });
    fireEvent.change(within(dialog).getByLabelText('Cash handed over'), { target: { value: '50' } });
    expect(within(dialog).getByTestId('pay-change').textContent).toMatch(/Change to give: (€31\.00|31\.00 €)/);
    fireEvent.click(within(dialog).getByRole('button', { name: /^Take/ }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect((await screen.findByTestId('money-outcome')).textContent).toMatch(/Paid .*19\.00.* Give back .*31\.00.* in change\./);
    expect(screen.getAllByRole('heading', { level: 1 })).toHaveLength(1);

    fireEvent.click(await screen.findByRole('button', { name: 'Refund' }));
    const refund = await screen.findByRole('dialog', { name: /Refund ticket/ });
    expect(refund.textContent).toMatch(/At most .*19\.00/);
    fireEvent.change(within(refund).getByLabelText(/Adult/), { target: { value: '1' } });
    fireEvent.change(within(refund).getByLabelText('Reason'), { target: { value: 'One went home' } });
    fireEvent.click(within(refund).getByRole('button', { name: /Give back .*9\.50/ }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    // Whole seats go back on sale with their money: the seats are sent, the server prices them.
    expect(transport.calls.filter((c) => c.name === 'refundTicket').at(-1)?.input).toEqual({ ticketId: expect.any(Number), items: [{ ticketTypeId: 2, count: 1 }], method: 'cash', reason: 'One went home' });
  });

  it('Cash-up: counts a drawer and says the difference in words; the CSV carries the close', async () => {
    const { transport, store } = seeded();
    const figures = { cash: { sales: 5700, refunds: 950, expected: 4750 }, card: { sales: 1900, refunds: 0 }, comp: { count: 1 } };
    let close: null | { counted: number; expected: number; difference: number } = null;
    transport.override('cashUp', ({ day }) => ({
      ok: true,
      value: {
        day, currency: 'EUR', totals: figures,
        devices: [{ ...figures, device: 'Counter 1', tokenId: 7, close: close && { day, tokenId: 7, device: 'Counter 1', closedBy: 'Counter 1', closedAt: '2026-11-24T22:00:00+01:00', ...close } }],
      },
    }));
    transport.override('closeCashUp', (input) => {
      close = { counted: input.counted, expected: 4750, difference: input.counted - 4750 };
      return { ok: true, value: { day: input.day, tokenId: 7, device: 'Counter 1', closedBy: 'Counter 1', closedAt: '2026-11-24T22:00:00+01:00', currency: 'EUR', ...close } };
    });
    await renderApp(store, transport);
    fireEvent.click(within(screen.getByRole('navigation')).getByRole('button', { name: 'Cash-up' }));
    await screen.findByRole('heading', { level: 1, name: 'Cash-up' });
    const table = await screen.findByTestId('cashup-table');
    expect(within(table).getAllByRole('row')[1]!.textContent).toMatch(/Counter 1.*57\.00.*9\.50.*47\.50.*19\.00/);
    expect((screen.getByLabelText('Day') as HTMLInputElement).value).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    fireEvent.click(within(table).getByRole('button', { name: 'Count the drawer of Counter 1' }));
    const dialog = await screen.findByRole('dialog', { name: 'Count the drawer: Counter 1' });
    fireEvent.change(within(dialog).getByLabelText('Cash counted'), { target: { value: '47' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Close the drawer' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(transport.calls.find((c) => c.name === 'closeCashUp')?.input).toMatchObject({ counted: 4700, tokenId: 7 });
    expect((await screen.findByTestId('cashup-difference')).textContent).toMatch(/Short by .*0\.50/);
    expect(screen.getByTestId('cashup-closed').textContent).toMatch(/Drawer of Counter 1 closed: Short by/);

    fireEvent.click(screen.getByRole('button', { name: 'Download CSV' }));
    expect(downloads.map((d) => d.name)).toEqual([expect.stringMatching(/^cashup-\d{4}-\d{2}-\d{2}\.csv$/)]);
    const csv = await downloads[0]!.text;
    // A signed number is quoted, so no spreadsheet reads it as a formula (shared/lib/csv.ts).
    expect(csv).toContain('Counter 1,57.00,9.50,47.50,19.00,0.00,1,47.00,"-0.50",Counter 1,2026-11-24T22:00:00+01:00');
    expect(csv).toContain('All devices,57.00,9.50,47.50,19.00,0.00,1,,,,');
  });
});
