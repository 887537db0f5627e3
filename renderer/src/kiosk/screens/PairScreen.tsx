// Shown until this browser holds a kiosk token. The staff type the 6-digit pairing code the
// manager app shows on this screen's own keypad (a touchscreen has no keyboard), or open the
// page from the code's QR link; a device token can still be typed where a keyboard exists.
import { useId } from 'react';
import { PairCodeBoxes } from '../../shared/components/pairing/PairCodeBoxes';
import { usePairingLink } from '../../shared/components/pairing/usePairingLink';
import { PAIR_CODE_LENGTH } from '../../shared/lib/pairing-code';
import { Keypad } from '../components/Keypad';
import { ScreenLayout } from '../components/ScreenLayout';
import { useActions, useKiosk, useMessages } from '../store/context';
import { NextButton } from './buttons';

/** The token field, typed on the device's own keyboard (a kiosk with a keyboard attached). */
function TokenField({ problemText }: { problemText: string | null }) {
  const m = useMessages();
  const id = useId();
  const token = useKiosk((s) => s.pairToken);
  const { typePairToken } = useActions();
  return (
    <div className={`text-field text-field-active${problemText ? ' text-field-invalid' : ''}`}>
      <div className="text-field-head">
        <label htmlFor={id}>{m.pair.label}</label>
      </div>
      <input
        id={id}
        name="token"
        value={token}
        inputMode="text"
        autoComplete="off"
        autoCorrect="off"
        autoCapitalize="off"
        spellCheck={false}
        aria-invalid={problemText ? true : undefined}
        aria-describedby={problemText ? `${id}-error` : undefined}
        onChange={(event) => typePairToken(event.target.value)}
      />
      {problemText && (
        <p id={`${id}-error`} className="field-error" role="alert">
          {problemText}
        </p>
      )}
    </div>
  );
}

export function PairScreen() {
  const m = useMessages();
  const { pairWithToken, typePairCode, pairWithCode } = useActions();
  const code = useKiosk((s) => s.pairCode);
  const problem = useKiosk((s) => s.pairProblem);
  const busy = useKiosk((s) => s.busy);
  usePairingLink(typePairCode, pairWithCode);

  const problemText = problem === null ? null : m.pair.problem(problem);
  const viaToken = problem?.via === 'token';
  return (
    <ScreenLayout
      name="pair"
      title={m.pair.heading}
      subtitle={m.pair.body}
      focusHeading={false}
      footer={<NextButton label={m.pair.submitCode} onClick={() => void pairWithCode()} />}
      controls={<Keypad value={code} onChange={typePairCode} maxDigits={PAIR_CODE_LENGTH} />}
    >
      <div className="pair-code-entry">
        <div className="pair-code-label" id="pair-code-label">
          {m.pair.codeLabel}
        </div>
        <output className="pair-code-value" aria-labelledby="pair-code-label" data-code={code}>
          {code}
        </output>
        <PairCodeBoxes code={code} />
        {problemText && !viaToken && (
          <p className="field-error pair-problem" role="alert">
            {problemText}
          </p>
        )}
      </div>
      <details className="pair-token" open={viaToken || undefined}>
        <summary>{m.pair.tokenHeading}</summary>
        <form
          className="entry-fields pair-form"
          onSubmit={(event) => {
            event.preventDefault();
            void pairWithToken();
          }}
        >
          <TokenField problemText={viaToken ? problemText : null} />
          <button type="submit" className="button button-secondary" disabled={busy}>
            {m.pair.submit}
          </button>
        </form>
      </details>
    </ScreenLayout>
  );
}
