// @vitest-environment jsdom
// The manager's week, Screens & films and program dialogs in jsdom with the in-memory box
// office: the timeline per screen (blocks from start to end, cancelled struck), the dialogs'
// keyboard contract (focus in, Tab kept inside, Escape out, focus back), the delete dialog's
// ticket count, the call list, and the reports per screen, per film and for the distributor.
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ManagerApp } from '../../../renderer/src/manager/ManagerApp';
import { createManagerStore, type ManagerStore } from '../../../renderer/src/manager/store/manager-store';
import { FakeManagerTransport, makeShow } from './fake-manager-transport';

const MONDAY = '2030-03-04';

const filmShow = (showId: number, time: string, screenId: number, overrides: Parameters<typeof makeShow>[2] = {}) => {
  const showTime = `${MONDAY}T${time}:00+01:00`;
  const endsAt = new Date(Date.parse(showTime) + 117 * 60_000 + 3_600_000).toISOString().slice(0, 19) + '+01:00';
  return makeShow(showId, showTime, {
    title: null, filmId: 1, filmTitle: 'Casablanca', runtimeMinutes: 102, screenId, screenName: `Screen ${screenId}`, capacity: 80, endsAt, ...overrides,
  });
};

async function renderWeek(transport: FakeManagerTransport): Promise<ManagerStore> {
  const store = createManagerStore({ transport, outageRetryMs: { min: 5, max: 10 }, rosterDebounceMs: 5 });
  render(<ManagerApp transport={transport} store={store} />);
  await screen.findByRole('heading', { level: 1, name: 'Schedule' });
  act(() => {
    store.getState().setTimelineDay(MONDAY);
    store.getState().setView('week');
  });
  await screen.findByRole('region', { name: 'Screen 2' });
  return store;
}

const nav = (name: string) => fireEvent.click(within(screen.getByRole('navigation', { name: 'Sections' })).getByRole('button', { name }));

afterEach(() => {
  cleanup();
  document.documentElement.classList.remove('manager');
});

