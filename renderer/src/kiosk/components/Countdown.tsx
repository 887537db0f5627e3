// Idle watch for every screen but Start: after a quiet spell a countdown asks whether the
// guest is still there, then everything they typed is forgotten (the next guest must not see it).
// A screen-reader user hears the warning once (the ticking number would be noise), hears when
// more time was given, and hears why the kiosk is back at the start.
import { useEffect, useRef, useState } from 'react';
import { Dialog } from '../../shared/components/Dialog';
import { useIdleCountdown } from '../hooks/useIdleCountdown';
import { idleMsFor, type KioskConfig } from '../lib/kiosk-config';
import { useActions, useKiosk, useMessages } from '../store/context';

// The status region sits behind the warning, inert while it shows: the dialog frees the page in
// the same commit that removes it (a layout effect), so what is said as it closes is heard.
type Announcement = 'moreTime' | 'wentBack' | null;

export function IdleCountdown({ config }: { config: KioskConfig }) {
  const m = useMessages();
  const screen = useKiosk((s) => s.screen);
  const busy = useKiosk((s) => s.busy);
  const moreTime = useKiosk((s) => s.moreTime);
  const { startOver, askMoreTime } = useActions();
  const [announcement, setAnnouncement] = useState<Announcement>(null);
  const idleMs = idleMsFor(config, moreTime);
  const enabled = screen !== 'start' && screen !== 'pair' && !busy;
  const { secondsLeft, touch } = useIdleCountdown({
    enabled,
    idleMs,
    countdownMs: config.countdownMs,
    onTimeout: () => {
      startOver();
      setAnnouncement('wentBack');
    },
    resetKey: screen,
  });
  const stayButton = useRef<HTMLButtonElement>(null);
  const counting = secondsLeft !== null;

  useEffect(() => {
    // A fresh warning clears the last announcement, so the same words are spoken again next time.
    if (counting) setAnnouncement(null);
  }, [counting]);

  const takeMoreTime = () => {
    askMoreTime();
    touch();
    setAnnouncement('moreTime');
  };

  return (
    <>
      <p className="sr-only" role="status" data-testid="idle-status">
        {announcement === 'moreTime' && moreTime && m.idle.moreTimeGiven(Math.round(idleMs / 1000))}
        {announcement === 'wentBack' && m.idle.wentBack}
      </p>
      {counting && (
        // Escape, like "I'm still here", keeps the guest's place.
        <Dialog
          role="alertdialog"
          testId="idle-countdown"
          title={m.idle.title}
          description={m.idle.body(secondsLeft)}
          onClose={touch}
          initialFocus={stayButton}
          lead={
            <div className="countdown-number" aria-hidden="true">
              {secondsLeft}
            </div>
          }
          actions={
            <>
              <button ref={stayButton} type="button" className="button button-primary" onClick={touch}>
                {m.idle.stay}
              </button>
              {!moreTime && (
                <button type="button" className="button button-secondary" onClick={takeMoreTime}>
                  {m.idle.moreTime}
                </button>
              )}
            </>
          }
        >
          <p className="sr-only" role="alert" data-testid="idle-warning">
            {`${m.idle.title} ${m.idle.body(Math.ceil(config.countdownMs / 1000))}`}
          </p>
        </Dialog>
      )}
    </>
  );
}
