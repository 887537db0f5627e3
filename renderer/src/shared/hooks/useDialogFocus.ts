// What every dialog owes the keyboard: focus goes in when it opens (to `initial`, else the
// element marked autofocus, else the first control), Tab and Shift+Tab stay inside, Escape
// closes it, and focus returns to where it was when it closes.
import { useEffect, useRef, useState, type KeyboardEvent, type RefObject } from 'react';

const FOCUSABLE = 'button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [href], [tabindex]:not([tabindex="-1"])';

export function useDialogFocus(box: RefObject<HTMLElement | null>, onClose: () => void, initial?: RefObject<HTMLElement | null>) {
  const close = useRef(onClose);
  close.current = onClose;
  // Read while rendering: by the time effects run, a control marked autoFocus has taken focus.
  const [before] = useState(() => document.activeElement as HTMLElement | null);

  useEffect(() => {
    const first = initial?.current ?? box.current?.querySelector<HTMLElement>('[autofocus], ' + FOCUSABLE);
    (first ?? box.current)?.focus();
    return () => before?.focus?.();
    // Once per opening: the refs are stable.
  }, [before]);

  return (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.stopPropagation();
      close.current();
      return;
    }
    if (event.key !== 'Tab' || !box.current) return;
    const items = [...box.current.querySelectorAll<HTMLElement>(FOCUSABLE)];
    if (items.length === 0) return;
    const [first, last] = [items[0]!, items[items.length - 1]!];
    if (event.shiftKey && (document.activeElement === first || document.activeElement === box.current)) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  };
}
