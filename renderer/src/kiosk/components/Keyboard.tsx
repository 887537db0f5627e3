// On-screen letter keyboard for names. Letters capitalise themselves at the start of each
// word (how names are written); Shift flips that for the next letter (McDonald, van Gogh).
import { useState, type MouseEvent } from 'react';
import { useMessages } from '../store/context';

const LETTER_ROWS = [
  ['Q', 'W', 'E', 'R', 'T', 'Y', 'U', 'I', 'O', 'P'],
  ['A', 'S', 'D', 'F', 'G', 'H', 'J', 'K', 'L', 'Ñ'],
  ['Z', 'X', 'C', 'V', 'B', 'N', 'M', '-', "'", '.'],
  ['Á', 'É', 'Í', 'Ó', 'Ú', 'Ü', 'Ç', 'À', 'È', 'Ö'],
] as const;

// Tapping a key must not move focus off the text field, or a physical keyboard would stop working.
export const keepFocus = (event: MouseEvent) => event.preventDefault();

const startsWord = (text: string) => text === '' || /[\s\-']$/u.test(text);

export interface KeyboardProps {
  value: string;
  onChange: (value: string) => void;
  maxLength?: number;
}

export function Keyboard({ value, onChange, maxLength }: KeyboardProps) {
  const m = useMessages();
  const [shift, setShift] = useState(false);
  const upper = startsWord(value) !== shift;
  const caseOf = (key: string) => (upper ? key : key.toLocaleLowerCase());
  const append = (text: string) => {
    if (maxLength === undefined || [...value].length < maxLength) onChange(value + text);
    setShift(false);
  };

  return (
    <div className="keyboard" role="group" aria-label={m.keyboard.label}>
      {LETTER_ROWS.map((row, index) => (
        <div className="keyboard-row" key={index}>
          {row.map((key) => (
            <button type="button" className="key" key={key} onMouseDown={keepFocus} onClick={() => append(caseOf(key))}>
              {caseOf(key)}
            </button>
          ))}
        </div>
      ))}
      <div className="keyboard-row">
        <button
          type="button"
          className="key key-wide"
          aria-pressed={shift}
          onMouseDown={keepFocus}
          onClick={() => setShift(!shift)}
        >
          ⇧ {upper ? 'abc' : 'ABC'}
        </button>
        <button type="button" className="key key-space" onMouseDown={keepFocus} onClick={() => append(' ')}>
          {m.keyboard.space}
        </button>
        <button
          type="button"
          className="key key-wide"
          aria-label={m.keyboard.backspace}
          onMouseDown={keepFocus}
          onClick={() => onChange([...value].slice(0, -1).join(''))}
        >
          ⌫
        </button>
      </div>
    </div>
  );
}
