// @vitest-environment jsdom
// The manager UI in jsdom with an in-memory box office: what staff see and can do, by role
// and label as a screen reader finds them, in English and Spanish.
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadApp } from '../../../renderer/src/App';
import { ManagerApp } from '../../../renderer/src/manager/ManagerApp';
import { createManagerStore, type ManagerStore } from '../../../renderer/src/manager/store/manager-store';
import { FakeManagerTransport, KIOSK_TOKEN, MANAGER_TOKEN, makeShow, olderServer, showTimeIn } from './fake-manager-transport';

const config = { idleMs: 60_000, countdownMs: 15_000 };

function shows() {
  return [
    makeShow(1, showTimeIn(120), { title: 'Night Train', capacity: 40, booked: 0 }),
    makeShow(2, showTimeIn(240), { title: 'Harbour Lights', capacity: 2, booked: 0 }),
    makeShow(3, showTimeIn(360), { title: 'Paper Moons', capacity: 30, booked: 0 }),
  ];
}

async function renderManager(transport: FakeManagerTransport): Promise<ManagerStore> {
  const store = createManagerStore({ transport, outageRetryMs: { min: 5, max: 10 }, rosterDebounceMs: 5 });
  render(<ManagerApp transport={transport} store={store} />);
  return store;
}

const tap = (name: string | RegExp) => fireEvent.click(screen.getByRole('button', { name }));
const rowOf = (showId: number) => document.querySelector<HTMLElement>(`tr[data-show-id="${showId}"]`)!;

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
  document.documentElement.classList.remove('manager');
});

