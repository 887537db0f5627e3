// A dialog over the page: labelled, focus moved in and kept in, Escape closes, focus returns.
import { useId, useRef, type ReactNode } from 'react';
import { useDialogFocus } from '../../shared/hooks/useDialogFocus';

export interface ModalProps {
  title: string;
  description?: string;
  onClose: () => void;
  children: ReactNode;
  footer?: ReactNode;
  wide?: boolean;
  /** Extra classes on the dialog box (e.g. what paper prints). */
  className?: string;
}

export function Modal({ title, description, onClose, children, footer, wide = false, className = '' }: ModalProps) {
  const id = useId();
  const box = useRef<HTMLDivElement>(null);
  const onKeyDown = useDialogFocus(box, onClose);

  return (
    <div className="overlay mgr-overlay">
      <div
        ref={box}
        className={`mgr-dialog${wide ? ' mgr-dialog-wide' : ''} ${className}`}
        role="dialog"
        aria-modal="true"
        aria-labelledby={`${id}-title`}
        aria-describedby={description ? `${id}-desc` : undefined}
        tabIndex={-1}
        onKeyDown={onKeyDown}
      >
        <header className="mgr-dialog-head">
          <h2 id={`${id}-title`}>{title}</h2>
          {description && <p id={`${id}-desc`}>{description}</p>}
        </header>
        <div className="mgr-dialog-body">{children}</div>
        {footer && <footer className="mgr-dialog-foot">{footer}</footer>}
      </div>
    </div>
  );
}
