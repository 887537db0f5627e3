// Shown only when an answer takes longer than a glance, so fast answers do not flicker.
import { useDelayedFlag } from '../hooks/useDelayedFlag';
import { useKiosk, useMessages } from '../store/context';

export const SPINNER_DELAY_MS = 300;

export function Spinner() {
  const m = useMessages();
  const busy = useKiosk((s) => s.busy);
  const visible = useDelayedFlag(busy, SPINNER_DELAY_MS);
  if (!visible) return null;
  return (
    <div className="spinner-overlay" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      <span className="spinner-text">{m.busy}</span>
    </div>
  );
}