describe('manager app', () => {
  it('is what loadApp gives in manager mode, loaded on demand', async () => {
    const transport = new FakeManagerTransport(shows(), { token: null });
    const App = await loadApp('manager');
    render(<App transport={transport} config={config} />);
    expect(await screen.findByRole('heading', { name: 'Pair this manager' })).toBeTruthy();
    expect(document.documentElement.classList.contains('manager')).toBe(true);
    expect(document.title).toBe('Marquee · Manager');
  });

  it('pairs: refuses a kiosk token in plain words, then takes a manager token', async () => {
    const transport = new FakeManagerTransport(shows(), { token: null });
    await renderManager(transport);
    const box = await screen.findByRole('textbox', { name: 'Manager token' });
    fireEvent.change(box, { target: { value: KIOSK_TOKEN } });
    tap('Pair');
    expect((await screen.findByRole('alert')).textContent).toContain('That was a kiosk token, and this page only takes a manager token. Make one on the server with “marquee token create --role manager”, or pair a counter with a code.');
    expect(box.getAttribute('aria-invalid')).toBe('true');

    fireEvent.change(box, { target: { value: MANAGER_TOKEN } });
    tap('Pair');
    expect(await screen.findByRole('heading', { level: 1, name: 'Schedule' })).toBeTruthy();
    expect(transport.pairing!.token).toBe(MANAGER_TOKEN);
  });

  it('shows the schedule with booked/capacity pictures that follow seat updates live', async () => {
    const transport = new FakeManagerTransport(shows());
    await renderManager(transport);
    await screen.findByRole('img', { name: '0 of 40 seats booked' });
    expect(within(rowOf(2)).getByText('0 / 2')).toBeTruthy();

    transport.book(2, 'Bo');
    transport.book(2, 'Cy');
    act(() => transport.pushSeats({ showId: 2, showTime: transport.shows[1]!.showTime, capacity: 2, booked: 2, seatsLeft: 0 }));
    expect(within(rowOf(2)).getByRole('img', { name: '2 of 2 seats booked' })).toBeTruthy();
    expect(within(rowOf(2)).getByText('Sold out')).toBeTruthy();
  });

  it('opens the roster of a show, then a ticket with its history; moves it and cancels it', async () => {
    const transport = new FakeManagerTransport(shows());
    const ticketId = transport.book(1, 'Ana Lima');
    transport.book(2, 'Bo');
    transport.book(2, 'Cy');
    await renderManager(transport);
    await screen.findByRole('img', { name: '1 of 40 seats booked' });

    fireEvent.click(within(rowOf(1)).getByRole('button', { name: /^Night Train, .*: open the roster$/ }));
    const roster = await screen.findByRole('table', { name: /^Tickets for Night Train/ });
    expect(within(roster).getByRole('cell', { name: 'Ana Lima' })).toBeTruthy();
    expect(within(roster).getByText('Booked')).toBeTruthy();
    expect(transport.callsOf('listByShowTime')[0]!.input).toEqual({ showId: transport.shows[0]!.showId });

    fireEvent.click(within(roster).getByRole('button', { name: `Open ticket ${ticketId}, Ana Lima` }));
    expect(await screen.findByRole('heading', { level: 2, name: `Ticket ${ticketId}` })).toBeTruthy();
    const history = await screen.findByTestId('ticket-history');
    expect(history.textContent).toMatch(/Booked for .*by Lobby kiosk/);

    tap('Move to another show');
    const picker = screen.getByRole('dialog', { name: `Move ticket ${ticketId}` });
    const soldOut = within(picker).getAllByRole('button').find((b) => b.dataset.showId === '2') as HTMLButtonElement;
    expect(soldOut.disabled).toBe(true);
    fireEvent.click(within(picker).getAllByRole('button').find((b) => b.dataset.showId === '3')!);
    const confirm = screen.getByRole('alertdialog', { name: 'Move this ticket?' });
    expect(confirm.textContent).toContain('Paper Moons');
    fireEvent.click(within(confirm).getByRole('button', { name: 'Yes, move it' }));
    await waitFor(() => expect(screen.getByTestId('ticket-history').textContent).toMatch(/Moved from .* to /));
    expect(document.querySelector('[data-done="moved"]')?.textContent).toContain(`Ticket ${ticketId} moved to`);

    tap('Cancel ticket');
    const ask = screen.getByRole('alertdialog', { name: `Cancel ticket ${ticketId}?` });
    expect(ask.textContent).toContain('Ana Lima’s seat will be given back');
    // Focus starts on the safe answer.
    expect(document.activeElement?.textContent).toBe('No, keep it');
    fireEvent.click(within(ask).getByRole('button', { name: 'Yes, cancel ticket' }));
    await waitFor(() => expect(document.querySelector('[data-ticket-state="cancelled"]')).not.toBeNull());
    expect(screen.getByText('This ticket was cancelled; its seat is free again.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Cancel ticket' })).toBeNull();
    expect(screen.getByTestId('ticket-history').querySelectorAll('li')).toHaveLength(3);
  });

  it('finds a ticket by number from the header and explains a wrong number', async () => {
    const transport = new FakeManagerTransport(shows());
    const ticketId = transport.book(3, 'Dora');
    await renderManager(transport);
    const search = await screen.findByRole('textbox', { name: 'Find a ticket' });
    tap('Find');
    expect(screen.getAllByRole('alert').map((a) => a.textContent)).toContain('Enter a ticket number, part of a name, or a phone number.');
    fireEvent.change(search, { target: { value: '404' } });
    tap('Find');
    await waitFor(() => expect(document.querySelector('[data-notice="ticketNotFound"]')?.textContent).toContain('There is no ticket with that number.'));
    fireEvent.change(search, { target: { value: String(ticketId) } });
    tap('Find');
    expect(await screen.findByRole('heading', { level: 2, name: `Ticket ${ticketId}` })).toBeTruthy();
  });

  it('keeps showing who held a cancelled ticket opened later by its number', async () => {
    const transport = new FakeManagerTransport(shows());
    const ticketId = transport.book(1, 'Marta Ruiz', '+34600555012');
    await transport.call('cancel', { ticketId });
    await renderManager(transport);
    fireEvent.change(await screen.findByRole('textbox', { name: 'Find a ticket' }), { target: { value: String(ticketId) } });
    tap('Find');
    await waitFor(() => expect(document.querySelector('[data-ticket-state="cancelled"]')).not.toBeNull());
    const panel = document.querySelector<HTMLElement>('[data-panel="ticket"]')!;
    expect(within(panel).getByText('Marta Ruiz')).toBeTruthy();
    expect(within(panel).getByText('+34600555012')).toBeTruthy();
    expect(panel.textContent).toContain('Night Train');
    expect(panel.textContent).not.toContain('—');
  });

  it('finds a guest by name from the header and opens the ticket from the results', async () => {
    const transport = new FakeManagerTransport(shows());
    const ticketId = transport.book(3, 'Zoë Ångström', '+46 70 123 45 67');
    await renderManager(transport);
    const search = await screen.findByRole('textbox', { name: 'Find a ticket' });
    fireEvent.change(search, { target: { value: 'zoe' } });
    tap('Find');
    const results = await screen.findByTestId('search-results');
    expect(within(results).getAllByRole('row')).toHaveLength(2);
    fireEvent.click(within(results).getByRole('button', { name: `Open ticket ${ticketId}, Zoë Ångström` }));
    expect(await screen.findByRole('heading', { level: 2, name: `Ticket ${ticketId}` })).toBeTruthy();
    fireEvent.change(search, { target: { value: 'Nobody Here' } });
    tap('Find');
    expect(await screen.findByText(/No tickets match “Nobody Here”/)).toBeTruthy();
  });

  it('creates a show from the form, with inline validation', async () => {
    const transport = new FakeManagerTransport(shows());
    await renderManager(transport);
    await screen.findByRole('img', { name: '0 of 40 seats booked' });
    tap(/New show/);
    const dialog = screen.getByRole('dialog', { name: 'New show' });
    fireEvent.change(within(dialog).getByLabelText('Time'), { target: { value: '' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Create show' }));
    expect(within(dialog).getByRole('alert').textContent).toContain('Pick a time.');

    const tomorrow = new Date(Date.now() + 86_400_000);
    const date = `${tomorrow.getFullYear()}-${String(tomorrow.getMonth() + 1).padStart(2, '0')}-${String(tomorrow.getDate()).padStart(2, '0')}`;
    fireEvent.change(within(dialog).getByLabelText('Date'), { target: { value: date } });
    fireEvent.change(within(dialog).getByLabelText('Time'), { target: { value: '23:40' } });
    expect(within(dialog).queryByRole('alert')).toBeNull();
    fireEvent.change(within(dialog).getByLabelText('Film title'), { target: { value: 'Night Owls' } });
    fireEvent.change(within(dialog).getByLabelText('Seats'), { target: { value: '12' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Create show' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(await screen.findAllByRole('img', { name: '0 of 12 seats booked' })).toHaveLength(2);
    expect(document.querySelector('[data-done="showCreated"]')?.textContent).toContain('Show saved: Night Owls');
  });

  it('shows health, the TLS fingerprint and tokens; a new token once with a copy button; revokes with confirmation', async () => {
    const writeText = vi.fn(async () => {});
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    const transport = new FakeManagerTransport(shows());
    await renderManager(transport);
    fireEvent.click(await screen.findByRole('button', { name: 'Devices & server' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Devices & server' })).toBeTruthy();
    await waitFor(() => expect(screen.getByTestId('database-health').textContent).toBe('Up'));
    expect(screen.getByTestId('tls-fingerprint').textContent).toBe('AB:CD:EF:01:23:45');
    expect(screen.getByText('12 marked expired · 3 deleted · 1 batch · took 840 ms')).toBeTruthy();
    const table = await screen.findByRole('table', { name: /Device tokens/ });
    expect(within(table).getByText('Lobby kiosk')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Copy the TLS fingerprint' }));
    await waitFor(() => expect(writeText).toHaveBeenCalledWith('AB:CD:EF:01:23:45'));

    fireEvent.change(screen.getByRole('combobox', { name: 'Role' }), { target: { value: 'viewer' } });
    fireEvent.change(screen.getByRole('textbox', { name: 'Label' }), { target: { value: 'Door sign' } });
    tap('Create token');
    const reveal = await screen.findByTestId('created-token');
    expect(reveal.textContent).toContain('It will not be shown again.');
    const secret = within(reveal).getByRole('textbox', { name: 'New token' }) as HTMLInputElement;
    expect(secret.value).toBe('mq_secret_9');
    expect(document.activeElement).toBe(secret);
    fireEvent.click(within(reveal).getByRole('button', { name: 'Copy the token' }));
    await waitFor(() => expect(writeText).toHaveBeenCalledWith('mq_secret_9'));
    tap('I have copied it');
    expect(screen.queryByTestId('created-token')).toBeNull();
    expect(screen.queryByDisplayValue('mq_secret_9')).toBeNull();

    tap('Revoke the token “Lobby kiosk”');
    const ask = screen.getByRole('alertdialog', { name: 'Revoke “Lobby kiosk”?' });
    fireEvent.click(within(ask).getByRole('button', { name: 'Yes, revoke' }));
    await waitFor(() => expect(document.querySelector('[data-done="revoked"]')?.textContent).toContain('Token “Lobby kiosk” revoked.'));
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Revoke the token “Lobby kiosk”' })).toBeNull());
  });

  it('shows the last backup with its age and size, and warns when there is none or it is older than two days', async () => {
    const transport = new FakeManagerTransport(shows());
    await renderManager(transport);
    fireEvent.click(await screen.findByRole('button', { name: 'Devices & server' }));
    const warning = await screen.findByTestId('backup-warning');
    expect(warning.getAttribute('role')).toBe('alert');
    expect(warning.textContent).toContain('There is no backup of this box office');
    expect(screen.getByTestId('last-backup').textContent).toBe('No backup yet');

    transport.status = {
      ...transport.status,
      backup: {
        last: { at: '2026-11-20T03:30:04+01:00', file: '/var/lib/marquee/backups/marquee-backup-20261120-023000-120Z.tar', host: 'lobby-pc', bytes: 2_450_000, kind: 'scheduled', ageHours: 5.2, copyError: null },
        stale: false,
        lastFailure: null,
        schedule: '30 3 * * *',
      },
    };
    tap('Refresh');
    await waitFor(() => expect(screen.getByTestId('last-backup').textContent).toContain('5 hours ago · 2.5 MB · made on lobby-pc'));
    expect(screen.queryByTestId('backup-warning')).toBeNull();

    transport.status = {
      ...transport.status,
      backup: { ...transport.status.backup, last: { ...transport.status.backup.last!, ageHours: 80 }, stale: true, lastFailure: { at: '2026-11-23T03:30:00+01:00', error: 'mariadb-dump failed: disk full' } },
    };
    tap('Refresh');
    expect((await screen.findByTestId('backup-warning')).textContent).toContain('more than 2 days old');
    expect(screen.getByTestId('last-backup').textContent).toContain('3 days ago');
    expect(screen.getByText('mariadb-dump failed: disk full')).toBeTruthy();
  });

  it('says so when this box office has no device operations yet', async () => {
    const transport = new FakeManagerTransport(shows(), { ipc: true });
    olderServer(transport);
    await renderManager(transport);
    fireEvent.click(await screen.findByRole('button', { name: 'Devices & server' }));
    expect((await screen.findByTestId('devices-unavailable')).textContent).toContain('marquee token create');
  });

  it('shows a calm banner while the database is down and recovers by itself', async () => {
    const transport = new FakeManagerTransport(shows());
    const store = await renderManager(transport);
    await screen.findByRole('img', { name: '0 of 40 seats booked' });
    transport.down = true;
    await act(() => store.getState().refreshShows());
    expect(screen.getByTestId('outage-banner').textContent).toContain('Reconnecting to the box office database');
    transport.book(1, 'Eli');
    transport.down = false;
    await waitFor(() => expect(screen.queryByTestId('outage-banner')).toBeNull());
    expect(await screen.findByRole('img', { name: '1 of 40 seats booked' })).toBeTruthy();
  });

  it('speaks Spanish after the toggle', async () => {
    const transport = new FakeManagerTransport(shows());
    await renderManager(transport);
    await screen.findByRole('heading', { level: 1, name: 'Schedule' });
    tap('Cambiar el idioma a español');
    expect(screen.getByRole('heading', { level: 1, name: 'Programación' })).toBeTruthy();
    expect(document.documentElement.lang).toBe('es');
    expect(screen.getByRole('img', { name: '0 de 40 asientos reservados' })).toBeTruthy();
    tap('Switch the language to English');
    expect(screen.getByRole('heading', { level: 1, name: 'Schedule' })).toBeTruthy();
  });

  it('keeps every button at least labelled, and every form control named', async () => {
    const transport = new FakeManagerTransport(shows());
    transport.book(1, 'Ana Lima');
    await renderManager(transport);
    await screen.findByRole('img', { name: '1 of 40 seats booked' });
    fireEvent.click(within(rowOf(1)).getByRole('button'));
    await screen.findByRole('table', { name: /^Tickets for/ });
    for (const control of document.querySelectorAll('button, input, select')) {
      const named =
        control.getAttribute('aria-label') || control.textContent?.trim() || control.closest('label') || (control.id && document.querySelector(`label[for="${control.id}"]`));
      expect(named, control.outerHTML).toBeTruthy();
    }
  });
});
