// A browser proves itself once: a box-office counter with the 6-digit code the manager made for
// it (or its QR link, …/manager/#pair=123456), a manager with a pasted manager token (managers
// are never paired by code). The transport keeps the token. A kiosk or viewer token is refused
// with a plain explanation.
import { usePairingLink } from '../../shared/components/pairing/usePairingLink';
import { PAIR_CODE_LENGTH } from '../../shared/lib/pairing-code';
import { useManager, useManagerActions, useManagerMessages } from '../store/context';
import { Brand, LanguageButton } from './Header';
import { Field } from './Field';

export function PairView() {
  const m = useManagerMessages();
  const value = useManager((s) => s.pairToken);
  const code = useManager((s) => s.pairCode);
  const problem = useManager((s) => s.pairProblem);
  const busy = useManager((s) => s.busy);
  const { typePairToken, pairWithToken, typePairCode, pairWithCode } = useManagerActions();
  usePairingLink(typePairCode, pairWithCode);
  const text = problem ? m.pair.problem(problem) : null;
  return (
    <div className="mgr-pair-page" data-view="pair">
      <header className="mgr-topbar">
        <Brand />
        <LanguageButton />
      </header>
      <main className="mgr-pair">
        <div className="mgr-card mgr-pair-card">
          <h1>{m.pair.heading}</h1>
          <form
            className="mgr-pair-form"
            aria-labelledby="pair-token-h"
            onSubmit={(event) => {
              event.preventDefault();
              void pairWithToken();
            }}
          >
            <h2 id="pair-token-h">{m.pair.tokenHeading}</h2>
            <p className="mgr-muted">{m.pair.body}</p>
            <Field label={m.pair.label} error={problem?.via === 'token' ? text : null}>
              {({ id, describedBy, invalid }) => (
                <input
                  id={id}
                  name="token"
                  autoFocus
                  className="mgr-input mgr-input-mono"
                  autoComplete="off"
                  autoCapitalize="off"
                  autoCorrect="off"
                  spellCheck={false}
                  value={value}
                  aria-invalid={invalid || undefined}
                  aria-describedby={describedBy}
                  onChange={(event) => typePairToken(event.target.value)}
                />
              )}
            </Field>
            <div className="mgr-form-actions">
              <button type="submit" className="button button-primary" disabled={busy}>
                {m.pair.submit}
              </button>
            </div>
          </form>
          <form
            className="mgr-pair-form"
            aria-labelledby="pair-code-h"
            onSubmit={(event) => {
              event.preventDefault();
              void pairWithCode();
            }}
          >
            <h2 id="pair-code-h">{m.pair.counterHeading}</h2>
            <p className="mgr-muted">{m.pair.counterBody}</p>
            <Field label={m.pair.codeLabel} error={problem?.via === 'code' ? text : null}>
              {({ id, describedBy, invalid }) => (
                <input
                  id={id}
                  name="pairCode"
                  className="mgr-input mgr-input-mono"
                  inputMode="numeric"
                  autoComplete="one-time-code"
                  pattern="[0-9]*"
                  maxLength={PAIR_CODE_LENGTH}
                  value={code}
                  aria-invalid={invalid || undefined}
                  aria-describedby={describedBy}
                  onChange={(event) => typePairCode(event.target.value)}
                />
              )}
            </Field>
            <div className="mgr-form-actions">
              <button type="submit" className="button button-primary" disabled={busy}>
                {m.pair.submitCode}
              </button>
            </div>
          </form>
        </div>
      </main>
    </div>
  );
}
