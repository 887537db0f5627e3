// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { KioskApp } from '../../../renderer/src/kiosk/KioskApp';
import { createKioskStore, type KioskStore } from '../../../renderer/src/kiosk/store/kiosk-store';
import { readKioskConfig, type KioskConfig } from '../../../renderer/src/kiosk/lib/kiosk-config';
import { FakeTransport, fakeTicketCode, makeShow, showTimeIn } from './fake-transport';
import { fillBooking, fillLookup } from './kiosk-steps';
import { ONE_SEAT } from '../party-fixture';

const config: KioskConfig = { idleMs: 60_000, countdownMs: 15_000 };

async function renderKiosk(transport: FakeTransport, options: { config?: KioskConfig } = {}) {
  const store: KioskStore = createKioskStore({ transport, outageRetryMs: { min: 5, max: 10 } });
  render(<KioskApp store={store} config={options.config ?? config} />);
  await screen.findAllByRole('button', { name: /seats? left/ });
  return store;
}

const tap = (name: string | RegExp) => fireEvent.click(screen.getByRole('button', { name }));

function tapKeys(groupName: string, keys: string) {
  const group = screen.getByRole('group', { name: groupName });
  for (const key of keys) fireEvent.click(within(group).getByRole('button', { name: key === ' ' ? /^(Space|Espacio)$/ : key }));
}

const heading = () => screen.getByRole('heading', { level: 1 }).textContent;

/** Taps a show and keeps the one seat its quantity step opens with: the old flow plus one Next. */
async function pickShow(name: RegExp, next = /^(Next|Siguiente)$/) {
  await act(async () => fireEvent.click(screen.getByRole('button', { name })));
  await vi.waitFor(() => expect(screen.getByTestId('party-total')).toBeTruthy());
  fireEvent.click(screen.getByRole('button', { name: next }));
}

