// @vitest-environment jsdom
// The kiosk's rough edges (issue 13): the name field's limit and caret, the keypad's 15-digit
// stop, accented letters on the touch keyboard, and a cancelled ticket's lookup. Layout-bound
// parts (the field's scroll, the "More shows below" cue) are checked in Chromium, in
// test/e2e/kiosk.e2e.test.ts.
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { NAME_MAX, PHONE_DIGITS_MAX } from '../../../main/common/schemas';
import { KioskApp } from '../../../renderer/src/kiosk/KioskApp';
import { createKioskStore, type KioskStore } from '../../../renderer/src/kiosk/store/kiosk-store';
import { FakeTransport, fakeTicketCode, makeShow, showTimeIn } from './fake-transport';
import { fillLookup } from './kiosk-steps';

async function renderKiosk(transport: FakeTransport): Promise<KioskStore> {
  const store = createKioskStore({ transport, outageRetryMs: { min: 5, max: 10 } });
  render(<KioskApp store={store} config={{ idleMs: 600_000, countdownMs: 15_000 }} />);
  await screen.findAllByRole('button', { name: /seats? left|asientos?/ });
  return store;
}

const keyboard = () => screen.getByRole('group', { name: /On-screen keyboard|Teclado en pantalla/ });
const keypad = () => screen.getByRole('group', { name: /Number keypad|Teclado numérico/ });
const key = (group: HTMLElement, name: string) =>
  within(group).getByRole('button', { name: name === ' ' ? /^(Space|Espacio)$/ : ['Accented letters', 'Letras con acento'].includes(name) ? new RegExp(`^(ÀÄØ|àäø|ABC|abc), ${name}$`) : name });
const tapKeys = (group: HTMLElement, keys: string) => {
  for (const k of keys) fireEvent.click(key(group, k));
};
const nameBox = () => screen.getByRole('textbox', { name: /Your name|Tu nombre/ }) as HTMLInputElement;
const phoneBox = () => screen.getByRole('textbox', { name: /Phone number|Número de teléfono/ }) as HTMLInputElement;

async function onNameScreen() {
  const transport = new FakeTransport([makeShow(1, showTimeIn(120))]);
  const store = await renderKiosk(transport);
  await pickShow(/The Night Watch/);
  return { transport, store };
}

/** Taps a show and keeps the one seat its quantity step opens with: the old flow plus one Next. */
async function pickShow(name: RegExp, next = /^(Next|Siguiente)$/) {
  await act(async () => fireEvent.click(screen.getByRole('button', { name })));
  await vi.waitFor(() => expect(screen.getByTestId('party-total')).toBeTruthy());
  fireEvent.click(screen.getByRole('button', { name: next }));
}

afterEach(() => cleanup());

