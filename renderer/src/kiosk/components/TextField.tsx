// A labelled text box that takes both the on-screen keys and a physical keyboard.
import { useId, useLayoutEffect, useRef } from 'react';
import { fieldProblemText } from '../i18n/field-problems';
import { useActions, useKiosk, useMessages } from '../store/context';
import type { InputField } from '../store/kiosk-store';

/** A length limit the guest is told about before and when they reach it. */
export interface FieldLimit {
  max: number;
  /** How the value is counted against `max` (characters of a name, digits of a phone number). */
  count: (value: string) => number;
  /** Said once the limit is reached: a key that stops working says nothing by itself. */
  reached: string;
  /** The counter ("54 / 60") shows from this many short of the limit on. */
  warnWithin: number;
}

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
  limit?: FieldLimit;
}

export function TextField({ field, label, numeric = false, autoFocus = false, maxLength, onFocus, active = true, systemKeyboard = false, format, limit }: TextFieldProps) {
  const m = useMessages();
  const id = useId();
  const value = useKiosk((s) => s.inputs[field]);
  const problem = useKiosk((s) => s.errors[field]);
  const { type } = useActions();
  const input = useRef<HTMLInputElement>(null);
  /** The last value this input produced itself; any other came from the on-screen keys. */
  const typedHere = useRef<string | null>(null);

  // A browser keeps the caret and the scroll where they were when a value is set from outside,
  // so a long name typed on the on-screen keys ran out of view. Put the caret at the end and
  // show the end, as a physical keyboard would; a physical keyboard's own edits are left alone.
  useLayoutEffect(() => {
    const box = input.current;
    if (box === null || value === typedHere.current) return;
    typedHere.current = value;
    if (active && !systemKeyboard && document.activeElement !== box) box.focus({ preventScroll: true });
    if (document.activeElement === box) box.setSelectionRange(value.length, value.length);
    box.scrollLeft = box.scrollWidth;
  }, [value, active, systemKeyboard]);

  const errorId = `${id}-error`;
  const limitId = `${id}-limit`;
  const count = limit ? limit.count(value) : 0;
  const showCount = limit !== undefined && count >= limit.max - limit.warnWithin;
  const reached = limit !== undefined && count >= limit.max;
  const describedBy = [problem ? errorId : null, showCount ? limitId : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`text-field${active ? ' text-field-active' : ''}${problem ? ' text-field-invalid' : ''}`}>
      <div className="text-field-head">
        <label htmlFor={id}>{label}</label>
        {showCount && (
          <span id={limitId} className={`field-count${count > limit.max ? ' field-count-over' : reached ? ' field-count-full' : ''}`} data-testid={`${field}-count`}>
            {m.field.count(count, limit.max)}
          </span>
        )}
      </div>
      <input
        ref={input}
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
        aria-describedby={describedBy}
        data-numeric={numeric || undefined}
        onFocus={onFocus}
        onChange={(event) => {
          const next = format ? format(event.target.value) : event.target.value;
          typedHere.current = next;
          type(field, next);
        }}
      />
      {problem ? (
        <p id={errorId} className="field-error" role="alert">
          {fieldProblemText(m, field, problem)}
        </p>
      ) : (
        limit && (
          // A live region that stays in the page, so the sentence is announced when it appears.
          <p className="field-limit" role="status" data-testid={`${field}-limit`}>
            {reached ? limit.reached : ''}
          </p>
        )
      )}
    </div>
  );
}
