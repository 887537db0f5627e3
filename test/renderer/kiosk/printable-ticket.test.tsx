// @vitest-environment jsdom
// The printed ticket is read on other days than it was printed: on paper the show line carries
// its date, while the screen keeps "Today". kiosk.css shows one span per medium (print media is
// checked in Chromium by test/e2e/door.e2e.test.ts); here, the words each span holds.
import { cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PrintableTicket } from '../../../renderer/src/kiosk/components/PrintableTicket';
import { KioskProvider } from '../../../renderer/src/kiosk/store/context';
import { createKioskStore } from '../../../renderer/src/kiosk/store/kiosk-store';
import { fakeTicketCode, FakeTransport } from './fake-transport';

// 17:28 in Madrid on Wednesday 3 December 2025; "now" is that morning.
const SHOW_TIME = '2025-12-03T17:28:00+01:00';
const MORNING = Date.parse('2025-12-03T09:00:00+01:00');

function renderTicket(locale: 'en' | 'es', title: string | null = 'The Night Watch', screenName: string | null = null) {
  const store = createKioskStore({ transport: new FakeTransport([]), outageRetryMs: { min: 5, max: 10 } });
  store.setState({ timeZone: 'Europe/Madrid' });
  store.getState().setLocale(locale);
  render(
    <KioskProvider store={store}>
      <PrintableTicket ticketId={7} ticketCode={fakeTicketCode(7)} title={title} screenName={screenName} showTime={SHOW_TIME} userName="Ana Lima" />
    </KioskProvider>,
  );
  const text = (selector: string) => document.querySelector(selector)?.textContent;
  return { screenLine: text('.ticket-on-screen'), paperLine: text('.ticket-on-paper'), details: [...document.querySelectorAll('.detail')].map((d) => d.textContent) };
}

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('printable ticket', () => {
  it('says Today on screen and the absolute date and time on paper, in English and Spanish', () => {
    vi.useFakeTimers({ now: MORNING });
    expect(renderTicket('en')).toMatchObject({ screenLine: 'The Night Watch · Today 5:28 PM', paperLine: 'The Night Watch · Wed, Dec 3 · 5:28 PM' });
    cleanup();
    expect(renderTicket('es')).toMatchObject({ screenLine: 'The Night Watch · Hoy 17:28', paperLine: 'The Night Watch · mié, 3 dic · 17:28' });
  });

  it('prints the same date the next day, and names an untitled show', () => {
    vi.useFakeTimers({ now: MORNING + 86_400_000 });
    const { paperLine } = renderTicket('en', null);
    expect(paperLine).toMatch(/ · Wed, Dec 3 · 5:28 PM$/);
    expect(paperLine).not.toMatch(/Today|Yesterday|Tomorrow/);
  });

  it('names the screen where one is known, in the language of the kiosk', () => {
    vi.useFakeTimers({ now: MORNING });
    expect(renderTicket('en', 'Casablanca', 'Screen 2').details).toEqual(['ShowCasablanca · Today 5:28 PMCasablanca · Wed, Dec 3 · 5:28 PM', 'ScreenScreen 2', 'NameAna Lima', 'Ticket number7']);
    cleanup();
    expect(renderTicket('es', 'Casablanca', 'Sala 2').details).toContain('SalaSala 2');
    cleanup();
    expect(renderTicket('en').details).not.toContainEqual(expect.stringMatching(/^Screen/));
  });
});
