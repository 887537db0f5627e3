// Shown until this browser holds a kiosk token. The staff type the 6-digit pairing code the
// manager app shows on this screen's own keypad (a touchscreen has no keyboard), or open the
// page from the code's QR link; a device token can still be typed where a keyboard exists.
import { useEffect } from 'react';
import { PAIR_CODE_LENGTH } from '../../shared/lib/pairing-code';
import { pairingCodeFromHash } from '../../shared/lib/pairing-link';
import { Keypad } from '../components/Keypad';
import { ScreenLayout } from '../components/ScreenLayout';
import { TextField } from '../components/TextField';
import { useActions, useKiosk, useMessages } from '../store/context';
import { NextButton } from './buttons';

function CodeBoxes({ code }: { code: string }) {
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

export function PairScreen() {
  const m = useMessages();
  const { pair, typePairCode, pairWithCode } = useActions();
  const code = useKiosk((s) => s.pairCode);
  const problem = useKiosk((s) => s.pairProblem);
  const role = useKiosk((s) => s.pairRole);
  const busy = useKiosk((s) => s.busy);

  // Opened from the QR link (…/kiosk/#pair=123456): take the code and drop it from the address.
  useEffect(() => {
    const fromLink = pairingCodeFromHash(window.location.hash);
    if (fromLink === null) return;
    history.replaceState(null, '', window.location.pathname + window.location.search);
    typePairCode(fromLink);
    void pairWithCode();
  }, [typePairCode, pairWithCode]);

  const problemText = problem === null ? null : problem === 'notKiosk' ? m.pair.problems.notKiosk(role ?? '?') : m.pair.problems[problem];
  return (
    <ScreenLayout
      name="pair"
      title={m.pair.heading}
      subtitle={m.pair.body}
      focusHeading={false}
      footer={<NextButton label={m.pair.submitCode} onClick={() => void pairWithCode()} />}
    >
      <div className="pair-code-entry">
        <div className="pair-code-label" id="pair-code-label">
          {m.pair.codeLabel}
        </div>
        <output className="pair-code-value" aria-labelledby="pair-code-label" data-code={code}>
          {code}
        </output>
        <CodeBoxes code={code} />
        {problemText && (
          <p className="field-error pair-problem" role="alert">
            {problemText}
          </p>
        )}
        <Keypad value={code} onChange={typePairCode} maxDigits={PAIR_CODE_LENGTH} />
      </div>
      <details className="pair-token">
        <summary>{m.pair.tokenHeading}</summary>
        <form
          className="entry-fields pair-form"
          onSubmit={(event) => {
            event.preventDefault();
            void pair();
          }}
        >
          <TextField field="token" label={m.pair.label} systemKeyboard />
          <button type="submit" className="button button-secondary" disabled={busy}>
            {m.pair.submit}
          </button>
        </form>
      </details>
    </ScreenLayout>
  );
}
