// Today's door conflicts on the schedule: a count that opens the list. Nothing shows while there
// are none: a guest admitted offline without a collision needs no attention.
import type { CheckinConflictRow } from '../../../../main/common/schemas';
import { useTimes } from '../hooks/useTimes';
import { useManager, useManagerActions, useManagerMessages } from '../store/context';
import { Modal } from './Modal';

export function DoorConflictsBadge() {
  const m = useManagerMessages();
  const count = useManager((s) => s.doorConflicts?.length ?? 0);
  const { openDoorConflicts } = useManagerActions();
  if (count === 0) return null;
  // A strip of its own under the pane's head: the head's title and buttons keep their room.
  return (
    <div className="conflicts-strip">
      <button type="button" className="button button-small conflicts-badge" aria-haspopup="dialog" data-testid="door-conflicts" onClick={openDoorConflicts}>
        <span aria-hidden="true" className="button-icon">
          !
        </span>
        {m.doorConflicts.badge(count)}
      </button>
    </div>
  );
}

function Collision({ row }: { row: CheckinConflictRow }) {
  const m = useManagerMessages();
  const t = useTimes();
  const { kind, otherDoor, otherAt } = row.conflict;
  const door = otherDoor ?? m.doorConflicts.otherDoor;
  const by = otherAt === null ? door : m.doorConflicts.at(door, t.clock(otherAt));
  const kinds = m.doorConflicts.kinds;
  switch (kind) {
    case 'already_in':
    case 'cancelled':
    case 'moved':
      return <>{kinds[kind](by)}</>;
    case 'removed':
    case 'unpaid_released':
    case 'not_found':
      return <>{kinds[kind]}</>;
  }
}

export function DoorConflictsDialog() {
  const m = useManagerMessages();
  const t = useTimes();
  const rows = useManager((s) => s.doorConflicts);
  const { closeDialog } = useManagerActions();
  return (
    <Modal
      wide
      title={m.doorConflicts.heading}
      description={m.doorConflicts.hint}
      onClose={closeDialog}
      footer={
        <button type="button" className="button button-secondary" onClick={closeDialog}>
          {m.close}
        </button>
      }
    >
      {rows === null ? (
        <p className="pane-empty">{m.doorConflicts.loading}</p>
      ) : rows.length === 0 ? (
        <p className="pane-empty">{m.doorConflicts.none}</p>
      ) : (
        <table className="grid conflicts-table">
          <caption className="sr-only">{m.doorConflicts.caption}</caption>
          <thead>
            <tr>
              <th scope="col">{m.doorConflicts.guest}</th>
              <th scope="col">{m.doorConflicts.show}</th>
              <th scope="col">{m.doorConflicts.offline}</th>
              <th scope="col">{m.doorConflicts.other}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.scanId} data-scan-id={row.scanId}>
                <th scope="row">
                  {row.userName ?? m.doorConflicts.ticket(row.ticketCode)}
                  {row.userName !== null && <span className="conflict-sub">{row.ticketCode}</span>}
                </th>
                <td>
                  {row.showTime === null ? (
                    m.doorConflicts.unknownShow
                  ) : (
                    <>
                      {row.title ?? m.untitled}
                      <span className="conflict-sub">{t.when(row.showTime)}</span>
                    </>
                  )}
                </td>
                <td>{m.doorConflicts.at(row.door, t.clock(row.scannedAt))}</td>
                <td>
                  <Collision row={row} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Modal>
  );
}
