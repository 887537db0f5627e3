// The frame every screen shares: brand and language on top, a heading that screen readers
// land on, the current notice, the content, and the big action buttons at the bottom.
import { useEffect, useRef, type ReactNode } from 'react';
import type { Screen } from '../store/kiosk-store';
import { useMessages } from '../store/context';
import { LanguageToggle } from './LanguageToggle';
import { NoticeBox } from './NoticeBox';

export interface ScreenLayoutProps {
  name: Screen;
  title: string;
  subtitle?: string;
  /** Step of the booking flow, shown as "Step 1 of 4". */
  step?: number;
  /** A screen with a text field focuses the field instead of the heading. */
  focusHeading?: boolean;
  footer?: ReactNode;
  children?: ReactNode;
}

/** Tickets, name, phone, review. */
export const BOOKING_STEPS = 4;

export function ScreenLayout({ name, title, subtitle, step, focusHeading = true, footer, children }: ScreenLayoutProps) {
  const m = useMessages();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focusHeading) heading.current?.focus();
  }, [focusHeading, name]);

  return (
    <div className={`screen screen-${name}`} data-screen={name}>
      <header className="topbar">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">
            ★
          </span>
          <span className="brand-name">{m.appName}</span>
          <span className="brand-sub">{m.theatreName}</span>
        </div>
        {step !== undefined && <span className="step">{m.steps.of(step, BOOKING_STEPS)}</span>}
        <LanguageToggle />
      </header>
      <main className="content">
        <div className="heading">
          <h1 ref={heading} tabIndex={-1}>
            {title}
          </h1>
          {subtitle && <p className="subtitle">{subtitle}</p>}
        </div>
        <NoticeBox />
        {children}
      </main>
      {footer && <footer className="actions">{footer}</footer>}
    </div>
  );
}
