// @vitest-environment jsdom
// The Reports screen and the roster's CSV and Print in jsdom with the in-memory box office:
// reached from the navigation, charts named as images, the figures in tables, and the files
// the buttons hand to the browser. (jsdom has no Blob URLs, downloads or printing: the test
// stands in for those browser parts and reads what the page gave them.)
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ManagerApp } from '../../../renderer/src/manager/ManagerApp';
import { createManagerStore } from '../../../renderer/src/manager/store/manager-store';
import { FakeManagerTransport, makeShow } from './fake-manager-transport';

const dayIn = (days: number) => new Date(Date.now() + 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);

function schedule() {
  return [
    makeShow(1, `${dayIn(1)}T18:00:00+01:00`, { title: 'Harbour Lights', capacity: 10 }),
    makeShow(2, `${dayIn(1)}T21:00:00+01:00`, { title: 'Night Train', capacity: 4 }),
    makeShow(3, `${dayIn(2)}T17:30:00+01:00`, { title: 'Paper Moons', capacity: 8 }),
  ];
}

/** What the page offered as downloads: file name and text. */
let downloads: Array<{ name: string; text: Promise<string> }>;

beforeEach(() => {
  downloads = [];
  const blobs = new Map<string, Blob>();
  URL.createObjectURL = (blob: Blob) => {
    const url = `blob:test/${blobs.size}`;
    blobs.set(url, blob);
    return url;
  };
  URL.revokeObjectURL = () => {};
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    // Decoded keeping the byte-order mark, which Blob.text() would drop.
    downloads.push({ name: this.download, text: blobs.get(this.href)!.arrayBuffer().then((bytes) => new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes)) });
  });
});

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
  document.documentElement.classList.remove('manager');
});

async function renderSeeded() {
  const transport = new FakeManagerTransport(schedule());
  const cancelled = transport.book(1, 'Ana Lima');
  transport.book(1, 'Ben Ode', '+34 600 999 888');
  transport.book(1, 'Cai Wu', undefined, [{ ticketTypeId: 2, count: 1 }]); // one adult at 9.50
  for (const name of ['Dee', 'Eli', 'Fay', 'Gus']) transport.book(2, name);
  transport.book(3, 'Hal');
  await transport.call('cancel', { ticketId: cancelled });
  const store = createManagerStore({ transport, outageRetryMs: { min: 5, max: 10 }, rosterDebounceMs: 5 });
  render(<ManagerApp transport={transport} store={store} />);
  await screen.findByRole('heading', { level: 1, name: 'Schedule' });
  return transport;
}

const cells = (row: HTMLElement) => within(row).getAllByRole('cell').map((c) => c.textContent);

