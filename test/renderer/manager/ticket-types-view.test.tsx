// @vitest-environment jsdom
// The Ticket types screen and the show dialog's prices in jsdom with the in-memory box office:
// found by role and name, prices in the manager's money format, in English and Spanish; the
// refusal to delete a sold type said in the dialog.
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ManagerApp } from '../../../renderer/src/manager/ManagerApp';
import { createManagerStore } from '../../../renderer/src/manager/store/manager-store';
import { FakeManagerTransport, makeShow, showTimeIn } from './fake-manager-transport';

afterEach(() => {
  cleanup();
  document.documentElement.classList.remove('manager');
});

async function renderTypes(transport: FakeManagerTransport) {
  const store = createManagerStore({ transport, outageRetryMs: { min: 5, max: 10 }, rosterDebounceMs: 5 });
  render(<ManagerApp transport={transport} store={store} />);
  await screen.findByRole('heading', { level: 1, name: 'Schedule' });
  fireEvent.click(within(screen.getByRole('navigation')).getByRole('button', { name: 'Ticket types' }));
  await screen.findByRole('table', { name: /^Ticket types:/ });
  return store;
}

const row = (name: string) => screen.getByRole('rowheader', { name: new RegExp(`^${name}`) }).closest('tr')!;

describe('Ticket types screen', () => {
  it('lists the types with their prices, in English and in Spanish', async () => {
    const transport = new FakeManagerTransport([]);
    await renderTypes(transport);
    expect(row('Adult').querySelector('[data-cell="price"]')!.textContent).toBe('€9.50');
    expect(within(row('Standard')).getByText('Default')).toBeTruthy();
    // The default type is on sale for good and never deleted: it offers neither.
    expect(within(row('Standard')).queryByRole('button', { name: /off sale|Delete/ })).toBeNull();
    expect(screen.getByRole('button', { name: 'Move Standard up' }).hasAttribute('disabled')).toBe(true);

    fireEvent.click(screen.getByRole('button', { name: 'Cambiar el idioma a español' }));
    await screen.findByRole('heading', { level: 1, name: 'Tipos de entrada' });
    expect(row('Adult').querySelector('[data-cell="price"]')!.textContent!.replace(/\s/g, ' ')).toBe('9,50 €');
    expect(screen.getByRole('button', { name: 'Retirar Child de la venta' })).toBeTruthy();
  });

  it('adds a type from its dialog; a wrong price is said at the field', async () => {
    const transport = new FakeManagerTransport([]);
    await renderTypes(transport);
    fireEvent.click(screen.getByRole('button', { name: /Add ticket type/ }));
    const dialog = screen.getByRole('dialog', { name: 'New ticket type' });
    fireEvent.change(within(dialog).getByLabelText('Name'), { target: { value: 'Concession' } });
    const price = within(dialog).getByLabelText('Price (EUR)');
    fireEvent.change(price, { target: { value: '7.505' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect((await within(dialog).findByRole('alert')).textContent).toBe('Use a price like 9.50.');
    expect(price.getAttribute('aria-invalid')).toBe('true');
    fireEvent.change(price, { target: { value: '7.50' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(row('Concession').querySelector('[data-cell="price"]')!.textContent).toBe('€7.50'));
    expect(transport.callsOf('createTicketType')[0]!.input).toEqual({ name: 'Concession', price: 750, quotaPerShow: null, heldForCounter: 0, accessible: false });
  });

  it('marks a type as a wheelchair space and holds spaces for the counter from its dialog; the list says both', async () => {
    const transport = new FakeManagerTransport([]);
    await renderTypes(transport);
    fireEvent.click(screen.getByRole('button', { name: /Add ticket type/ }));
    const dialog = screen.getByRole('dialog', { name: 'New ticket type' });
    fireEvent.change(within(dialog).getByLabelText('Name'), { target: { value: 'Wheelchair space' } });
    fireEvent.change(within(dialog).getByLabelText('Price (EUR)'), { target: { value: '9.50' } });
    const held = within(dialog).getByLabelText('Held for the counter');
    fireEvent.change(held, { target: { value: '1' } });
    const accessible = within(dialog).getByRole('checkbox', { name: 'Wheelchair space (accessible seating)' }) as HTMLInputElement;
    expect(accessible.checked).toBe(false);
    expect(accessible.getAttribute('aria-describedby')).toBeTruthy();
    expect(document.getElementById(accessible.getAttribute('aria-describedby')!)!.textContent).toContain('symbol of access');
    fireEvent.click(accessible);
    // A hold with no limit per show to hold back from is said at the field.
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect((await within(dialog).findByRole('alert')).textContent).toBe('Set a limit per show to hold spaces back from.');
    expect(held.getAttribute('aria-invalid')).toBe('true');
    fireEvent.change(within(dialog).getByLabelText('Limit per show'), { target: { value: '2' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(within(row('Wheelchair space')).getByText('1 held for the counter')).toBeTruthy());
    expect(row('Wheelchair space').querySelector('[data-tag="accessible"]')!.textContent).toBe('Wheelchair space');
    expect(transport.callsOf('createTicketType')[0]!.input).toEqual({ name: 'Wheelchair space', price: 950, quotaPerShow: 2, heldForCounter: 1, accessible: true });

    // Editing it again opens with both as saved.
    fireEvent.click(screen.getByRole('button', { name: 'Edit Wheelchair space' }));
    const edit = screen.getByRole('dialog', { name: 'Edit Wheelchair space' });
    expect((within(edit).getByLabelText('Held for the counter') as HTMLInputElement).value).toBe('1');
    expect((within(edit).getByRole('checkbox', { name: 'Wheelchair space (accessible seating)' }) as HTMLInputElement).checked).toBe(true);
  });

  it('says in the dialog why a type sold meanwhile is not deleted', async () => {
    const transport = new FakeManagerTransport([makeShow(1, showTimeIn(120), { title: 'Night Train', capacity: 40 })]);
    await renderTypes(transport);
    fireEvent.click(screen.getByRole('button', { name: 'Delete Child' }));
    transport.book(1, 'Ana', undefined, [{ ticketTypeId: 3, count: 1 }]);
    const dialog = screen.getByRole('dialog', { name: 'Delete Child?' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Delete type' }));
    expect((await within(dialog).findByRole('alert')).textContent).toBe('Child cannot be deleted: tickets were sold of it. Take it off sale instead.');
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Delete Child' })).toBeNull());
  });
});

describe('a show’s prices in its dialog', () => {
  it('shows each type’s usual price and sends the show’s own', async () => {
    const transport = new FakeManagerTransport([makeShow(1, showTimeIn(120), { title: 'Night Train', capacity: 40 })]);
    const store = createManagerStore({ transport, outageRetryMs: { min: 5, max: 10 }, rosterDebounceMs: 5 });
    render(<ManagerApp transport={transport} store={store} />);
    fireEvent.click(await screen.findByRole('button', { name: /^Night Train, .*: open the roster$/ }));
    fireEvent.click(await screen.findByRole('button', { name: 'Edit show' }));
    const dialog = screen.getByRole('dialog', { name: 'Edit show' });
    const adult = await within(dialog).findByLabelText('Adult price');
    expect(within(dialog).getByText('Usually €9.50')).toBeTruthy();
    expect(within(dialog).getByRole('group', { name: 'Prices for this show (EUR)' })).toBeTruthy();
    fireEvent.change(adult, { target: { value: '6' } });
    fireEvent.click(within(dialog).getByRole('button', { name: /^Save/ }));
    await waitFor(() => expect(transport.callsOf('updateShow')).toHaveLength(1));
    expect(transport.callsOf('updateShow')[0]!.input).toMatchObject({ showId: 1, prices: [{ ticketTypeId: 2, price: 600 }] });
  });
});
