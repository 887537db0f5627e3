// @vitest-environment jsdom
// The counter's Sell screen in jsdom with an in-memory box office, as a screen reader finds it:
// a counter's three sections, one h1 per step, the steppers and payment buttons named by what
// they show, the sale announced in a live region; and the same in Spanish.
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ManagerApp } from '../../../renderer/src/manager/ManagerApp';
import { createManagerStore } from '../../../renderer/src/manager/store/manager-store';
import { COUNTER_TOKEN, FakeManagerTransport, makeShow } from './fake-manager-transport';

const shows = () => [
  makeShow(1, '2026-12-07T17:00:00+01:00', { title: 'Night Train', capacity: 40 }),
  makeShow(2, '2026-12-07T17:00:00+01:00', { title: 'Paper Moons', screenId: 2, screenName: 'Screen 2', capacity: 2, booked: 2 }),
  makeShow(3, '2026-12-08T17:00:00+01:00', { title: 'Tomorrow Film' }),
];

function renderCounter() {
  const transport = new FakeManagerTransport(shows(), { token: COUNTER_TOKEN });
  const store = createManagerStore({ transport, outageRetryMs: { min: 5, max: 10 }, rosterDebounceMs: 5 });
  render(<ManagerApp transport={transport} store={store} />);
  return { transport, store };
}

const tap = (name: string) => fireEvent.click(screen.getByRole('button', { name }));

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-12-07T14:00:00Z'));
});

afterEach(() => {
  cleanup();
  vi.useRealTimers();
  document.documentElement.classList.remove('manager');
});

describe('the Sell screen', () => {
  it('sells 2 adults for the exact cash in 5 taps, one h1 per step, the sale announced', async () => {
    const { transport } = renderCounter();
    await screen.findByRole('heading', { level: 1, name: 'Sell' });
    const nav = screen.getByRole('navigation', { name: 'Sections' });
    expect(within(nav).getAllByRole('button').map((b) => b.textContent)).toEqual(['Sell', 'Find a ticket', 'Cash-up']);
    expect(screen.queryByRole('search')).toBeNull();
    // Today's shows only, by time then screen; a sold-out show cannot be picked.
    const cards = await waitFor(() => {
      const found = document.querySelectorAll<HTMLButtonElement>('.sell-show');
      expect(found).toHaveLength(2);
      return [...found];
    });
    expect(cards.map((c) => c.textContent)).toEqual(['5:00 PMNight TrainScreen 140 seats left', '5:00 PMPaper MoonsScreen 2Sold out']);
    expect(cards[1]!.disabled).toBe(true);
    expect(screen.getByTestId('sell-announce').textContent).toBe('');

    fireEvent.click(cards[0]!);
    await screen.findByRole('button', { name: '+ Adult' });
    expect(screen.getAllByRole('heading', { level: 1 }).map((h) => h.textContent)).toEqual(['5:00 PM · Night Train']);
    tap('+ Adult');
    tap('+ Adult');
    expect(screen.getByTestId('sell-total').textContent).toBe('Total · 2 seats€19.00');
    tap('Exact €19.00');
    expect(screen.getByRole('button', { name: 'Exact €19.00' }).getAttribute('aria-pressed')).toBe('true');
    expect(screen.getByLabelText('Cash received (EUR)')).toHaveProperty('value', '19.00');
    expect(screen.queryByRole('button', { name: 'Free (comp)' })).toBeNull();
    tap('Sell · €19.00');

    await screen.findByRole('heading', { level: 1, name: 'Sold' });
    expect(screen.getAllByRole('heading', { level: 1 })).toHaveLength(1);
    expect(transport.callsOf('sell')).toHaveLength(1);
    const code = screen.getByTestId('sell-code').textContent!;
    expect(document.querySelector('[data-testid="sell-announce"]')!.textContent).toBe(`Sold: 2 seats, ticket ${code}.`);
    expect(document.querySelector('[data-testid="sell-announce"]')!.getAttribute('role')).toBe('status');
    expect(screen.getByTestId('sell-done-change').textContent).toBe('No change');
    expect(document.documentElement.dataset.paper).toBe('receipt');
    // The receipt is on the page for print (manager.css hides it on screen).
    const receipt = document.querySelector('.counter-paper[data-kind="receipt"]')!;
    expect(receipt.textContent).toContain('2 × Adult @ €9.50');
    expect(receipt.textContent).toContain('Cash received€19.00');
    tap('Next sale');
    await screen.findByRole('heading', { level: 1, name: 'Sell' });
    expect(document.documentElement.dataset.paper).toBeUndefined();
  });

  it('says what to do, at the field: Sell without cash, then in Spanish', async () => {
    renderCounter();
    await screen.findByRole('heading', { level: 1, name: 'Sell' });
    await waitFor(() => expect(document.querySelectorAll('.sell-show').length).toBe(2));
    fireEvent.click(document.querySelector('.sell-show')!);
    await screen.findByRole('button', { name: '+ Adult' });
    tap('Sell · €0.00');
    const alerts = async () => (await screen.findAllByRole('alert')).map((a) => a.textContent);
    expect(await alerts()).toContain('Choose at least one seat with +.');
    tap('+ Adult');
    tap('Sell · €9.50');
    expect(await alerts()).toContain('Tap Exact or a note, or type the cash received.');
    expect(screen.getByLabelText('Cash received (EUR)').getAttribute('aria-invalid')).toBe('true');
    tap('Cambiar el idioma a español');
    expect(await screen.findByRole('heading', { level: 2, name: 'Butacas' })).toBeTruthy();
    expect(await alerts()).toContain('Pulsa Exacto o un billete, o escribe el efectivo recibido.');
    expect(screen.getByRole('button', { name: /^Exacto 9,50/ })).toBeTruthy();
  });
});