describe('the name field', () => {
  it('shows a counter over the last ten letters and says so at the limit, which comes from the schema', async () => {
    await onNameScreen();
    // Eleven letters short of the limit: no counter yet.
    tapKeys(keyboard(), 'Ana B');
    tapKeys(keyboard(), 'b'.repeat(NAME_MAX - 16));
    expect([...nameBox().value]).toHaveLength(NAME_MAX - 10 - 1);
    expect(screen.queryByTestId('userName-count')).toBeNull();
    tapKeys(keyboard(), 'b');
    expect(screen.getByTestId('userName-count').textContent).toBe(`${NAME_MAX - 10} / ${NAME_MAX}`);
    expect(screen.getByTestId('userName-limit').textContent).toBe('');

    tapKeys(keyboard(), 'b'.repeat(10));
    expect([...nameBox().value]).toHaveLength(NAME_MAX);
    expect(screen.getByTestId('userName-count').textContent).toBe(`${NAME_MAX} / ${NAME_MAX}`);
    expect(screen.getByTestId('userName-limit').textContent).toBe(`That is the limit: a name can have ${NAME_MAX} letters.`);
    // The keys stop, visibly: one more tap changes nothing.
    expect((key(keyboard(), 'b') as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(key(keyboard(), 'b'));
    expect([...nameBox().value]).toHaveLength(NAME_MAX);
    // The counter is read with the field.
    expect(nameBox().getAttribute('aria-describedby')).toContain(screen.getByTestId('userName-count').id);

    fireEvent.click(screen.getByRole('button', { name: 'Delete last character' }));
    expect(screen.getByTestId('userName-limit').textContent).toBe('');
    expect((key(keyboard(), 'b') as HTMLButtonElement).disabled).toBe(false);

    fireEvent.click(screen.getByRole('button', { name: 'Cambiar el idioma a español' }));
    tapKeys(keyboard(), 'b');
    expect(screen.getByTestId('userName-limit').textContent).toBe(`Has llegado al límite: un nombre puede tener ${NAME_MAX} letras.`);
  });

  it('keeps the caret at the end of what the on-screen keys typed, even after the field lost focus', async () => {
    await onNameScreen();
    tapKeys(keyboard(), 'Ana');
    expect(document.activeElement).toBe(nameBox());
    expect(nameBox().selectionStart).toBe(3);
    nameBox().blur();
    expect(document.activeElement).not.toBe(nameBox());
    tapKeys(keyboard(), ' Lima');
    expect(document.activeElement).toBe(nameBox());
    expect(nameBox().value).toBe('Ana Lima');
    expect([nameBox().selectionStart, nameBox().selectionEnd]).toEqual([8, 8]);
  });

  it('counts a name typed on a physical keyboard past the limit in red, and Next explains', async () => {
    await onNameScreen();
    fireEvent.change(nameBox(), { target: { value: 'x'.repeat(NAME_MAX + 3) } });
    const count = screen.getByTestId('userName-count');
    expect(count.textContent).toBe(`${NAME_MAX + 3} / ${NAME_MAX}`);
    expect(count.className).toContain('field-count-over');
    fireEvent.click(screen.getByRole('button', { name: 'Next' }));
    expect(screen.getByRole('alert').textContent).toBe(`That is too long. Please use at most ${NAME_MAX} letters.`);
  });
});

describe('accented letters on the touch keyboard', () => {
  it('types "José Muñoz" with the keys alone', async () => {
    await onNameScreen();
    tapKeys(keyboard(), 'José Muñoz');
    expect(nameBox().value).toBe('José Muñoz');
  });

  it('has a layer with the other Latin accents, for one letter at a time', async () => {
    await onNameScreen();
    const layer = key(keyboard(), 'Accented letters');
    expect(layer.getAttribute('aria-pressed')).toBe('false');
    fireEvent.click(layer);
    expect(keyboard().dataset.layer).toBe('accents');
    expect(key(keyboard(), 'Accented letters').getAttribute('aria-pressed')).toBe('true');
    tapKeys(keyboard(), 'Ø');
    // Back on the letters after one accented letter; the word goes on in lower case.
    expect(keyboard().dataset.layer).toBe('letters');
    tapKeys(keyboard(), 'rjan ');
    fireEvent.click(key(keyboard(), 'Accented letters'));
    tapKeys(keyboard(), 'Ł');
    tapKeys(keyboard(), 'ukasz ');
    tapKeys(keyboard(), 'Gon');
    fireEvent.click(key(keyboard(), 'Accented letters'));
    tapKeys(keyboard(), 'ç');
    tapKeys(keyboard(), 'alves');
    expect(nameBox().value).toBe('Ørjan Łukasz Gonçalves');

    fireEvent.click(screen.getByRole('button', { name: 'Cambiar el idioma a español' }));
    expect(key(keyboard(), 'Letras con acento')).toBeTruthy();
  });
});

describe('the phone keypad', () => {
  it(`stops at ${PHONE_DIGITS_MAX} digits (E.164), with or without a leading +, and says why`, async () => {
    const { store } = await onNameScreen();
    tapKeys(keyboard(), 'Ana');
    fireEvent.click(screen.getByRole('button', { name: 'Next' }));
    tapKeys(keypad(), '+');
    tapKeys(keypad(), '1234567890123456789');
    expect(phoneBox().value).toBe('+123456789012345');
    expect((key(keypad(), '7') as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByTestId('phoneNo-count').textContent).toBe(`${PHONE_DIGITS_MAX} / ${PHONE_DIGITS_MAX}`);
    expect(screen.getByTestId('phoneNo-limit').textContent).toBe(`A phone number has ${PHONE_DIGITS_MAX} digits at most.`);
    // The longest number the keypad lets through is one the server takes.
    fireEvent.click(screen.getByRole('button', { name: 'Next' }));
    expect(store.getState().screen).toBe('review');

    fireEvent.click(screen.getByRole('button', { name: 'Change phone' }));
    fireEvent.click(screen.getByRole('button', { name: 'Delete last character' }));
    expect((key(keypad(), '7') as HTMLButtonElement).disabled).toBe(false);
    expect(screen.queryByTestId('phoneNo-count')).toBeNull();
    act(() => store.getState().type('phoneNo', ''));
    tapKeys(keypad(), '98765432109876543');
    expect(phoneBox().value).toBe('987654321098765');
  });
});

describe('a cancelled ticket looked up on the kiosk', () => {
  it('says it was cancelled today, at what time, and not that the code is wrong', async () => {
    const transport = new FakeTransport([makeShow(1, showTimeIn(120))]);
    const store = await renderKiosk(transport);
    transport.bookElsewhere(1, '600111222');
    act(() => fillLookup(store, fakeTicketCode(1)));
    await act(async () => store.getState().lookupTicket());
    act(() => store.getState().askCancel());
    await act(async () => store.getState().confirmCancel());
    act(() => fillLookup(store, fakeTicketCode(1)));
    await act(async () => store.getState().lookupTicket());
    const notice = screen.getByRole('alert');
    expect(notice.dataset.notice).toBe('ticketCancelled');
    expect(notice.textContent).toMatch(/^This ticket was cancelled today at \d{1,2}:\d{2}\s?[AP]M\./);
    expect(notice.textContent).toContain('If you did not cancel it, please ask at the counter.');
    expect(notice.textContent).not.toContain('check');
  });

  it('names the day and the theatre clock for an older cancellation, in English and Spanish', async () => {
    const transport = new FakeTransport([makeShow(1, showTimeIn(120))], { timeZone: 'Europe/Madrid' });
    const store = await renderKiosk(transport);
    transport.override('lookupTicket', () => ({
      ok: false,
      error: { code: 'TICKET_CANCELLED', message: 'This ticket was cancelled.', details: { cancelledAt: '2025-03-03T12:05:00Z' } },
    }));
    act(() => fillLookup(store, fakeTicketCode(5)));
    await act(async () => store.getState().lookupTicket());
    expect(screen.getByRole('alert').textContent).toContain('This ticket was cancelled on March 3 at 1:05 PM.');
    fireEvent.click(screen.getByRole('button', { name: 'Cambiar el idioma a español' }));
    expect(screen.getByRole('alert').textContent).toContain('Esta entrada se anuló el 3 de marzo a las 13:05.');
    expect(screen.getByRole('alert').textContent).toContain('Si no la anulaste tú, pregunta en el mostrador, por favor.');

    transport.override('lookupTicket', () => ({ ok: false, error: { code: 'TICKET_CANCELLED', message: 'This ticket was cancelled.', details: { cancelledAt: '2025-03-04T00:30:00Z' } } }));
    await act(async () => store.getState().lookupTicket());
    expect(screen.getByRole('alert').textContent).toContain('Esta entrada se anuló el 4 de marzo a la 1:30.');
  });
});
