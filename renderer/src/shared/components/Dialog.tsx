// The one dialog of every app: a titled box laid over the page, with the keyboard contract of
// useDialogFocus (focus in and kept in, Escape closes, the page behind inert, focus back to the
// opener). Confirmations, forms and the kiosk's idle warning are all this component; each app
// styles it through the class names it passes.
import { useId, useRef, type ReactNode, type RefObject } from 'react';
import { useDialogFocus } from '../hooks/useDialogFocus';

export interface DialogClasses {
  overlay?: string;
  box?: string;
  head?: string;
  body?: string;
  actions?: string;
}

export interface DialogProps {
  title: string;
  /** Said with the title when the dialog opens (aria-describedby). */
  description?: ReactNode;
  /** Escape, and whatever the dialog's own "no" is. */
  onClose: () => void;
  /** `alertdialog` for a question that interrupts (a confirmation, a warning). */
  role?: 'dialog' | 'alertdialog';
  /** Where focus goes on open, when not the autofocus control or the first one. */
  initialFocus?: RefObject<HTMLElement | null>;
  /** Above the title (the idle warning's big number). */
  lead?: ReactNode;
  children?: ReactNode;
  /** The buttons, last. */
  actions?: ReactNode;
  classes?: DialogClasses;
  testId?: string;
}

const DEFAULT_CLASSES: Required<DialogClasses> = { overlay: 'overlay', box: 'dialog', head: 'dialog-head', body: 'dialog-body', actions: 'dialog-actions' };

export function Dialog({ title, description, onClose, role = 'dialog', initialFocus, lead, children, actions, classes, testId }: DialogProps) {
  const id = useId();
  const box = useRef<HTMLDivElement>(null);
  const layer = useRef<HTMLDivElement>(null);
  const onKeyDown = useDialogFocus(box, onClose, initialFocus, layer);
  const c = { ...DEFAULT_CLASSES, ...classes };
  return (
    <div ref={layer} className={c.overlay} data-testid={testId}>
      <div
        ref={box}
        className={c.box}
        role={role}
        aria-modal="true"
        aria-labelledby={`${id}-title`}
        aria-describedby={description ? `${id}-desc` : undefined}
        tabIndex={-1}
        onKeyDown={onKeyDown}
      >
        {lead}
        <header className={c.head}>
          <h2 id={`${id}-title`}>{title}</h2>
          {description && <p id={`${id}-desc`}>{description}</p>}
        </header>
        {children !== undefined && children !== null && children !== false && <div className={c.body}>{children}</div>}
        {actions && <footer className={c.actions}>{actions}</footer>}
      </div>
    </div>
  );
}
