// A modal whose body is one form (Cancel and a submit button in its footer), and the inputs
// bound to one form value each that its fields hold.
import type { InputHTMLAttributes, ReactNode } from 'react';
import { Modal } from './Modal';

/** A control for `Field`: an input bound to one form value, wired to the field's label and error. */
export function boundInput(name: string, value: string, onChange: (value: string) => void, props: InputHTMLAttributes<HTMLInputElement>) {
  return function Control({ id, describedBy, invalid }: { id: string; describedBy: string | undefined; invalid: boolean }) {
    return (
      <input
        id={id}
        name={name}
        className="mgr-input"
        value={value}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy}
        onChange={(event) => onChange(event.target.value)}
        {...props}
      />
    );
  };
}

export interface FormDialogProps {
  formId: string;
  title: string;
  description: string;
  cancelLabel: string;
  submitLabel: string;
  busy: boolean;
  onClose(): void;
  onSubmit(): void;
  children: ReactNode;
  wide?: boolean;
  /** Shown under the form (a preview, a poster). */
  after?: ReactNode;
  /** More buttons in the footer, before the submit button. */
  actions?: ReactNode;
}

/** A modal whose body is one form, with Cancel and a submit button in its footer. */
export function FormDialog({ formId, title, description, cancelLabel, submitLabel, busy, onClose, onSubmit, children, wide, after, actions }: FormDialogProps) {
  return (
    <Modal
      wide={wide}
      title={title}
      description={description}
      onClose={onClose}
      footer={
        <>
          <button type="button" className="button button-secondary" onClick={onClose}>
            {cancelLabel}
          </button>
          {actions}
          <button type="submit" form={formId} className="button button-primary" disabled={busy}>
            {submitLabel}
          </button>
        </>
      }
    >
      <form
        id={formId}
        className="mgr-form-grid"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          onSubmit();
        }}
      >
        {children}
      </form>
      {after}
    </Modal>
  );
}

