import { useRef } from 'react';
import { Dialog, type DialogClasses } from './Dialog';

export interface ConfirmDialogProps {
  title: string;
  body: string;
  yes: string;
  no: string;
  onYes: () => void;
  onNo: () => void;
  danger?: boolean;
  classes?: DialogClasses;
}

/** A yes/no question over the screen; focus starts on the safe answer, Escape says no. */
export function ConfirmDialog({ title, body, yes, no, onYes, onNo, danger = false, classes }: ConfirmDialogProps) {
  const safe = useRef<HTMLButtonElement>(null);
  return (
    <Dialog
      role="alertdialog"
      title={title}
      description={body}
      onClose={onNo}
      initialFocus={safe}
      classes={classes}
      actions={
        <>
          <button ref={safe} type="button" className="button button-secondary" onClick={onNo}>
            {no}
          </button>
          <button type="button" className={`button ${danger ? 'button-danger' : 'button-primary'}`} onClick={onYes}>
            {yes}
          </button>
        </>
      }
    />
  );
}
