// The switch that adds past shows to the schedule and the week (the store's includeExpired).
import { useManager, useManagerActions, useManagerMessages } from '../store/context';

export function IncludeExpiredSwitch() {
  const m = useManagerMessages();
  const includeExpired = useManager((s) => s.includeExpired);
  const { setIncludeExpired } = useManagerActions();
  return (
    <label className="mgr-switch">
      <input type="checkbox" role="switch" checked={includeExpired} onChange={(event) => setIncludeExpired(event.target.checked)} />
      <span className="mgr-switch-track" aria-hidden="true" />
      <span>{m.schedule.includeExpired}</span>
    </label>
  );
}
