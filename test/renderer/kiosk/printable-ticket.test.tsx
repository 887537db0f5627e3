// @vitest-environment jsdom
// The printed ticket is read on other days than it was printed: on paper the show line carries
// its date, while the screen keeps "Today". kiosk.css shows one span per medium (print media is
// checked in Chromium by test/e2e/door.e2e.test.ts); here, the words each span holds.
import { cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PrintableTicket } from '../../../renderer/src/kiosk/components/PrintableTicket';
import { KioskProvider } from '../../../renderer/src/kiosk/store/context';
import { createKioskStore } from '../../../renderer/src/kiosk/store/kiosk-store';
import type { PartyItem } from '../../../main/common/schemas';
import { ONE_SEAT } from '../party-fixture';
import { fakeTicketCode, FakeTransport } from './fake-transport';

// 17:28 in Madrid on Wednesday 3 December 2025; "now" is that morning.
const SHOW_TIME = '2025-12-03T17:28:00+01:00';
const MORNING = Date.parse('2025-12-03T09:00:00+01:00');

interface Party {
  items: PartyItem[];
  total: number;
  currency: string | null;
}

const FAMILY: Party = {
  items: [
    { ticketTypeId: 2, name: 'Adult', count: 2, unitPrice: 950 },
    { ticketTypeId: 3, name: 'Child', count: 2, unitPrice: 600 },
  ],
  total: 3100,
  currency: 'USD',
};

function renderTicket(locale: 'en' | 'es', title: string | null = 'The Night Watch', screenName: string | null = null, party: Party = { ...ONE_SEAT, currency: 'USD' }) {
  const store = createKioskStore({ transport: new FakeTransport([]), outageRetryMs: { min: 5, max: 10 } });
  store.setState({ timeZone: 'Europe/Madrid' });
  store.getState().setLocale(locale);
  render(
    <KioskProvider store={store}>
      <PrintableTicket ticketId={7} ticketCode={fakeTicketCode(7)} title={title} screenName={screenName} showTime={SHOW_TIME} userName="Ana Lima" {...party} />
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
    expect(renderTicket('en', 'Casablanca', 'Screen 2').details).toEqual(['ShowCasablanca · Today 5:28 PMCasablanca · Wed, Dec 3 · 5:28 PM', 'ScreenScreen 2', 'NameAna Lima', 'Tickets1 × Standard', 'Ticket number7']);
    cleanup();
    expect(renderTicket('es', 'Casablanca', 'Sala 2').details).toContain('SalaSala 2');
    cleanup();
    expect(renderTicket('en').details).not.toContainEqual(expect.stringMatching(/^Screen/));
  });

  it('names the party and, when it costs something, the total to pay at the counter, in the currency and language', () => {
    vi.useFakeTimers({ now: MORNING });
    expect(renderTicket('en', 'Casablanca', null, FAMILY).details.slice(1)).toEqual([
      'NameAna Lima',
      'Tickets2 × Adult, 2 × Child',
      'Total$31.00 · to pay at the counter',
      'Ticket number7',
    ]);
    cleanup();
    const es = renderTicket('es', 'Casablanca', null, { ...FAMILY, currency: 'EUR' }).details;
    expect(es).toContain('Entradas2 × Adult, 2 × Child');
    expect(es).toContainEqual(expect.stringMatching(/^Total31,00\s€ · a pagar en taquilla$/));
    cleanup();
    // A total the kiosk cannot name the currency of is left out rather than guessed.
    expect(renderTicket('en', 'Casablanca', null, { ...FAMILY, currency: null }).details).not.toContainEqual(expect.stringMatching(/^Total/));
  });
});
