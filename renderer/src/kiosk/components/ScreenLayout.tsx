// The frame every screen shares, in two zones (docs/ARCHITECTURE.md, "The kiosk's reach"):
// above, what is read — brand, the heading screen readers land on, the current notice, the
// screen's own content; below, in the reach zone, what is touched — the screen's controls, the
// notice's buttons, the guest's display tools and the big action buttons. On a portrait screen
// the reach zone has a fixed height (kiosk.css, --reach-height), so a control put in `controls`
// or `footer` is within a seated guest's reach whatever the screen.
import { useEffect, useRef, type ReactNode } from 'react';
import type { Screen } from '../store/kiosk-store';
import { useMessages } from '../store/context';
import { GuestTools } from './GuestTools';
import { NoticeActions, NoticeBox } from './NoticeBox';

export interface ScreenLayoutProps {
  name: Screen;
  title: string;
  subtitle?: string;
  /** Step of the booking flow, shown as "Step 1 of 4". */
  step?: number;
  /** A screen with a text field focuses the field instead of the heading. */
  focusHeading?: boolean;
  /** What the guest touches besides the footer's buttons: keys, choices, lists of shows. */
  controls?: ReactNode;
  /** The action buttons (Back, Next, Done). */
  footer?: ReactNode;
  /** What is read: never a control (see `controls`). */
  children?: ReactNode;
}

/** Tickets, name, phone, review. */
export const BOOKING_STEPS = 4;

export function ScreenLayout({ name, title, subtitle, step, focusHeading = true, controls, footer, children }: ScreenLayoutProps) {
  const m = useMessages();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focusHeading) heading.current?.focus();
  }, [focusHeading, name]);

  return (
    <div className={`screen screen-${name}${controls ? ' screen-with-controls' : ''}`} data-screen={name}>
      <header className="topbar">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">
            ★
          </span>
          <span className="brand-name">{m.appName}</span>
          <span className="brand-sub">{m.theatreName}</span>
        </div>
        {step !== undefined && <span className="step">{m.steps.of(step, BOOKING_STEPS)}</span>}
      </header>
      <main className="main">
        {/* The read zone scrolls when large text makes it taller than the room above the reach
            zone: focusable, so a keyboard can scroll it too (it holds no control of its own). */}
        <div className="content" tabIndex={0} data-read-zone="">
          <div className="heading">
            <h1 ref={heading} tabIndex={-1}>
              {title}
            </h1>
            {subtitle && <p className="subtitle">{subtitle}</p>}
          </div>
          <NoticeBox />
          {children}
        </div>
        <div className="reach" data-testid="reach-zone">
          <NoticeActions />
          {controls && <div className="controls">{controls}</div>}
          <div className="actions">
            <GuestTools />
            {footer && <div className="nav">{footer}</div>}
          </div>
        </div>
      </main>
    </div>
  );
}
