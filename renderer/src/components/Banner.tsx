// A calm note while the box office is unreachable; the store keeps probing on its own.
import { useKiosk, useMessages } from '../store/context';

export function OutageBanner() {
  const m = useMessages();
  const outage = useKiosk((s) => s.outage);
  return (
    <div className="banner-slot" role="status" aria-live="polite">
      {outage && (
        <div className="banner" data-testid="outage-banner">
          <span className="banner-pulse" aria-hidden="true" />
          <div>
            <strong className="banner-title">{m.outage.title}</strong>
            <span className="banner-body">{m.outage.body}</span>
          </div>
        </div>
      )}
    </div>
  );
}
