// On-screen number pad for phone numbers and pairing codes.
import { useMessages } from '../store/context';
import { keepFocus } from './Keyboard';

export interface KeypadProps {
  value: string;
  onChange: (value: string) => void;
  /** Phone numbers may start with +; pairing codes may not. */
  allowPlus?: boolean;
  /** Digits the value may hold; a + or the spaces a physical keyboard typed do not count. */
  maxDigits: number;
}

const DIGITS = ['1', '2', '3', '4', '5', '6', '7', '8', '9'] as const;

export const digitCount = (value: string) => value.replace(/\D/g, '').length;

export function Keypad({ value, onChange, allowPlus = false, maxDigits }: KeypadProps) {
  const m = useMessages();
  const full = digitCount(value) >= maxDigits;
  const append = (digit: string) => {
    if (!full) onChange(value + digit);
  };
  return (
    <div className="keypad" role="group" aria-label={m.keyboard.keypadLabel}>
      {DIGITS.map((digit) => (
        <button type="button" className="key" key={digit} disabled={full} onMouseDown={keepFocus} onClick={() => append(digit)}>
          {digit}
        </button>
      ))}
      {allowPlus ? (
        <button type="button" className="key" disabled={value !== ''} onMouseDown={keepFocus} onClick={() => onChange('+')}>
          +
        </button>
      ) : (
        <button type="button" className="key key-small" onMouseDown={keepFocus} onClick={() => onChange('')}>
          {m.keyboard.clear}
        </button>
      )}
      <button type="button" className="key" disabled={full} onMouseDown={keepFocus} onClick={() => append('0')}>
        0
      </button>
      <button type="button" className="key" aria-label={m.keyboard.backspace} onMouseDown={keepFocus} onClick={() => onChange(value.slice(0, -1))}>
        ⌫
      </button>
    </div>
  );
}