describe('the week timeline', () => {
  it('draws a lane per screen with each show from its start to its end, gaps free, cancelled struck', async () => {
    const transport = new FakeManagerTransport([
      filmShow(1, '19:00', 1, { booked: 12 }),
      filmShow(2, '19:00', 2, { capacity: 40 }),
      filmShow(3, '14:00', 1, { cancelledAt: '2030-03-01T09:00:00+01:00', cancelReason: 'Projector failure' }),
    ]);
    await renderWeek(transport);
    const lane1 = screen.getByRole('region', { name: 'Screen 1' });
    const lane2 = screen.getByRole('region', { name: 'Screen 2' });
    const evening = within(lane1).getByRole('button', { name: 'Casablanca, 7:00 PM to 8:57 PM, Screen 1, 12 of 80 seats booked: open the roster' });
    expect(within(lane2).getByRole('button', { name: /^Casablanca, 7:00 PM to 8:57 PM, Screen 2, 0 of 40/ })).toBeTruthy();
    const cancelled = within(lane1).getByRole('button', { name: 'Casablanca, 2:00 PM, Screen 1, cancelled: open the roster' });
    expect(cancelled.className).toContain('lane-cancelled');
    expect(cancelled.textContent).toContain('Cancelled');

    // The day runs 10:00 to 24:00 (14 h): 19:00 starts at 9/14 of the track, and 117 minutes long.
    const item = evening.parentElement!;
    expect(parseFloat(item.style.left)).toBeCloseTo((9 / 14) * 100, 3);
    expect(parseFloat(item.style.width)).toBeCloseTo((117 / 840) * 100, 3);
    expect(screen.getByTestId('day-totals').textContent).toBe('2 shows · 12 tickets');

    fireEvent.click(evening);
    expect(evening.getAttribute('aria-current')).toBe('true');
    await waitFor(() => expect(screen.getByRole('button', { name: 'Reschedule' })).toBeTruthy());
    fireEvent.click(cancelled);
    expect((await screen.findByTestId('show-cancelled')).textContent).toBe('Screening cancelled: Projector failure');
    expect(screen.queryByRole('button', { name: 'Reschedule' })).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: 'Next week' }));
    expect(screen.getByRole('region', { name: 'Screen 1' }).textContent).toContain('Free all day');
  });

  it('keeps focus inside the Program a film dialog, closes on Escape and gives focus back', async () => {
    const transport = new FakeManagerTransport([]);
    await renderWeek(transport);
    const opener = screen.getByRole('button', { name: /Program a film/ });
    opener.focus();
    fireEvent.click(opener);
    const dialog = screen.getByRole('dialog', { name: 'Program a film' });
    await waitFor(() => expect(document.activeElement).toBe(within(dialog).getByRole('combobox', { name: 'Film' })));
    const buttons = within(dialog).getAllByRole('button');
    const last = buttons[buttons.length - 1]!;
    last.focus();
    fireEvent.keyDown(last, { key: 'Tab' });
    expect(dialog.contains(document.activeElement)).toBe(true);
    fireEvent.keyDown(document.activeElement!, { key: 'Escape' });
    expect(screen.queryByRole('dialog', { name: 'Program a film' })).toBeNull();
    expect(document.activeElement).toBe(opener);
  });

  it('the shared yes/no dialog starts on the safe answer, keeps Tab inside, and closes on Escape back to its opener', async () => {
    const transport = new FakeManagerTransport([filmShow(1, '19:00', 1)]);
    const ticketId = transport.book(1, 'Ana Lima');
    const store = await renderWeek(transport);
    act(() => store.getState().setView('schedule'));
    await act(() => store.getState().openTicket(ticketId));
    const opener = await screen.findByRole('button', { name: 'Cancel ticket' });
    opener.focus();
    fireEvent.click(opener);
    const ask = screen.getByRole('alertdialog', { name: `Cancel ticket ${ticketId}?` });
    expect(document.activeElement).toBe(within(ask).getByRole('button', { name: 'No, keep it' }));
    const yes = within(ask).getByRole('button', { name: 'Yes, cancel ticket' });
    yes.focus();
    fireEvent.keyDown(yes, { key: 'Tab' });
    expect(document.activeElement).toBe(within(ask).getByRole('button', { name: 'No, keep it' }));
    fireEvent.keyDown(document.activeElement!, { key: 'Escape' });
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(document.activeElement).toBe(opener);
    expect(transport.callsOf('cancel')).toHaveLength(0);
  });

  it('deleting a show with tickets says how many and offers to reschedule or cancel instead', async () => {
    const transport = new FakeManagerTransport([filmShow(1, '19:00', 1)]);
    transport.book(1, 'Ana Lima');
    transport.book(1, 'Bo Ek');
    await renderWeek(transport);
    fireEvent.click(within(screen.getByRole('region', { name: 'Screen 1' })).getByRole('button', { name: /^Casablanca/ }));
    fireEvent.click(await screen.findByRole('button', { name: 'Delete show' }));
    const ask = screen.getByRole('dialog', { name: 'Delete “Casablanca”?' });
    expect(ask.textContent).toContain('has 2 tickets, so it cannot be deleted');
    expect(within(ask).queryByRole('button', { name: 'Delete show' })).toBeNull();

    fireEvent.click(within(ask).getByRole('button', { name: 'Cancel the screening instead' }));
    const cancel = screen.getByRole('dialog', { name: 'Cancel the screening of Casablanca?' });
    expect(cancel.textContent).toContain('All 2 tickets are cancelled');
    fireEvent.change(within(cancel).getByRole('textbox', { name: 'Reason' }), { target: { value: 'Projector failure' } });
    fireEvent.click(within(cancel).getByRole('button', { name: 'Cancel screening' }));
    const list = await screen.findByRole('table', { name: 'Guests to call: name, phone and ticket code' });
    expect(within(list).getAllByRole('row').slice(1).map((r) => r.textContent)).toEqual(['Ana Lima+34600111222CODE-1', 'Bo Ek+34600111222CODE-2']);
    expect(screen.getByRole('dialog', { name: 'Screening cancelled: Casablanca' }).className).toContain('call-list-sheet');
    fireEvent.click(screen.getByRole('button', { name: 'Done' }));
    await waitFor(() => expect(within(screen.getByRole('region', { name: 'Screen 1' })).getByRole('button', { name: /cancelled: open the roster$/ })).toBeTruthy());
  });

  it('reschedules from the roster, naming how many tickets follow', async () => {
    const transport = new FakeManagerTransport([filmShow(1, '19:00', 1)]);
    transport.book(1, 'Ana Lima');
    await renderWeek(transport);
    fireEvent.click(within(screen.getByRole('region', { name: 'Screen 1' })).getByRole('button', { name: /^Casablanca/ }));
    fireEvent.click(await screen.findByRole('button', { name: 'Reschedule' }));
    const dialog = screen.getByRole('dialog', { name: 'Reschedule Casablanca' });
    expect(screen.getByTestId('tickets-follow').textContent).toBe('1 ticket follows the show to its new time.');
    expect((within(dialog).getByLabelText('New date') as HTMLInputElement).value).toBe(MONDAY);
    expect((within(dialog).getByLabelText('New time') as HTMLInputElement).value).toBe('19:00');
    fireEvent.change(within(dialog).getByLabelText('New time'), { target: { value: '20:45' } });
    fireEvent.change(within(dialog).getByRole('combobox', { name: 'Screen' }), { target: { value: '2' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Reschedule' }));
    await waitFor(() => expect(document.querySelector('[data-done="rescheduled"]')?.textContent).toContain('with its ticket'));
    expect(transport.callsOf('rescheduleShow')[0]!.input).toEqual({ showId: 1, showTime: `${MONDAY} 20:45`, screenId: 2 });
    await waitFor(() => expect(within(screen.getByRole('region', { name: 'Screen 2' })).getByRole('button', { name: /^Casablanca, 8:45 PM/ })).toBeTruthy());
  });
});

describe('screens & films', () => {
  it('lists screens and films with posters, refuses a non-image poster in words', async () => {
    const transport = new FakeManagerTransport([]);
    transport.films[0]!.posterUrl = '/film/1/poster?v=abc';
    await renderWeek(transport);
    nav('Screens & films');
    const screens = await screen.findByTestId('screens');
    await waitFor(() => expect(within(screens).getAllByRole('row')).toHaveLength(3));
    expect(within(screens).getByRole('rowheader', { name: 'Screen 2' }).closest('tr')!.textContent).toContain('Wheelchair spaces in row A');
    expect((screen.getByRole('img', { name: 'Poster of Casablanca' }) as HTMLImageElement).getAttribute('src')).toBe('/film/1/poster?v=abc');

    fireEvent.click(screen.getByRole('button', { name: 'Edit Casablanca' }));
    const dialog = screen.getByRole('dialog', { name: 'Edit Casablanca' });
    const file = within(dialog).getByLabelText('Poster') as HTMLInputElement;
    fireEvent.change(file, { target: { files: [new File(['hello'], 'poster.jpg', { type: 'image/jpeg' })] } });
    expect((await within(dialog).findByRole('alert')).textContent).toContain('That file is not a JPEG, PNG or WebP image.');
    expect(file.getAttribute('aria-invalid')).toBe('true');
    expect(transport.callsOf('setFilmPoster')).toHaveLength(0);

    fireEvent.click(within(dialog).getByRole('button', { name: 'Remove poster' }));
    await waitFor(() => expect(screen.queryByRole('img', { name: 'Poster of Casablanca' })).toBeNull());
    expect(transport.callsOf('setFilmPoster')[0]!.input).toEqual({ filmId: 1, image: null });
  });

  it('says in the dialog why a screen with shows to come is not removed', async () => {
    const transport = new FakeManagerTransport([filmShow(1, '19:00', 2)]);
    await renderWeek(transport);
    nav('Screens & films');
    fireEvent.click(await screen.findByRole('button', { name: 'Remove Screen 2' }));
    const dialog = screen.getByRole('dialog', { name: 'Remove Screen 2?' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Remove screen' }));
    expect((await within(dialog).findByRole('alert')).textContent).toBe('Screen 2 cannot be removed: it has 1 show still to come. Move or delete them first.');
  });
});

describe('reports', () => {
  it('shows sales per screen and per film, and the distributor report per film and week', async () => {
    // Different start times: the fake's report counts bookings by show time.
    const transport = new FakeManagerTransport([filmShow(1, '19:00', 1), filmShow(2, '19:30', 2), makeShow(3, `${MONDAY}T12:00:00+01:00`, { title: 'Quiz night' })]);
    transport.book(1, 'Ana');
    transport.book(1, 'Bo');
    transport.book(2, 'Cy');
    const store = await renderWeek(transport);
    act(() => store.getState().typeReportRange('from', MONDAY));
    act(() => store.getState().typeReportRange('to', MONDAY));
    nav('Reports');
    const byScreen = await screen.findByTestId('report-screens');
    const sold = (row: HTMLElement) => row.closest('tr')!.querySelector('[data-cell="sold"]')!.textContent;
    expect(sold(within(byScreen).getByRole('rowheader', { name: 'Screen 1' }))).toBe('2');
    expect(sold(within(byScreen).getByRole('rowheader', { name: 'Screen 2' }))).toBe('1');
    const byFilm = screen.getByTestId('report-films');
    expect(sold(within(byFilm).getByRole('rowheader', { name: 'Casablanca' }))).toBe('3');
    expect(within(byFilm).getByRole('rowheader', { name: 'Shows without a film' })).toBeTruthy();
    const weeks = await screen.findByTestId('distributor-weeks');
    expect(within(weeks).getAllByRole('row').slice(1).map((r) => [...r.children].map((c) => c.textContent))).toEqual([
      ['Casablanca', 'Monday, March 4, 2030', '2', '3', '0', '€0.00'],
    ]);
    expect(within(screen.getByTestId('distributor-totals')).getAllByRole('row')[1]!.textContent).toBe('Casablanca23€0.00');
  });
});
