// Says when the door admits from its own list (the box office is unreachable) and how many of
// those admissions wait to be sent; quiet while all is well.
import { useDoorTimes } from '../hooks';
import { useDoor, useDoorMessages } from '../store/context';

export function OfflineStatus() {
  const m = useDoorMessages();
  const t = useDoorTimes();
  const offline = useDoor((s) => s.offline);
  const pending = useDoor((s) => s.journalPending);
  const snapshotAt = useDoor((s) => s.snapshotAt);
  const tickets = useDoor((s) => s.snapshotTickets);
  const at = snapshotAt === null ? null : t.clock(new Date(snapshotAt).toISOString());
  return (
    <div aria-live="polite" className={`door-offline${offline ? ' is-offline' : ''}`} data-testid="door-offline" data-offline={offline} data-pending={pending}>
      {offline && <p className="door-offline-banner">{m.offline.banner(pending)}</p>}
      {!offline && pending > 0 && <p className="door-muted">{m.offline.synced(pending)}</p>}
      {(offline || pending > 0) && <p className="door-muted" data-testid="door-snapshot">{m.offline.snapshot(at, tickets)}</p>}
    </div>
  );
}
