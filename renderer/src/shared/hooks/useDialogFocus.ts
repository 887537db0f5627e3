// What every dialog owes the keyboard: focus goes in when it opens (to `initial`, else the
// element marked autofocus, else the first control), Tab and Shift+Tab stay inside, Escape
// closes it, the page behind is inert (no click, focus or screen-reader cursor reaches it), and
// focus returns to what opened it when it closes.
import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent, type RefObject } from 'react';

const FOCUSABLE = 'button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [href], [tabindex]:not([tabindex="-1"])';

/**
 * Makes everything outside `element` inert: each sibling of it and of each of its ancestors up
 * to <body>. Returns the undo, which frees only what this call made inert, so a dialog over a
 * dialog gives the first one back when it closes.
 */
export function inertOutside(element: HTMLElement): () => void {
  const made: HTMLElement[] = [];
  for (let node: HTMLElement | null = element; node && node !== document.body; node = node.parentElement) {
    for (const sibling of node.parentElement?.children ?? []) {
      // The attribute, not the property: the same in every browser and in jsdom.
      if (sibling === node || !(sibling instanceof HTMLElement) || sibling.hasAttribute('inert')) continue;
      sibling.setAttribute('inert', '');
      made.push(sibling);
    }
  }
  return () => {
    for (const sibling of made) sibling.removeAttribute('inert');
  };
}

/**
 * The opener a closing dialog hands focus back to, kept while the commit that closed it runs its
 * effects: a dialog opened in the same commit (Move, then its confirmation) returns there too.
 */
let handedBackTo: HTMLElement | null = null;

/** `box` is the dialog; `layer` the element laid over the page that holds it (its overlay). */
export function useDialogFocus(box: RefObject<HTMLElement | null>, onClose: () => void, initial?: RefObject<HTMLElement | null>, layer?: RefObject<HTMLElement | null>) {
  const close = useRef(onClose);
  close.current = onClose;
  // Read while rendering: by the time effects run, a control marked autoFocus has taken focus.
  const [before] = useState(() => document.activeElement as HTMLElement | null);

  // In the commit that shows or removes the dialog, so no frame has the page live under it, and
  // what the page says as the dialog closes (a live region) is said by a page already freed.
  useLayoutEffect(() => {
    const over = layer?.current ?? box.current;
    return over ? inertOutside(over) : undefined;
  }, [before]);

  useEffect(() => {
    // A dialog that replaces another opens while the focus is in the one closing.
    const opener = before?.isConnected ? before : handedBackTo;
    const first = initial?.current ?? box.current?.querySelector<HTMLElement>('[autofocus], ' + FOCUSABLE);
    (first ?? box.current)?.focus();
    return () => {
      if (!opener?.isConnected) return;
      opener.focus();
      handedBackTo = opener;
      queueMicrotask(() => (handedBackTo = null));
    };
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
