// On-screen letter keyboard for names. Letters capitalise themselves at the start of each
// word (how names are written); Shift flips that for the next letter (McDonald, van Gogh).
import { useState, type MouseEvent } from 'react';
import { useMessages } from '../store/context';

// The letters of the kiosk's languages (en, es) are always on the keys, Spanish accents
// included; the accent layer adds the rest of the Latin letters common in guests' names.
// Other scripts need a physical keyboard (README, "The kiosk").
const LETTER_ROWS = [
  ['Q', 'W', 'E', 'R', 'T', 'Y', 'U', 'I', 'O', 'P'],
  ['A', 'S', 'D', 'F', 'G', 'H', 'J', 'K', 'L', 'Ñ'],
  ['Z', 'X', 'C', 'V', 'B', 'N', 'M', '-', "'", '.'],
  ['Á', 'É', 'Í', 'Ó', 'Ú', 'Ü', 'Ç', 'À', 'È', 'Ö'],
] as const;

export const ACCENT_ROWS = [
  ['À', 'È', 'Ì', 'Ò', 'Ù', 'Â', 'Ê', 'Î', 'Ô', 'Û'],
  ['Ä', 'Ë', 'Ï', 'Ö', 'Ü', 'Ÿ', 'Ã', 'Õ', 'Ñ', 'Ç'],
  ['Å', 'Ø', 'Æ', 'Œ', 'Ý', 'Ł', 'Š', 'Ž', 'Č', 'Ć'],
  ['Ą', 'Ę', 'Ő', 'Ű', 'Ř', 'Ě', 'Ů', 'Ś', 'Ń', 'Ż'],
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
  const [accents, setAccents] = useState(false);
  const upper = startsWord(value) !== shift;
  const caseOf = (key: string) => (upper ? key : key.toLocaleLowerCase());
  const layerKey = accents ? (upper ? 'ABC' : 'abc') : upper ? 'ÀÄØ' : 'àäø';
  const full = maxLength !== undefined && [...value].length >= maxLength;
  const append = (text: string) => {
    if (!full) onChange(value + text);
    setShift(false);
    // Like Shift, the accent layer is for the next letter: names are mostly plain letters.
    setAccents(false);
  };

  return (
    <div className="keyboard" role="group" aria-label={m.keyboard.label} data-layer={accents ? 'accents' : 'letters'}>
      {(accents ? ACCENT_ROWS : LETTER_ROWS).map((row, index) => (
        <div className="keyboard-row" key={index}>
          {row.map((key) => (
            <button type="button" className="key" key={key} disabled={full} onMouseDown={keepFocus} onClick={() => append(caseOf(key))}>
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
        <button
          type="button"
          className="key key-wide key-layer"
          aria-pressed={accents}
          // Named by what it shows first, so a voice command saying it works (WCAG 2.5.3).
          aria-label={`${layerKey}, ${m.keyboard.accents}`}
          onMouseDown={keepFocus}
          onClick={() => setAccents(!accents)}
        >
          {layerKey}
        </button>
        <button type="button" className="key key-space" disabled={full} onMouseDown={keepFocus} onClick={() => append(' ')}>
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
