// On-screen keys for a ticket code: exactly the code's 32 symbols (no I, L, O, U to confuse),
// grouped as printed (K7QM-4XWP-9TX8) while the guest types.
import { TICKET_CODE_ALPHABET, TICKET_CODE_LENGTH, formatTicketCode } from '../../../../main/common/ticket-code';
import { useMessages } from '../store/context';
import { keepFocus } from './Keyboard';

/** What was typed, as printed: upper case, dashes between groups of four, at most one code long. */
export function groupedCode(text: string): string {
  const symbols = text.toUpperCase().replace(/[^0-9A-Z]/g, '').slice(0, TICKET_CODE_LENGTH);
  return formatTicketCode(symbols);
}

export function CodeKeypad({ value, onChange }: { value: string; onChange: (value: string) => void }) {
  const m = useMessages();
  const symbols = value.replace(/-/g, '');
  const rows = [TICKET_CODE_ALPHABET.slice(0, 10), TICKET_CODE_ALPHABET.slice(10, 21), TICKET_CODE_ALPHABET.slice(21)];
  return (
    <div className="keyboard code-keypad" role="group" aria-label={m.lookup.codeLabel}>
      {rows.map((row) => (
        <div className="keyboard-row" key={row}>
          {[...row].map((key) => (
            <button key={key} type="button" className="key" onMouseDown={keepFocus} onClick={() => onChange(groupedCode(symbols + key))}>
              {key}
            </button>
          ))}
        </div>
      ))}
      <div className="keyboard-row">
        <button type="button" className="key key-wide" onMouseDown={keepFocus} aria-label={m.keyboard.backspace} onClick={() => onChange(groupedCode(symbols.slice(0, -1)))}>
          ⌫
        </button>
      </div>
    </div>
  );
}
