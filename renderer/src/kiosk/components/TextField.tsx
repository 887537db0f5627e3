// A labelled text box that takes both the on-screen keys and a physical keyboard.
import { useId } from 'react';
import { fieldProblemText } from '../i18n/field-problems';
import { useActions, useKiosk, useMessages } from '../store/context';
import type { InputField } from '../store/kiosk-store';

export interface TextFieldProps {
  field: InputField;
  label: string;
  numeric?: boolean;
  autoFocus?: boolean;
  maxLength?: number;
  onFocus?: () => void;
  /** Visually marks the field the on-screen keys type into. */
  active?: boolean;
  /** Lets the device's own keyboard open (staff pairing), where no on-screen keys are offered. */
  systemKeyboard?: boolean;
  /** Rewrites what a physical keyboard typed (e.g. groups a ticket code as printed). */
  format?: (value: string) => string;
}

export function TextField({ field, label, numeric = false, autoFocus = false, maxLength, onFocus, active = true, systemKeyboard = false, format }: TextFieldProps) {
  const m = useMessages();
  const id = useId();
  const value = useKiosk((s) => s.inputs[field]);
  const problem = useKiosk((s) => s.errors[field]);
  const { type } = useActions();
  const errorId = `${id}-error`;
  return (
    <div className={`text-field${active ? ' text-field-active' : ''}${problem ? ' text-field-invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        name={field}
        value={value}
        // The on-screen keys are the keyboard: stop the OS one from covering the screen.
        inputMode={systemKeyboard ? 'text' : 'none'}
        autoComplete="off"
        autoCorrect="off"
        autoCapitalize="off"
        spellCheck={false}
        autoFocus={autoFocus}
        maxLength={maxLength}
        aria-invalid={problem ? true : undefined}
        aria-describedby={problem ? errorId : undefined}
        data-numeric={numeric || undefined}
        onFocus={onFocus}
        onChange={(event) => type(field, format ? format(event.target.value) : event.target.value)}
      />
      {problem && (
        <p id={errorId} className="field-error" role="alert">
          {fieldProblemText(m, field, problem)}
        </p>
      )}
    </div>
  );
}
