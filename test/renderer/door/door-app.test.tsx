// @vitest-environment jsdom
// The door's screen against an in-memory box office: today's shows listed by screen, the count
// on top following the show of the last guest admitted (by showId: two screens may start at one
// minute), the ✓ naming the guest's screen, and a ticket of a cancelled screening told as such.
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { DoorShow } from '../../../main/common/schemas';
import DoorApp from '../../../renderer/src/door/DoorApp';
import { currentShow } from '../../../renderer/src/door/lib/current-show';
import { VERDICT_RESET_KEY } from '../../../renderer/src/door/lib/verdict-reset';
import { FakeDeviceTransport } from '../shared/fake-device-transport';
import { ONE_GUEST } from './checkin-fixture';
import { showTimeIn } from '../shared/shows';

const at = showTimeIn(10);
const show = (showId: number, screenId: number, title: string, extra: Partial<DoorShow> = {}): DoorShow => ({
  showId, showTime: at, title, screenId, screenName: `Screen ${screenId}`, filmTitle: title, capacity: 80, booked: 10, checkedIn: 2,
  doorsOpen: true, cancelledAt: null, ...extra,
});

afterEach(() => {
  cleanup();
  localStorage.clear();
});

async function renderDoor(shows: DoorShow[]) {
  const transport = new FakeDeviceTransport('door-token');
  transport.doorShows = shows;
  render(<DoorApp transport={transport} />);
  await screen.findByTestId('door-today');
  return transport;
}

const screenList = (name: string) => within(screen.getByRole('region', { name }));

/** A wedge scanner types the code and Enter. */
async function scan(code: string) {
  const field = screen.getByRole('textbox', { name: /^(Ticket code|Código de entrada)$/ });
  fireEvent.change(field, { target: { value: code } });
  await act(async () => {
    fireEvent.submit(field.closest('form')!);
  });
}

