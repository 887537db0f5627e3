// Idle watch for every screen but Start: after a quiet spell a countdown asks whether the
// guest is still there, then everything they typed is forgotten (the next guest must not see it).
import { useEffect, useRef } from 'react';
import { useIdleCountdown } from '../hooks/useIdleCountdown';
import type { KioskConfig } from '../lib/kiosk-config';
import { useActions, useKiosk, useMessages } from '../store/context';

export function IdleCountdown({ config }: { config: KioskConfig }) {
  const m = useMessages();
  const screen = useKiosk((s) => s.screen);
  const busy = useKiosk((s) => s.busy);
  const { startOver } = useActions();
  const enabled = screen !== 'start' && screen !== 'pair' && !busy;
  const { secondsLeft, touch } = useIdleCountdown({ enabled, ...config, onTimeout: startOver, resetKey: screen });
  const stayButton = useRef<HTMLButtonElement>(null);
  const counting = secondsLeft !== null;

  useEffect(() => {
    if (counting) stayButton.current?.focus();
  }, [counting]);

  if (!counting) return null;
  return (
    <div className="overlay" data-testid="idle-countdown">
      <div className="dialog" role="alertdialog" aria-modal="true" aria-labelledby="idle-title" aria-describedby="idle-body">
        <div className="countdown-number" aria-hidden="true">
          {secondsLeft}
        </div>
        <h2 id="idle-title">{m.idle.title}</h2>
        <p id="idle-body">{m.idle.body(secondsLeft)}</p>
        <button ref={stayButton} type="button" className="button button-primary" onClick={touch}>
          {m.idle.stay}
        </button>
      </div>
    </div>
  );
}
