// The pairing code typed so far, in one box per digit, the next box marked: a code read off
// the manager's screen is easy to check digit by digit. Screen readers get the code's <output>.
import { PAIR_CODE_LENGTH } from '../../lib/pairing-code';

export function PairCodeBoxes({ code }: { code: string }) {
  return (
    <div className="pair-code" aria-hidden="true">
      {Array.from({ length: PAIR_CODE_LENGTH }, (_, i) => (
        <span key={i} className={`pair-code-digit${i === code.length ? ' pair-code-next' : ''}`}>
          {code[i] ?? ''}
        </span>
      ))}
    </div>
  );
}