describe('door: today by screen', () => {
  it('lists today’s shows under their screens, first screen first, a cancelled screening marked', async () => {
    await renderDoor([
      show(3, 2, 'Vertigo'),
      show(1, 1, 'Casablanca'),
      show(4, 1, 'Quiz night', { showTime: showTimeIn(200), doorsOpen: false, booked: 0, checkedIn: 0 }),
      show(5, 2, 'Metropolis', { showTime: showTimeIn(240), doorsOpen: false, cancelledAt: showTimeIn(-30) }),
    ]);
    const today = within(screen.getByTestId('door-today'));
    expect(today.getAllByRole('heading', { level: 3 }).map((h) => h.textContent)).toEqual(['Screen 1', 'Screen 2']);
    expect(screenList('Screen 1').getAllByRole('listitem').map((li) => li.getAttribute('data-show-id'))).toEqual(['1', '4']);
    expect(screenList('Screen 2').getAllByRole('listitem').map((li) => li.getAttribute('data-show-id'))).toEqual(['3', '5']);
    expect(screenList('Screen 1').getByLabelText('2 of 10 checked in')).toBeTruthy();
    const cancelled = document.querySelector('[data-show-id="5"]')!;
    expect(cancelled.textContent).toContain('Cancelled');
    expect(cancelled.textContent).not.toContain('Doors open');
  });

  it('follows the show of the guest just admitted, not another screen starting at the same minute', async () => {
    const transport = await renderDoor([show(1, 1, 'Casablanca'), show(3, 2, 'Vertigo')]);
    expect(screen.getByTestId('door-count').getAttribute('data-show-id')).toBe('1');
    transport.override('checkIn', () => ({
      ok: true,
      value: {
        ticketId: 9, ticketCode: 'K7QM-4XWP-9TX8', userName: 'Ana Lima', showId: 3, showTime: at, title: 'Vertigo', screenName: 'Screen 2',
        checkedInAt: showTimeIn(0), checkedInBy: 'Door A', ...ONE_GUEST,
      },
    }));
    await scan('K7QM-4XWP-9TX8');
    expect(screen.getByTestId('verdict-name').textContent).toBe('Ana Lima');
    expect(screen.getByTestId('verdict-screen').textContent).toBe('Screen 2');
    expect(screen.getByTestId('door-count').getAttribute('data-show-id')).toBe('3');
    expect(screen.getByTestId('door-count').textContent).toContain('Vertigo · Screen 2');
    expect(document.querySelector('[aria-current="true"]')?.getAttribute('data-show-id')).toBe('3');
  });

  it('says a ticket of a cancelled screening was cancelled with its screening, and why, in English and Spanish', async () => {
    const transport = await renderDoor([show(1, 1, 'Casablanca')]);
    transport.override('checkIn', () => ({
      ok: false,
      error: {
        code: 'TICKET_CANCELLED', message: 'This ticket was cancelled.',
        details: { cancelledAt: showTimeIn(-30), screeningCancelledAt: showTimeIn(-30), showTime: at, reason: 'Projector failure' },
      },
    }));
    await scan('K7QM-4XWP-9TX8');
    expect(screen.getByTestId('verdict-heading').textContent).toBe('Cancelled');
    expect(screen.getByTestId('verdict-reason').textContent).toBe('This screening was cancelled: Projector failure.');
    fireEvent.click(screen.getByRole('button', { name: 'Next guest' }));
    fireEvent.click(screen.getByRole('button', { name: 'Cambiar el idioma a español' }));
    await scan('K7QM-4XWP-9TX8');
    expect(screen.getByTestId('verdict-reason').textContent).toBe('Esta función se canceló: Projector failure.');
  });

  it('an unpaid party is sent to the counter with the amount due, spoken, in English and Spanish; a released one is told so', async () => {
    const transport = await renderDoor([show(1, 1, 'Casablanca')]);
    transport.override('checkIn', () => ({
      ok: false,
      error: { code: 'NOT_PAID', message: 'Not paid: 19.00 USD due — please pay at the counter.', details: { amountDue: '1900', currency: 'USD', showTime: at } },
    }));
    await scan('K7QM-4XWP-9TX8');
    const alert = screen.getByRole('alert');
    expect(alert.getAttribute('aria-live')).toBe('assertive');
    expect([...alert.querySelectorAll('p')].map((p) => p.textContent)).toEqual(['Not admitted', 'Not paid: $19.00 — to the counter.', 'K7QM-4XWP-9TX8', 'Do not let the guest in.']);
    expect(document.querySelector('.door-verdict-mark')?.textContent).toBe('✗');
    fireEvent.click(screen.getByRole('button', { name: 'Next guest' }));
    fireEvent.click(screen.getByRole('button', { name: 'Cambiar el idioma a español' }));
    await scan('K7QM-4XWP-9TX8');
    expect(screen.getByTestId('verdict-reason').textContent).toBe('Sin pagar: 19,00\u00a0US$ — a la taquilla.');
    transport.override('checkIn', () => ({
      ok: false,
      error: { code: 'RESERVATION_RELEASED', message: 'Released', details: { releasedAt: showTimeIn(-5), showTime: at } },
    }));
    fireEvent.click(screen.getByRole('button', { name: 'Siguiente' }));
    fireEvent.click(screen.getByRole('button', { name: 'Switch the language to English' }));
    await scan('K7QM-4XWP-9TX8');
    expect(screen.getByTestId('verdict-reason').textContent).toBe('Released: not paid in time. The seats went back on sale — to the counter.');
  });
});

describe('door: the current show', () => {
  it('never follows a cancelled screening', () => {
    const shows = [show(1, 1, 'Casablanca', { cancelledAt: showTimeIn(-5) }), show(3, 2, 'Vertigo')];
    expect(currentShow(shows, Date.now(), null)?.showId).toBe(3);
    expect(currentShow(shows, Date.now(), 1)?.showId).toBe(3);
  });
});

