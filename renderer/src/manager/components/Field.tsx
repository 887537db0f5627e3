// A labelled form control with its hint and its error, wired for screen readers.
import { useId, type ReactElement, type ReactNode } from 'react';

export interface FieldProps {
  label: string;
  hint?: string;
  error?: string | null;
  className?: string;
  /** Renders the control with the ids it must carry. */
  children: (ids: { id: string; describedBy: string | undefined; invalid: boolean }) => ReactElement;
  after?: ReactNode;
}

export function Field({ label, hint, error, className = '', children, after }: FieldProps) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [errorId, hintId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`mgr-field${error ? ' mgr-field-invalid' : ''} ${className}`}>
      <label htmlFor={id}>{label}</label>
      <div className="mgr-field-control">
        {children({ id, describedBy, invalid: Boolean(error) })}
        {after}
      </div>
      {hint && (
        <p id={hintId} className="mgr-hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={errorId} className="mgr-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
