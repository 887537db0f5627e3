import { useEffect, useState } from 'react';

/**
 * Whether `element` is within its scrolling ancestors' visible area: the end of a list in
 * view means nothing more is below. Without IntersectionObserver (never in the browsers the
 * kiosk runs in) it answers true, so no cue is ever shown wrongly.
 */
export function useInView(element: Element | null): boolean {
  const [inView, setInView] = useState(true);
  useEffect(() => {
    if (element === null || typeof IntersectionObserver === 'undefined') {
      setInView(true);
      return;
    }
    const observer = new IntersectionObserver((entries) => {
      const last = entries.at(-1);
      if (last) setInView(last.isIntersecting);
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [element]);
  return inView;
}