describe('door: the verdict, spoken', () => {
  const admitted = (transport: FakeDeviceTransport) =>
    transport.override('checkIn', () => ({
      ok: true,
      value: {
        ticketId: 9, ticketCode: 'K7QM-4XWP-9TX8', userName: 'Ana Lima', showId: 1, showTime: at, title: 'Casablanca', screenName: 'Screen 1',
        checkedInAt: showTimeIn(0), checkedInBy: 'Door A', ...ONE_GUEST,
      },
    }));
  const lines = (element: HTMLElement) => [...element.querySelectorAll('p')].map((p) => p.textContent);

  it('a ✓ is said politely with the name, the screen and what to do; the ✗ region stays empty', async () => {
    const transport = await renderDoor([show(1, 1, 'Casablanca')]);
    expect(screen.getByRole('status').textContent).toBe('');
    admitted(transport);
    await scan('K7QM-4XWP-9TX8');
    const status = screen.getByRole('status');
    expect(status.getAttribute('aria-live')).toBe('polite');
    expect(lines(status)).toEqual(['Welcome', 'Ana Lima', 'Screen 1', expect.stringMatching(/^Casablanca · /), 'Let the guest in.']);
    expect(screen.getByRole('alert').textContent).toBe('');
  });

  it('a ✗ is said assertively with the reason and what to do; the ✓ region stays empty', async () => {
    const transport = await renderDoor([show(1, 1, 'Casablanca')]);
    transport.override('checkIn', () => transport.fail('TICKET_NOT_FOUND'));
    await scan('K7QM-4XWP-9TX8');
    const alert = screen.getByRole('alert');
    expect(alert.getAttribute('aria-live')).toBe('assertive');
    expect(lines(alert)).toEqual(['Not admitted', 'Unknown ticket: no ticket has this code.', 'K7QM-4XWP-9TX8', 'Do not let the guest in.']);
    expect(screen.getByRole('status').textContent).toBe('');
  });

  it('the button is named as it reads, and it alone takes the verdict away', async () => {
    const transport = await renderDoor([show(1, 1, 'Casablanca')]);
    admitted(transport);
    await scan('K7QM-4XWP-9TX8');
    const next = screen.getByRole('button', { name: 'Next guest' });
    expect(next.textContent).toBe('Next guest');
    expect(next.getAttribute('aria-label')).toBeNull();
    fireEvent.click(next);
    expect(document.querySelector('[data-verdict]')).toBeNull();
    expect(screen.getByRole('status').textContent).toBe('');
  });

  it('the scanning screen has one h1; the reset setting is offered there and kept in localStorage', async () => {
    await renderDoor([show(1, 1, 'Casablanca')]);
    expect(screen.getAllByRole('heading', { level: 1 }).map((h) => h.textContent)).toEqual(['Marquee · Door']);
    const setting = screen.getByRole('combobox', { name: 'Clear the answer' }) as HTMLSelectElement;
    expect(setting.value).toBe('');
    fireEvent.change(setting, { target: { value: '10' } });
    expect(localStorage.getItem(VERDICT_RESET_KEY)).toBe('10');
    cleanup();
    await renderDoor([show(1, 1, 'Casablanca')]);
    expect((screen.getByRole('combobox', { name: 'Clear the answer' }) as HTMLSelectElement).value).toBe('10');
  });
});

describe('door: a party', () => {
  const party = (admitted: number, admittedNow: number) => ({
    ticketId: 9, ticketCode: 'K7QM-4XWP-9TX8', userName: 'Ana Lima', showId: 1, showTime: at, title: 'Casablanca', screenName: 'Screen 1',
    checkedInAt: showTimeIn(0), checkedInBy: 'Door A', seats: 4, admitted, admittedNow, conflict: null,
    items: [{ ticketTypeId: 2, name: 'Adult', count: 2, unitPrice: 950 }, { ticketTypeId: 3, name: 'Child', count: 2, unitPrice: 600 }],
  });

  it('one scan: "4 guests: 2 Adult, 2 Child", spoken with the ✓', async () => {
    const transport = await renderDoor([show(1, 1, 'Casablanca')]);
    transport.override('checkIn', () => ({ ok: true, value: party(4, 4) }));
    await scan('K7QM-4XWP-9TX8');
    expect(within(screen.getByRole('status')).getByTestId('verdict-party').textContent).toBe('4 guests: 2 Adult, 2 Child');
  });

  it('the rest of a party: "2 guests · 2 of 4 were already in"; all in: said with when and by which door', async () => {
    const transport = await renderDoor([show(1, 1, 'Casablanca')]);
    transport.override('checkIn', () => ({ ok: true, value: party(4, 2) }));
    await scan('K7QM-4XWP-9TX8');
    expect(screen.getByTestId('verdict-party').textContent).toBe('2 guests · 2 of 4 were already in');
    transport.override('checkIn', () => ({
      ok: false,
      error: { code: 'ALREADY_CHECKED_IN', message: 'in', details: { checkedInAt: showTimeIn(0), checkedInBy: 'Door B', seats: '4', admitted: '4' } },
    }));
    await scan('K7QM-4XWP-9TX8');
    expect(screen.getByTestId('verdict-reason').textContent).toMatch(/^All 4 already in, the last at .+ by Door B\.$/);
  });
});
