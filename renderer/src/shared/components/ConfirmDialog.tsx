import { useId, useRef } from 'react';
import { useDialogFocus } from '../hooks/useDialogFocus';

export interface ConfirmDialogProps {
  title: string;
  body: string;
  yes: string;
  no: string;
  onYes: () => void;
  onNo: () => void;
  danger?: boolean;
}

/** A yes/no question over the screen; focus starts on the safe answer, Escape says no. */
export function ConfirmDialog({ title, body, yes, no, onYes, onNo, danger = false }: ConfirmDialogProps) {
  const id = useId();
  const safe = useRef<HTMLButtonElement>(null);
  const box = useRef<HTMLDivElement>(null);
  const onKeyDown = useDialogFocus(box, onNo, safe);
  return (
    <div className="overlay">
      <div ref={box} className="dialog" role="alertdialog" aria-modal="true" aria-labelledby={`${id}-title`} aria-describedby={`${id}-body`} onKeyDown={onKeyDown}>
        <h2 id={`${id}-title`}>{title}</h2>
        <p id={`${id}-body`}>{body}</p>
        <div className="dialog-actions">
          <button ref={safe} type="button" className="button button-secondary" onClick={onNo}>
            {no}
          </button>
          <button type="button" className={`button ${danger ? 'button-danger' : 'button-primary'}`} onClick={onYes}>
            {yes}
          </button>
        </div>
      </div>
    </div>
  );
}
