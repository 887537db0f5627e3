// A browser proves itself once with a manager token; the transport keeps it (the kiosk's
// pairing store). A kiosk or viewer token is refused with a plain explanation.
import { useManager, useManagerActions, useManagerMessages } from '../store/context';
import { Brand, LanguageButton } from './Header';
import { Field } from './Field';

export function PairView() {
  const m = useManagerMessages();
  const value = useManager((s) => s.pairToken);
  const problem = useManager((s) => s.pairProblem);
  const busy = useManager((s) => s.busy);
  const { typePairToken, pairWithToken } = useManagerActions();
  return (
    <div className="mgr-pair-page" data-view="pair">
      <header className="mgr-topbar">
        <Brand />
        <LanguageButton />
      </header>
      <main className="mgr-pair">
        <form
          className="mgr-card mgr-pair-card"
          onSubmit={(event) => {
            event.preventDefault();
            void pairWithToken();
          }}
        >
          <h1>{m.pair.heading}</h1>
          <p className="mgr-muted">{m.pair.body}</p>
          <Field label={m.pair.label} error={problem ? m.pair.problem(problem) : null}>
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
      </main>
    </div>
  );
}
