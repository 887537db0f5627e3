// On-screen number pad for phone and ticket numbers.
import { useMessages } from '../store/context';
import { keepFocus } from './Keyboard';

export interface KeypadProps {
  value: string;
  onChange: (value: string) => void;
  /** Phone numbers may start with +; ticket numbers may not. */
  allowPlus?: boolean;
  maxLength?: number;
}

const DIGITS = ['1', '2', '3', '4', '5', '6', '7', '8', '9'] as const;

export function Keypad({ value, onChange, allowPlus = false, maxLength = 20 }: KeypadProps) {
  const m = useMessages();
  const append = (text: string) => {
    if (value.length < maxLength) onChange(value + text);
  };
  return (
    <div className="keypad" role="group" aria-label={m.keyboard.keypadLabel}>
      {DIGITS.map((digit) => (
        <button type="button" className="key" key={digit} onMouseDown={keepFocus} onClick={() => append(digit)}>
          {digit}
        </button>
      ))}
      {allowPlus ? (
        <button type="button" className="key" disabled={value !== ''} onMouseDown={keepFocus} onClick={() => append('+')}>
          +
        </button>
      ) : (
        <button type="button" className="key key-small" onMouseDown={keepFocus} onClick={() => onChange('')}>
          {m.keyboard.clear}
        </button>
      )}
      <button type="button" className="key" onMouseDown={keepFocus} onClick={() => append('0')}>
        0
      </button>
      <button type="button" className="key" aria-label={m.keyboard.backspace} onMouseDown={keepFocus} onClick={() => onChange(value.slice(0, -1))}>
        ⌫
      </button>
    </div>
  );
}
