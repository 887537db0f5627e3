// The footer buttons every step shares.
import { useKiosk, useMessages } from '../store/context';

export function BackButton({ onClick, label }: { onClick: () => void; label?: string }) {
  const m = useMessages();
  return (
    <button type="button" className="button button-secondary" onClick={onClick}>
      <span aria-hidden="true">‹ </span>
      {label ?? m.nav.back}
    </button>
  );
}

export function NextButton({ onClick, label }: { onClick: () => void; label: string }) {
  const busy = useKiosk((s) => s.busy);
  return (
    <button type="button" className="button button-primary button-next" disabled={busy} onClick={onClick}>
      {label}
    </button>
  );
}
