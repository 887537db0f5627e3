// @vitest-environment jsdom
// Today's door conflicts on the manager's schedule in jsdom: the count badge, the list it opens
// (guest, show, both doors, both times), Escape back to the badge, Spanish, and the week view
// showing the count on today only.
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ManagerApp } from '../../../renderer/src/manager/ManagerApp';
import { createManagerStore, type ManagerStore } from '../../../renderer/src/manager/store/manager-store';
import { doorConflict, FakeManagerTransport } from './fake-manager-transport';

async function renderSchedule(transport: FakeManagerTransport): Promise<ManagerStore> {
  const store = createManagerStore({ transport, outageRetryMs: { min: 5, max: 10 }, rosterDebounceMs: 5 });
  render(<ManagerApp transport={transport} store={store} />);
  await screen.findByRole('heading', { level: 1, name: 'Schedule' });
  return store;
}

function twoConflicts(transport: FakeManagerTransport) {
  transport.doorConflicts = [
    doorConflict('s-1', 'Ana García', { kind: 'already_in', otherDoor: 'Door 1', otherAt: '2030-03-04T19:18:00+01:00' }),
    doorConflict('s-2', null, { kind: 'cancelled', otherDoor: 'Office', otherAt: '2030-03-04T19:05:00+01:00' }),
  ];
}

afterEach(() => {
  cleanup();
  document.documentElement.classList.remove('manager');
});

describe('door conflicts on the schedule', () => {
  it('shows the count, opens the list naming the guest, both doors, both times and the show, and closes on Escape', async () => {
    const transport = new FakeManagerTransport([]);
    twoConflicts(transport);
    await renderSchedule(transport);
    const badge = await screen.findByRole('button', { name: '2 door conflicts' });

    badge.focus();
    fireEvent.click(badge);
    const dialog = screen.getByRole('dialog', { name: 'Door conflicts today' });
    const rows = within(dialog).getAllByRole('row').slice(1);
    expect(rows.map((r) => within(r).getAllByRole('cell').map((c) => c.textContent))).toEqual([
      ['CasablancaMonday, March 4 7:30 PM', 'Door 2 at 7:21 PM', 'Already admitted: Door 1 at 7:18 PM'],
      ['CasablancaMonday, March 4 7:30 PM', 'Door 2 at 7:21 PM', 'Cancelled: Office at 7:05 PM'],
    ]);
    expect(within(rows[0]!).getByRole('rowheader').textContent).toBe('Ana GarcíaK7P2-9XQD');
    // A guest with no name is named by the ticket's code.
    expect(within(rows[1]!).getByRole('rowheader').textContent).toBe('Ticket K7P2-9XQD');

    fireEvent.keyDown(dialog, { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
    await waitFor(() => expect(document.activeElement).toBe(badge));
  });

  it('shows no badge while there are none, and says it in Spanish once one arrives', async () => {
    const transport = new FakeManagerTransport([]);
    const store = await renderSchedule(transport);
    await waitFor(() => expect(store.getState().doorConflicts).toEqual([]));
    expect(screen.queryByTestId('door-conflicts')).toBeNull();

    transport.doorConflicts = [doorConflict('s-1', 'Ana', { kind: 'moved', otherDoor: 'Office', otherAt: null })];
    act(() => store.getState().setLocale('es'));
    await act(() => store.getState().loadDoorConflicts());
    fireEvent.click(screen.getByRole('button', { name: '1 conflicto en puerta' }));
    const dialog = screen.getByRole('dialog', { name: 'Conflictos en puerta hoy' });
    expect(within(dialog).getByText('Cambiada a otra sesión: Office')).toBeTruthy();
  });

  it('counts on the week view for today, not for another day', async () => {
    const transport = new FakeManagerTransport([]);
    twoConflicts(transport);
    const store = await renderSchedule(transport);
    await screen.findByRole('button', { name: '2 door conflicts' });
    act(() => store.getState().setView('week'));
    await screen.findByRole('heading', { level: 1, name: /^Week/ });
    expect(screen.getByRole('button', { name: '2 door conflicts' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Next week' }));
    expect(screen.queryByTestId('door-conflicts')).toBeNull();
  });
});