// The shows of these tests are an hour or three ahead on their own +01:00 clock, and the kiosk
// words and groups them by day ("Today", one card per film and day): late in the evening some
// would fall on tomorrow. So each test's clock starts at 09:00 +01:00 today and runs on from
// there (only Date is faked; timers are real).
beforeEach(() => {
  vi.useFakeTimers({ now: new Date().setUTCHours(8, 0, 0, 0), toFake: ['Date'], shouldAdvanceTime: true });
});

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('kiosk UI', () => {
  it('lists shows as cards with seats left, sold-out and starting-soon states', async () => {
    await renderKiosk(
      new FakeTransport([
        makeShow(1, showTimeIn(10), { title: 'Soon Film' }),
        makeShow(2, showTimeIn(120), { title: 'Full Film', capacity: 3, booked: 3 }),
        makeShow(3, showTimeIn(180), { title: 'Later Film', capacity: 20, booked: 19 }),
      ]),
    );
    expect(screen.getByRole('button', { name: /Soon Film/ }).textContent).toMatch(/Starts in (9|10) min/);
    const full = screen.getByRole('button', { name: /Full Film/ }) as HTMLButtonElement;
    expect(full.disabled).toBe(true);
    expect(full.textContent).toContain('Sold out');
    expect(screen.getByRole('button', { name: /Later Film/ }).textContent).toContain('1 seat left');
  });

  it('groups the start screen by film: poster or placeholder, rating, runtime, then each time with its screen and seats', async () => {
    const at = showTimeIn(120);
    const casablanca = { filmId: 7, filmTitle: 'Casablanca', title: 'Casablanca', rating: 'PG', runtimeMinutes: 102 };
    const transport = new FakeTransport([
      makeShow(1, at, casablanca),
      makeShow(2, at, { filmId: 8, filmTitle: 'Vertigo', title: 'Vertigo', rating: null, runtimeMinutes: 128, screenId: 2, screenName: 'Screen 2' }),
      makeShow(3, showTimeIn(180), { ...casablanca, screenId: 2, screenName: 'Screen 2', capacity: 2, booked: 2 }),
      makeShow(4, showTimeIn(200), { title: null }),
      makeShow(5, showTimeIn(210), { title: 'Gone', cancelledAt: showTimeIn(-5) }),
    ]);
    transport.films = [
      { filmId: 7, title: 'Casablanca', runtimeMinutes: 102, rating: 'PG', description: null, posterUrl: '/film/7/poster?v=abc' },
      { filmId: 8, title: 'Vertigo', runtimeMinutes: 128, rating: null, description: null, posterUrl: null },
    ];
    await renderKiosk(transport);
    const film = (name: string) => screen.getByRole('region', { name });
    await vi.waitFor(() => expect(film('Casablanca').querySelector('img.poster')?.getAttribute('src')).toBe('/film/7/poster?v=abc'));
    expect(within(film('Casablanca')).getByLabelText('Rated PG').textContent).toBe('PG');
    expect(within(film('Casablanca')).getByLabelText('Runs 1 h 42 min')).toBeTruthy();
    const times = within(film('Casablanca')).getAllByRole('button');
    expect(times.map((b) => b.getAttribute('aria-label'))).toEqual([
      expect.stringMatching(/^Casablanca, .+, Screen 1, 20 seats left$/),
      expect.stringMatching(/^Casablanca, .+, Screen 2, Sold out$/),
    ]);
    expect((times[1] as HTMLButtonElement).disabled).toBe(true);
    expect(within(film('Vertigo')).getByTestId('poster-placeholder').textContent).toBe('V');
    expect(within(film('Vertigo')).queryByLabelText(/^Rated/)).toBeNull();
    expect(within(film('Vertigo')).getByRole('button').textContent).toContain('Screen 2');
    // Untitled shows go last, under "Other shows"; a cancelled screening is not offered at all.
    const headings = screen.getAllByRole('heading', { level: 3 }).map((h) => h.textContent);
    expect(headings).toEqual(['Casablanca', 'Vertigo', 'Other shows']);
    expect(document.querySelector('[data-show-id="5"]')).toBeNull();

    // The same minute on two screens: the one tapped is the one booked, and the review names its screen.
    await act(async () => fireEvent.click(within(film('Vertigo')).getByRole('button')));
    await vi.waitFor(() => expect(screen.getByTestId('party-total')).toBeTruthy());
    tap('Next');
    tapKeys('On-screen keyboard', 'Ana');
    tap('Next');
    tapKeys('Number keypad', '600123456');
    tap('Next');
    const review = [...document.querySelectorAll('.review .detail')].map((d) => d.textContent);
    expect(review[0]).toMatch(/^ShowVertigo · /);
    expect(review[1]).toBe('ScreenScreen 2');
    await act(async () => tap('Confirm booking'));
    expect(transport.callsOf('book')[0]!.input).toMatchObject({ showId: 2 });
    expect([...document.querySelectorAll('.ticket .detail')].map((d) => d.textContent)).toContain('ScreenScreen 2');
  });

  it('draws a screenful of films first and the rest of the list after that frame, with the cue meanwhile', async () => {
    const films = Array.from({ length: 9 }, (_, i) => makeShow(i + 1, showTimeIn(60 + i), { filmId: i + 1, filmTitle: `Film ${i + 1}`, title: `Film ${i + 1}` }));
    // The list already in when the store is made (the page's head start): the first render draws it.
    const answers = { shows: { ok: true as const, value: films }, self: { ok: true as const, value: { role: 'kiosk' as const, label: 'Lobby kiosk', tokenId: 5 } } };
    const headStart = { shows: Promise.resolve(answers.shows), self: Promise.resolve(answers.self), films: Promise.resolve({ ok: true as const, value: { films: [] } }), answers };
    const store = createKioskStore({ transport: new FakeTransport(films), outageRetryMs: { min: 5, max: 10 }, headStart });
    render(<KioskApp store={store} config={config} />);
    const first = screen.getAllByRole('heading', { level: 3 });
    expect(first.map((h) => h.textContent)).toEqual(['Film 1', 'Film 2', 'Film 3', 'Film 4', 'Film 5', 'Film 6']);
    expect(screen.getByTestId('more-below')).toBeTruthy();
    await vi.waitFor(() => expect(screen.getAllByRole('heading', { level: 3 })).toHaveLength(9));
    expect(screen.getAllByRole('button', { name: /seats? left/ })).toHaveLength(9);
  });

  it('shows the poster placeholder when the poster cannot be loaded', async () => {
    const transport = new FakeTransport([makeShow(1, showTimeIn(120), { filmId: 7, filmTitle: 'Casablanca', title: 'Casablanca' })]);
    transport.films = [{ filmId: 7, title: 'Casablanca', runtimeMinutes: 102, rating: null, description: null, posterUrl: '/film/7/poster?v=abc' }];
    await renderKiosk(transport);
    const poster = await vi.waitFor(() => document.querySelector('img.poster')!);
    fireEvent.error(poster);
    expect(screen.getByTestId('poster-placeholder').textContent).toBe('C');
  });

  it('names the film and screen of a looked-up ticket, found by its showId among shows at the same minute', async () => {
    const at = showTimeIn(60);
    const transport = new FakeTransport([makeShow(1, at, { title: 'Vertigo' }), makeShow(2, at, { title: 'Casablanca', screenId: 2, screenName: 'Screen 2' })]);
    const store = await renderKiosk(transport);
    transport.bookElsewhere(2);
    act(() => fillLookup(store, fakeTicketCode(1)));
    await act(() => store.getState().lookupTicket());
    expect(heading()).toBe('Your ticket');
    const details = [...document.querySelectorAll('.ticket .detail')].map((d) => d.textContent);
    expect(details[0]).toMatch(/^ShowCasablanca · Today /);
    expect(details[1]).toBe('ScreenScreen 2');
  });

  it('switches to Spanish and back, including the validation messages', async () => {
    await renderKiosk(new FakeTransport([makeShow(1, showTimeIn(120))]));
    expect(heading()).toBe('Pick a show');
    tap('Cambiar el idioma a español');
    expect(heading()).toBe('Elige una función');
    expect(document.documentElement.lang).toBe('es');
    expect(screen.getByRole('button', { name: /Quedan 20 asientos/ })).toBeTruthy();

    await pickShow(/The Night Watch/);
    tap('Siguiente');
    expect(screen.getByRole('alert').textContent).toBe('Escribe tu nombre, por favor.');
    tap('Switch the language to English');
    expect(screen.getByRole('alert').textContent).toBe('Please type your name.');
    expect(document.documentElement.lang).toBe('en');
  });

  it('books with the on-screen keyboard and keypad, showing inline validation, and shows a QR ticket', async () => {
    const transport = new FakeTransport([makeShow(1, showTimeIn(120))]);
    await renderKiosk(transport);
    await pickShow(/The Night Watch/);

    tap('Next');
    expect(screen.getByRole('alert').textContent).toBe('Please type your name.');
    tapKeys('On-screen keyboard', 'Ana Lima');
    const name = screen.getByRole('textbox', { name: 'Your name' }) as HTMLInputElement;
    // Letters capitalise at the start of each word.
    expect(name.value).toBe('Ana Lima');
    expect(screen.queryByRole('alert')).toBeNull();
    tap('Next');

    expect(heading()).toBe('Your phone number');
    tapKeys('Number keypad', '12');
    tap('Next');
    expect(screen.getByRole('alert').textContent).toBe('Please enter a phone number with 6 to 15 digits.');
    // A physical keyboard types into the same field.
    fireEvent.change(screen.getByRole('textbox', { name: 'Phone number' }), { target: { value: '600 123 456' } });
    expect(screen.queryByRole('alert')).toBeNull();
    tap('Next');

    expect(heading()).toBe('Check your booking');
    expect(screen.getByText('Ana Lima')).toBeTruthy();
    await act(async () => tap('Confirm booking'));
    expect(heading()).toBe('Enjoy the show!');
    expect(screen.getByTestId('ticket-code').textContent).toBe(fakeTicketCode(1));
    const qr = (await screen.findByRole('img', { name: 'QR code of ticket number 1' })) as HTMLImageElement;
    expect(qr.src).toMatch(/^data:image\/svg\+xml/);

    await act(async () => tap('Print ticket'));
    expect(transport.printed).toBe(1);
    tap('Done');
    expect(heading()).toBe('Pick a show');
  });

  it('shows a ticket used at the door as used, without Change or Cancel', async () => {
    const show = makeShow(1, showTimeIn(30));
    const transport = new FakeTransport([show]);
    const store = await renderKiosk(transport);
    transport.bookElsewhere(1);
    transport.override('lookupTicket', () => ({
      ok: true,
      value: {
        ticketId: 1, ticketCode: fakeTicketCode(1), userName: 'Someone Else', phoneNo: '555000111',
        showId: 1, showTime: show.showTime, isExpired: false, checkedInAt: show.showTime, checkedInBy: 'Door A', ...ONE_SEAT,
      },
    }));
    act(() => fillLookup(store, fakeTicketCode(1)));
    await act(() => store.getState().lookupTicket());
    expect(heading()).toBe('Your ticket');
    expect(document.querySelector('[data-notice="usedAtDoor"]')?.textContent).toMatch(/^This ticket has been used at the door \(Today .+\), so it can no longer be changed or cancelled\.$/);
    expect(screen.queryByRole('button', { name: 'Change show time' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Cancel ticket' })).toBeNull();
  });

  it('shows the outage banner while the database is down, keeps the review, then clears it', async () => {
    const transport = new FakeTransport([makeShow(1, showTimeIn(120))]);
    const store = await renderKiosk(transport);
    await act(() => fillBooking(store, 1, 'Ana', '600123456'));
    transport.down = true;
    await act(async () => tap('Confirm booking'));
    expect(screen.getByTestId('outage-banner').textContent).toContain('Reconnecting to the box office');
    expect(heading()).toBe('Check your booking');
    expect(screen.getByText('Ana')).toBeTruthy();

    transport.down = false;
    await vi.waitFor(() => expect(screen.queryByTestId('outage-banner')).toBeNull());
    expect(screen.getByRole('alert').textContent).toContain('connected again');
  });

  it('suggests the next show when the picked one sells out during booking', async () => {
    const transport = new FakeTransport([makeShow(1, showTimeIn(60), { capacity: 1 }), makeShow(2, showTimeIn(150))]);
    const store = await renderKiosk(transport);
    await act(() => fillBooking(store, 1, 'Ana', '600123456'));
    transport.bookElsewhere(1);
    await act(async () => tap('Confirm booking'));
    await screen.findByText('Sorry, that show just sold out.');
    tap('Book that show instead');
    // The suggested show's own ticket types are read; the same single seat fits, so on to the review.
    await vi.waitFor(() => expect(store.getState()).toMatchObject({ busy: false, screen: 'review', showTypes: { showId: 2 } }));
    await act(async () => tap('Confirm booking'));
    expect(heading()).toBe('Enjoy the show!');
    expect(transport.tickets.get(2)?.showId).toBe(2);
  });

  it('shows a spinner only when an answer takes longer than 300 ms', async () => {
    const transport = new FakeTransport([makeShow(1, showTimeIn(120))]);
    const store = await renderKiosk(transport);
    vi.useFakeTimers();
    let release!: () => void;
    transport.gate = new Promise((resolve) => (release = resolve));
    act(() => {
      fillLookup(store, fakeTicketCode(7));
      void store.getState().lookupTicket();
    });
    act(() => vi.advanceTimersByTime(250));
    expect(screen.queryByText('One moment…')).toBeNull();
    act(() => vi.advanceTimersByTime(100));
    expect(screen.getByText('One moment…')).toBeTruthy();
    transport.gate = null;
    await act(async () => release());
    expect(screen.queryByText('One moment…')).toBeNull();
  });

  it('returns to Start after the idle time, with a visible countdown, unless the guest touches the screen', async () => {
    const transport = new FakeTransport([makeShow(1, showTimeIn(120))]);
    await renderKiosk(transport, { config: { idleMs: 5_000, countdownMs: 3_000 } });
    vi.useFakeTimers();
    await pickShow(/The Night Watch/);
    tapKeys('On-screen keyboard', 'Ana');
    expect(heading()).toBe('What is your name?');

    act(() => vi.advanceTimersByTime(1_500));
    expect(screen.queryByTestId('idle-countdown')).toBeNull();
    act(() => vi.advanceTimersByTime(1_000));
    expect(screen.getByRole('alertdialog').textContent).toContain('Going back to the start in 3 seconds.');

    fireEvent.click(screen.getByRole('button', { name: "I'm still here" }));
    fireEvent.pointerDown(document.body);
    act(() => vi.advanceTimersByTime(1_000));
    expect(screen.queryByTestId('idle-countdown')).toBeNull();

    act(() => vi.advanceTimersByTime(2_000));
    expect(screen.getByRole('alertdialog').textContent).toContain('Going back to the start in 2 seconds.');
    act(() => vi.advanceTimersByTime(2_500));
    expect(heading()).toBe('Pick a show');
    expect(screen.queryByTestId('idle-countdown')).toBeNull();

    await pickShow(/The Night Watch/);
    expect((screen.getByRole('textbox', { name: 'Your name' }) as HTMLInputElement).value).toBe('');
  });

  it('warns after 45 s without a touch, announces it once, gives 20 s, then goes back to the start and says so', async () => {
    const transport = new FakeTransport([makeShow(1, showTimeIn(120))]);
    await renderKiosk(transport, { config: readKioskConfig('') });
    vi.useFakeTimers();
    await pickShow(/The Night Watch/);
    // A polite live region, there before anything is said in it, so screen readers pick up each change.
    expect(screen.getByTestId('idle-status').getAttribute('role')).toBe('status');
    expect(screen.getByTestId('idle-status').textContent).toBe('');

    act(() => vi.advanceTimersByTime(44_750));
    expect(screen.queryByTestId('idle-countdown')).toBeNull();
    act(() => vi.advanceTimersByTime(250));
    const warning = screen.getByRole('alertdialog');
    expect(within(warning).getByRole('alert').textContent).toBe('Are you still there? Going back to the start in 20 seconds.');
    expect(document.activeElement?.textContent).toBe("I'm still here");

    act(() => vi.advanceTimersByTime(19_750));
    expect(heading()).toBe('What is your name?');
    // The spoken warning does not tick with the number: it is read once, when the warning comes.
    expect(screen.getByRole('alertdialog').textContent).toContain('Going back to the start in 1 second.');
    expect(within(screen.getByRole('alertdialog')).getByRole('alert').textContent).toContain('20 seconds');

    act(() => vi.advanceTimersByTime(250));
    expect(heading()).toBe('Pick a show');
    // Said once the warning has gone and the page behind it is no longer inert.
    act(() => vi.advanceTimersByTime(0));
    expect(screen.getByTestId('idle-status').closest('[inert]')).toBeNull();
    expect(screen.getByTestId('idle-status').textContent).toBe(
      'Nobody touched the screen for a while, so the kiosk went back to the start and cleared what was typed.',
    );
  });

  it('"I need more time" doubles the idle limit for this guest, says so, and is forgotten with the session', async () => {
    const transport = new FakeTransport([makeShow(1, showTimeIn(120))]);
    await renderKiosk(transport, { config: readKioskConfig('') });
    vi.useFakeTimers();
    await pickShow(/The Night Watch/);
    act(() => vi.advanceTimersByTime(45_000));
    // While the warning shows, the page behind it (the status region too) is inert.
    expect(screen.getByTestId('idle-status').closest('[inert]')).not.toBeNull();
    tap('I need more time');
    expect(screen.queryByTestId('idle-countdown')).toBeNull();
    act(() => vi.advanceTimersByTime(0));
    expect(screen.getByTestId('idle-status').closest('[inert]')).toBeNull();
    expect(screen.getByTestId('idle-status').textContent).toBe(
      'More time given: the kiosk now waits 130 seconds without a touch before going back to the start.',
    );

    // 130 s in all: the warning now comes after 110 s and still gives 20 s.
    act(() => vi.advanceTimersByTime(109_750));
    expect(screen.queryByTestId('idle-countdown')).toBeNull();
    act(() => vi.advanceTimersByTime(250));
    expect(screen.getByRole('alertdialog').textContent).toContain('Going back to the start in 20 seconds.');
    expect(screen.queryByRole('button', { name: 'I need more time' })).toBeNull();
    expect(screen.getByTestId('idle-status').textContent).toBe('');
    act(() => vi.advanceTimersByTime(20_000));
    expect(heading()).toBe('Pick a show');

    // The next guest starts with the usual limit and may ask again.
    await pickShow(/The Night Watch/);
    act(() => vi.advanceTimersByTime(45_000));
    expect(screen.getByRole('button', { name: 'I need more time' })).toBeTruthy();
  });

  it('puts a refused booking (sold out, too late) in an alert', async () => {
    const transport = new FakeTransport([makeShow(1, showTimeIn(120), { capacity: 1 }), makeShow(2, showTimeIn(240), { title: 'Later Film' })]);
    const store = await renderKiosk(transport);
    await act(() => fillBooking(store, 1));
    transport.bookElsewhere(1);
    tap('Confirm booking');
    expect((await screen.findByRole('alert')).textContent).toContain('Sorry, that show just sold out.');

    act(() => store.getState().goTo('start'));
    await act(() => fillBooking(store, 2));
    transport.shows[1]!.isExpired = true;
    tap('Confirm booking');
    expect((await screen.findByRole('alert')).textContent).toContain('Sorry, that show can no longer be booked.');
  });

  it('never counts down on the Start screen', async () => {
    await renderKiosk(new FakeTransport([makeShow(1, showTimeIn(120))]), { config: { idleMs: 1_000, countdownMs: 500 } });
    vi.useFakeTimers();
    act(() => vi.advanceTimersByTime(5_000));
    expect(screen.queryByTestId('idle-countdown')).toBeNull();
  });
});
