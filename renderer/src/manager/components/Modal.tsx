// The manager's dialog: the shared Dialog (its keyboard contract included) in the manager's look.
import type { ReactNode } from 'react';
import { Dialog } from '../../shared/components/Dialog';

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
  return (
    <Dialog
      title={title}
      description={description}
      onClose={onClose}
      actions={footer}
      classes={{
        overlay: 'overlay mgr-overlay',
        box: `mgr-dialog${wide ? ' mgr-dialog-wide' : ''} ${className}`.trim(),
        head: 'mgr-dialog-head',
        body: 'mgr-dialog-body',
        actions: 'mgr-dialog-foot',
      }}
    >
      {children}
    </Dialog>
  );
}
