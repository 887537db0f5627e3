// @vitest-environment jsdom
// The keyboard contract every dialog gets from the shared Dialog: focus in, Tab kept in, Escape
// closes, the page behind inert, focus back to the opener — also when one dialog replaces another
// and when one opens over another.
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfirmDialog } from '../../../renderer/src/shared/components/ConfirmDialog';
import { Dialog } from '../../../renderer/src/shared/components/Dialog';

afterEach(cleanup);

type Open = 'none' | 'form' | 'confirm' | 'both';

function Page({ start = 'none' as Open }) {
  const [open, setOpen] = useState<Open>(start);
  return (
    <div>
      <button type="button" onClick={() => setOpen('form')}>
        Open form
      </button>
      <a href="#elsewhere">A link behind</a>
      {(open === 'form' || open === 'both') && (
        <Dialog
          title="New show"
          description="Pick a time."
          onClose={() => setOpen('none')}
          actions={
            <>
              <button type="button" onClick={() => setOpen('none')}>
                Cancel
              </button>
              <button type="button" onClick={() => setOpen('confirm')}>
                Save
              </button>
              <button type="button" onClick={() => setOpen('both')}>
                Ask over it
              </button>
            </>
          }
        >
          <label>
            Time <input name="time" />
          </label>
        </Dialog>
      )}
      {(open === 'confirm' || open === 'both') && (
        <ConfirmDialog title="Sure?" body="It cannot be undone." yes="Yes" no="No" onYes={() => setOpen(open === 'both' ? 'form' : 'none')} onNo={() => setOpen(open === 'both' ? 'form' : 'none')} />
      )}
    </div>
  );
}

const focused = () => (document.activeElement as HTMLElement | null)?.textContent?.trim() || (document.activeElement as HTMLInputElement | null)?.name;
const tab = (shift = false) => fireEvent.keyDown(document.activeElement!, { key: 'Tab', shiftKey: shift });

/** A jsdom Tab moves no focus by itself: this one does what a browser does, within the rules the dialog sets. */
function pressTab(shift = false) {
  const event = new KeyboardEvent('keydown', { key: 'Tab', shiftKey: shift, bubbles: true, cancelable: true });
  const from = document.activeElement as HTMLElement;
  from.dispatchEvent(event);
  if (event.defaultPrevented) return;
  const items = [...document.querySelectorAll<HTMLElement>('button, input, a[href]')].filter((el) => !el.closest('[inert]'));
  const next = items[(items.indexOf(from) + (shift ? -1 : 1) + items.length) % items.length];
  next?.focus();
}

describe('Dialog', () => {
  it('takes focus in, keeps Tab and Shift+Tab inside, makes the page inert, closes on Escape and gives focus back', () => {
    render(<Page />);
    const opener = screen.getByRole('button', { name: 'Open form' });
    opener.focus();
    fireEvent.click(opener);
    const dialog = screen.getByRole('dialog', { name: 'New show' });
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    expect(dialog.getAttribute('aria-describedby')).toBeTruthy();
    expect(focused()).toBe('time');
    expect(opener.closest('[inert]')).not.toBeNull();
    expect(screen.getByText('A link behind').closest('[inert]')).not.toBeNull();
    expect(dialog.closest('[inert]')).toBeNull();

    const seen = new Set<string | undefined>();
    for (let i = 0; i < 8; i++) {
      pressTab();
      seen.add(focused());
      expect(dialog.contains(document.activeElement)).toBe(true);
    }
    expect([...seen].sort()).toEqual(['Ask over it', 'Cancel', 'Save', 'time']);
    for (let i = 0; i < 8; i++) {
      pressTab(true);
      expect(dialog.contains(document.activeElement)).toBe(true);
    }
    tab();
    fireEvent.keyDown(document.activeElement!, { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(opener);
    expect(document.querySelector('[inert]')).toBeNull();
  });

  it('a confirmation starts on its safe answer; when it replaces the form, focus still returns to the form’s opener', () => {
    render(<Page />);
    const opener = screen.getByRole('button', { name: 'Open form' });
    opener.focus();
    fireEvent.click(opener);
    const save = screen.getByRole('button', { name: 'Save' });
    save.focus();
    act(() => save.click());
    expect(screen.queryByRole('dialog')).toBeNull();
    const confirm = screen.getByRole('alertdialog', { name: 'Sure?' });
    expect(focused()).toBe('No');
    expect(opener.closest('[inert]')).not.toBeNull();
    fireEvent.keyDown(confirm, { key: 'Escape' });
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(document.activeElement).toBe(opener);
    expect(document.querySelector('[inert]')).toBeNull();
  });

  it('a dialog over a dialog makes the first inert, and gives it back (and its focus) when it closes', () => {
    render(<Page start="none" />);
    const opener = screen.getByRole('button', { name: 'Open form' });
    opener.focus();
    fireEvent.click(opener);
    const ask = screen.getByRole('button', { name: 'Ask over it' });
    ask.focus();
    act(() => ask.click());
    const form = screen.getByRole('dialog', { name: 'New show' });
    expect(form.closest('[inert]')).not.toBeNull();
    expect(focused()).toBe('No');
    fireEvent.keyDown(document.activeElement!, { key: 'Escape' });
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(form.closest('[inert]')).toBeNull();
    expect(opener.closest('[inert]')).not.toBeNull();
    expect(document.activeElement).toBe(ask);
    fireEvent.keyDown(document.activeElement!, { key: 'Escape' });
    expect(document.activeElement).toBe(opener);
    expect(document.querySelector('[inert]')).toBeNull();
  });
});