describe('Reports screen', () => {
  it('is reached from the navigation and shows charts and tables of the report, which download as CSV', async () => {
    await renderSeeded();
    fireEvent.click(within(screen.getByRole('navigation')).getByRole('button', { name: 'Reports' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Reports' })).toBeTruthy();
    const shows = await screen.findByRole('table', { name: /^Sales per show/ });
    expect(within(screen.getByRole('navigation')).getByRole('button', { name: 'Reports' }).getAttribute('aria-current')).toBe('page');

    const harbour = within(shows).getByRole('rowheader', { name: 'Harbour Lights' }).closest('tr')!;
    // When, then capacity, sold, cancelled, moved in, moved out, seats taken, checked in, occupancy, revenue.
    expect(cells(harbour).slice(1)).toEqual(['10', '3', '1', '0', '0', '2', '0', '20%', '€9.50']);
    const days = screen.getByRole('table', { name: /^Sales per day/ });
    expect(cells(days.querySelector<HTMLElement>(`tr[data-day="${dayIn(1)}"]`)!)).toEqual(['2', '14', '7', '1', '0', '0', '6', '0', '42.9%', '€9.50']);
    expect(cells(days.querySelector<HTMLElement>('tr[data-day="total"]')!)).toEqual(['3', '22', '8', '1', '0', '0', '7', '0', '31.8%', '€9.50']);
    expect(within(screen.getByTestId('report-totals')).getByText('Revenue').nextElementSibling!.textContent).toMatch(/^€9\.50/);
    // Admissions per type: a row per type, seats and revenue per day, then in all.
    const types = screen.getByRole('table', { name: /^Per ticket type and day/ });
    const adult = within(types).getByRole('rowheader', { name: 'Adult' }).closest('tr')!;
    expect(cells(adult)).toEqual(['1', '€9.50', '0', '€0.00', '1', '€9.50']);
    expect(within(types).getByRole('rowheader', { name: 'Standard' })).toBeTruthy();
    const revenue = screen.getByRole('img', { name: /^Revenue per day/ });
    expect(revenue.querySelector(`[data-bar="${dayIn(1)}"] title`)!.textContent).toMatch(/: €9\.50$/);

    const occupancy = screen.getByRole('img', { name: /^Occupancy per show/ });
    expect(occupancy.querySelectorAll('[data-bar]')).toHaveLength(3);
    expect(occupancy.querySelector('[data-bar="2"] title')!.textContent).toMatch(/^Night Train, .*: 100% \(4 of 4 seats\)$/);
    expect(screen.getByRole('img', { name: /^Seats sold per day/ }).querySelectorAll('[data-bar]')).toHaveLength(2);

    // The date fields hold the days the server chose.
    const from = screen.getByLabelText('From') as HTMLInputElement;
    expect(from.value).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    fireEvent.click(screen.getByRole('button', { name: 'Download per show (CSV)' }));
    fireEvent.click(screen.getByRole('button', { name: 'Download per day (CSV)' }));
    expect(downloads.map((d) => d.name)).toEqual([
      `marquee-sales-shows-${from.value}-to-${(screen.getByLabelText('To') as HTMLInputElement).value}.csv`,
      `marquee-sales-days-${from.value}-to-${(screen.getByLabelText('To') as HTMLInputElement).value}.csv`,
    ]);
    const showsFile = (await downloads[0]!.text).split('\r\n');
    expect(showsFile[0]).toBe('\uFEFFDate,Time,Title,Capacity,Sold,Cancelled,Moved in,Moved out,Seats taken,Checked in,Occupancy %,Revenue (EUR)');
    expect(showsFile[1]).toBe(`${dayIn(1)},18:00,Harbour Lights,10,3,1,0,0,2,0,20,9.50`);
    expect((await downloads[1]!.text).split('\r\n')[1]).toBe(`${dayIn(1)},2,14,7,1,0,0,6,0,42.9,9.50`);
  });

  it('says so when a last day comes before the first, at that field', async () => {
    const transport = await renderSeeded();
    fireEvent.click(within(screen.getByRole('navigation')).getByRole('button', { name: 'Reports' }));
    await screen.findByRole('table', { name: /^Sales per show/ });
    fireEvent.change(screen.getByLabelText('From'), { target: { value: dayIn(3) } });
    fireEvent.change(screen.getByLabelText('To'), { target: { value: dayIn(1) } });
    fireEvent.click(screen.getByRole('button', { name: 'Show report' }));
    expect((await screen.findByText('The last day must be on or after the first.')).getAttribute('role')).toBe('alert');
    expect(screen.getByLabelText('To').getAttribute('aria-invalid')).toBe('true');
    expect(transport.callsOf('salesReport')).toHaveLength(1);
  });
});

describe('roster CSV and print', () => {
  it('downloads the open roster as CSV and prints it', async () => {
    const transport = await renderSeeded();
    const print = vi.spyOn(window, 'print').mockImplementation(() => {});
    fireEvent.click(screen.getByRole('button', { name: /^Harbour Lights, .*: open the roster$/ }));
    await screen.findByRole('table', { name: /^Tickets for Harbour Lights/ });
    // The party column: size and types, then the total in the manager's money format.
    const cai = document.querySelector<HTMLElement>('tr[data-ticket-id="3"] [data-cell="party"]')!;
    expect(cai.textContent).toBe('1: 1 Adult · €9.50');
    fireEvent.click(screen.getByRole('button', { name: 'Download CSV' }));
    expect(downloads.map((d) => d.name)).toEqual([`marquee-roster-${dayIn(1)}-1800.csv`]);
    expect((await downloads[0]!.text).split('\r\n')).toEqual([
      '\uFEFFTicket,Guest,Phone,Seats,Party,Total (EUR),Checked in,Door',
      '2,Ben Ode,"+34 600 999 888",1,1 Standard,0.00,,',
      '3,Cai Wu,"+34600111222",1,1 Adult,9.50,,',
      '',
    ]);
    fireEvent.click(screen.getByRole('button', { name: 'Print' }));
    expect(print).toHaveBeenCalledTimes(1);
    // Paper names the show by its full date, not "Tomorrow".
    await waitFor(() => expect(document.querySelector('.roster-print-when')!.textContent).toMatch(/\d{4} .*· 2 tickets$/));
    expect(transport.callsOf('listByShowTime')).toHaveLength(1);
  });
});
