// A calm note while the box office is unreachable; the store keeps probing on its own.
// The kiosk and the manager show the same banner, each with its own messages and state.
export interface BannerProps {
  /** Whether the note shows; the live region stays either way so it is announced. */
  show: boolean;
  title: string;
  body: string;
  /** Extra classes for the banner itself. */
  className?: string;
}

export function Banner({ show, title, body, className }: BannerProps) {
  return (
    <div className="banner-slot" role="status" aria-live="polite">
      {show && (
        <div className={className ? `banner ${className}` : 'banner'} data-testid="outage-banner">
          <span className="banner-pulse" aria-hidden="true" />
          <div>
            <strong className="banner-title">{title}</strong>
            <span className="banner-body">{body}</span>
          </div>
        </div>
      )}
    </div>
  );
}
