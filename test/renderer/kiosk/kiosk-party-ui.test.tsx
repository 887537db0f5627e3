// @vitest-environment jsdom
// The quantity step and "Give back some seats" as a guest sees them: prices in the kiosk's
// language, the running total, + off with the reason in words, and the party on the ticket.
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { KioskApp } from '../../../renderer/src/kiosk/KioskApp';
import { createKioskStore, type KioskStore } from '../../../renderer/src/kiosk/store/kiosk-store';
import { ADULT, CHILD, FakeTransport, makeShow, showTimeIn } from './fake-transport';

async function renderKiosk(transport: FakeTransport): Promise<KioskStore> {
  const store = createKioskStore({ transport, outageRetryMs: { min: 5, max: 10 } });
  render(<KioskApp store={store} config={{ idleMs: 600_000, countdownMs: 15_000 }} />);
  await screen.findAllByRole('button', { name: /seats? left/ });
  return store;
}

const tap = (name: string | RegExp) => fireEvent.click(screen.getByRole('button', { name }));
const stepper = (name: string) => screen.getByRole('group', { name });
const total = () => screen.getByTestId('party-total').textContent;

afterEach(() => cleanup());

describe('the quantity step', () => {
  it('shows each type at its price, the running total, and + off with the reason', async () => {
    const transport = new FakeTransport([makeShow(1, showTimeIn(120), { capacity: 5 })]);
    transport.ticketTypes = [ADULT, CHILD, { ticketTypeId: 4, name: 'Senior', price: 700, quotaPerShow: 2 }];
    // Both senior seats of this show are sold.
    transport.tickets.set(99, { ticketId: 99, showId: 1, userName: 'X', phoneNo: '1', items: [{ ticketTypeId: 4, name: 'Senior', count: 2, unitPrice: 700 }] });
    await renderKiosk(transport);
    await act(async () => tap(/The Night Watch/));
    await screen.findByTestId('party-total');
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('How many tickets?');
    expect(screen.getByText('Step 1 of 4')).toBeTruthy();

    expect(within(stepper('Adult')).getByTestId('stepper-count').textContent).toBe('1');
    expect(stepper('Adult').textContent).toContain('$9.50');
    expect(total()).toBe('Total · 1 ticket$9.50');
    const senior = stepper('Senior');
    expect(senior.textContent).toContain('Sold out for this show');
    expect((within(senior).getByRole('button', { name: 'One more Senior' }) as HTMLButtonElement).disabled).toBe(true);

    tap('One more Adult');
    tap('One more Child');
    tap('One more Child');
    expect(total()).toBe('Total · 4 tickets$31.00');
    tap('One more Child');
    // Five seats left: the fifth guest is the last.
    expect(total()).toBe('Total · 5 tickets$37.00');
    expect((screen.getByRole('button', { name: 'One more Adult' }) as HTMLButtonElement).disabled).toBe(true);
    expect(stepper('Adult').textContent).toContain('Only 5 seats left for this show');
    tap('One fewer Child');

    tap('Next');
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('What is your name?');
  });

  it('speaks Spanish: prices, the reason + is off, and the party on the ticket with what is to pay', async () => {
    const transport = new FakeTransport([makeShow(1, showTimeIn(120))]);
    transport.ticketTypes = [ADULT, CHILD];
    transport.currency = 'EUR';
    transport.tickets.set(99, { ticketId: 99, showId: 1, userName: 'X', phoneNo: '1', items: [{ ticketTypeId: 3, name: 'Child', count: 4, unitPrice: 600 }] });
    const store = await renderKiosk(transport);
    tap('Cambiar el idioma a español');
    await act(async () => tap(/The Night Watch/));
    await screen.findByTestId('party-total');
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('¿Cuántas entradas?');
    expect(stepper('Adult').textContent).toMatch(/9,50\s€/);
    expect(stepper('Child').textContent).toContain('Agotadas para esta función');
    tap('Una más de Adult');
    const s = store.getState();
    s.submitParty();
    s.type('userName', 'Ana Lima');
    s.type('phoneNo', '600123456');
    await act(() => s.confirmBooking());
    const details = [...document.querySelectorAll('.ticket .detail')].map((d) => d.textContent);
    expect(details).toContain('Entradas2 × Adult');
    expect(details).toContainEqual(expect.stringMatching(/^Total19,00\s€ · a pagar en taquilla$/));
  });
});

