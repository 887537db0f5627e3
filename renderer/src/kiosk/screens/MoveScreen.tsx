import { useMemo } from 'react';
import { ConfirmDialog } from '../../shared/components/ConfirmDialog';
import { showName } from '../components/NoticeBox';
import { ScreenLayout } from '../components/ScreenLayout';
import { ShowCard } from '../components/ShowCard';
import { useNow } from '../../shared/hooks/useNow';
import { useWhen } from '../hooks/useWhen';
import { guestShow, moveTargets } from '../store/kiosk-store';
import { useActions, useKiosk, useMessages } from '../store/context';
import { BackButton } from './buttons';

export function MoveScreen() {
  const m = useMessages();
  const when = useWhen();
  const now = useNow(15_000);
  const shows = useKiosk((s) => s.shows);
  const guestTicket = useKiosk((s) => s.guestTicket);
  const current = useKiosk(guestShow);
  const confirmation = useKiosk((s) => s.confirmation);
  const { askMove, closeConfirmation, confirmMove, goTo } = useActions();
  const targets = useMemo(() => moveTargets({ shows, guestTicket }, now), [shows, guestTicket, now]);

  return (
    <ScreenLayout
      name="move"
      title={m.change.heading}
      footer={<BackButton onClick={() => goTo('myTicket')} />}
      controls={
        targets.length === 0 ? (
          <p className="empty">{m.change.none}</p>
        ) : (
          <div className="show-grid">
            {targets.map((show) => (
              <ShowCard key={show.showId} show={show} nowMs={now} withDay onPick={askMove} />
            ))}
          </div>
        )
      }
    >
      {guestTicket && (
        <p className="current-ticket">
          {m.change.current}: <strong>{current ? `${showName(m, current)} · ${when(guestTicket.showTime)}` : when(guestTicket.showTime)}</strong>
        </p>
      )}
      {confirmation?.kind === 'move' && (
        <ConfirmDialog
          title={m.change.confirmTitle}
          body={m.change.confirmBody(`${showName(m, confirmation.show)} · ${when(confirmation.show.showTime)}`)}
          yes={m.change.confirmYes}
          no={m.change.confirmNo}
          onYes={() => void confirmMove()}
          onNo={closeConfirmation}
        />
      )}
    </ScreenLayout>
  );
}