describe('wheelchair spaces (issue 26, item 6)', () => {
  const WHEELCHAIR = { ticketTypeId: 5, name: 'Wheelchair space', price: 950, quotaPerShow: 2, heldForCounter: 1, accessible: true };

  it('lists the accessible type first, with the symbol of access and its name, never chosen for the guest', async () => {
    const transport = new FakeTransport([makeShow(1, showTimeIn(120))]);
    // The manager's order puts it last: the kiosk still offers it first.
    transport.ticketTypes = [ADULT, CHILD, WHEELCHAIR];
    await renderKiosk(transport);
    await act(async () => tap(/The Night Watch/));
    await screen.findByTestId('party-total');
    const groups = screen.getAllByRole('group').filter((g) => g.classList.contains('stepper'));
    expect(groups.map((g) => g.getAttribute('data-ticket-type'))).toEqual(['Wheelchair space', 'Adult', 'Child']);
    const first = groups[0]!;
    // The symbol as an inline SVG, beside words: not colour, not the picture alone.
    const mark = within(first).getByTestId('access-mark');
    expect(mark.querySelector('svg[data-symbol="international-symbol-of-access"]')).toBeTruthy();
    expect(mark.querySelector('svg')!.getAttribute('aria-hidden')).toBe('true');
    expect(mark.textContent).toBe('Wheelchair space');
    expect(first.getAttribute('aria-describedby')).toContain(mark.id);
    expect(stepper('Wheelchair space').textContent).toContain('$9.50');
    // A guest alone gets one adult seat, not the wheelchair space listed above it.
    expect(within(stepper('Wheelchair space')).getByTestId('stepper-count').textContent).toBe('0');
    expect(within(stepper('Adult')).getByTestId('stepper-count').textContent).toBe('1');
    // The others carry no mark.
    expect(within(stepper('Adult')).queryByTestId('access-mark')).toBeNull();
    tap('One more Wheelchair space');
    expect(within(stepper('Wheelchair space')).getByTestId('stepper-count').textContent).toBe('1');
    // One of the two spaces is held for the counter: the kiosk's share is one.
    expect((screen.getByRole('button', { name: 'One more Wheelchair space' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('when only the held space is left, + is off and the guest is told to ask at the counter', async () => {
    const transport = new FakeTransport([makeShow(1, showTimeIn(120))]);
    transport.ticketTypes = [ADULT, WHEELCHAIR];
    transport.tickets.set(99, { ticketId: 99, showId: 1, userName: 'X', phoneNo: '1', items: [{ ticketTypeId: 5, name: 'Wheelchair space', count: 1, unitPrice: 950 }] });
    await renderKiosk(transport);
    await act(async () => tap(/The Night Watch/));
    await screen.findByTestId('party-total');
    const space = stepper('Wheelchair space');
    expect(space.textContent).toContain('Please ask at the counter');
    expect(space.classList.contains('stepper-unavailable')).toBe(true);
    expect((within(space).getByRole('button', { name: 'One more Wheelchair space' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('a booking refused because the last space went to a kiosk meanwhile comes back saying to ask at the counter', async () => {
    const transport = new FakeTransport([makeShow(1, showTimeIn(120))]);
    transport.ticketTypes = [ADULT, WHEELCHAIR];
    const store = await renderKiosk(transport);
    const s = store.getState();
    await act(() => s.pickShow(1));
    s.stepParty(WHEELCHAIR.ticketTypeId, 1);
    s.type('userName', 'Ana Lima');
    s.type('phoneNo', '600123456');
    // Another kiosk takes the one space not held for the counter.
    transport.tickets.set(99, { ticketId: 99, showId: 1, userName: 'X', phoneNo: '1', items: [{ ticketTypeId: 5, name: 'Wheelchair space', count: 1, unitPrice: 950 }] });
    await act(() => s.confirmBooking());
    await vi.waitFor(() => expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('How many tickets?'));
    expect(screen.getByRole('alert').textContent).toBe(
      'The last Wheelchair space places for this show are sold at the counter. Please ask at the counter, or choose another kind.',
    );
    expect(stepper('Wheelchair space').textContent).toContain('Please ask at the counter');
    expect(store.getState().ticket).toBeNull();
  });
});

describe('giving back seats at "My ticket"', () => {
  it('offers it for a party, not for one seat, and keeps the seats not given back', async () => {
    const transport = new FakeTransport([makeShow(1, showTimeIn(120))]);
    transport.ticketTypes = [ADULT, CHILD];
    const store = await renderKiosk(transport);
    const s = store.getState();
    await act(() => s.pickShow(1));
    s.stepParty(CHILD.ticketTypeId, 1);
    s.type('userName', 'Ana Lima');
    s.type('phoneNo', '600123456');
    await act(() => s.confirmBooking());
    const code = store.getState().ticket!.ticketCode;
    expect(screen.getByTestId('ticket-party').textContent).toBe('1 × Adult, 1 × Child');
    expect(screen.getByTestId('ticket-total').textContent).toBe('$15.50 · to pay at the counter');

    act(() => s.startOver());
    act(() => {
      s.openLookup();
      s.type('lookupCode', code);
    });
    await act(() => s.lookupTicket());
    tap('Give back some seats');
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Give back seats');
    expect(stepper('Child').textContent).toContain('of 1 on your ticket');
    expect(screen.queryByRole('button', { name: 'Give back' })).toBeNull();
    tap('One more Child');
    expect((screen.getByRole('button', { name: 'One more Child' }) as HTMLButtonElement).disabled).toBe(true);
    tap('Give back');
    expect(screen.getByRole('alertdialog').textContent).toContain('Your ticket will keep 1 seat.');
    await act(async () => tap('Yes, give them back'));
    await vi.waitFor(() => expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Your ticket'));
    expect(screen.getByRole('alert').textContent).toBe('1 seat was given back. Here is your ticket now.');
    expect(screen.getByTestId('ticket-party').textContent).toBe('1 × Adult');
    // One seat left: nothing to split any more, only cancel.
    expect(screen.queryByRole('button', { name: 'Give back some seats' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Cancel ticket' })).toBeTruthy();
  });
});
