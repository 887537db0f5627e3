// The one place a door device proves itself. A phone types the manager's 6-digit pairing code
// on its own number keyboard (inputMode="numeric"), or opens the code's QR link
// (…/door/#pair=123456); a door token can still be pasted under the fold.
import { usePairingLink } from '../../shared/components/pairing/usePairingLink';
import { PAIR_CODE_LENGTH } from '../../shared/lib/pairing-code';
import { useDoor, useDoorActions, useDoorMessages } from '../store/context';

export function DoorPair() {
  const m = useDoorMessages();
  const code = useDoor((s) => s.pairCode);
  const token = useDoor((s) => s.pairToken);
  const problem = useDoor((s) => s.pairProblem);
  const busy = useDoor((s) => s.busy);
  const { typePairCode, pairWithCode, typePairToken, pairWithToken } = useDoorActions();
  usePairingLink(typePairCode, pairWithCode);

  const tokenProblem = problem?.via === 'token';
  const text = problem === null ? null : m.pair.problem(problem);
  const alert = (id: string) =>
    text && (
      <p id={id} className="door-problem" role="alert">
        {text}
      </p>
    );
  return (
    <div className="door-card door-pair" data-view="pair">
      <h1>{m.pair.heading}</h1>
      <p className="door-muted">{m.pair.body}</p>
      <form
        className="door-pair-code"
        onSubmit={(event) => {
          event.preventDefault();
          void pairWithCode();
        }}
      >
        <label className="door-label" htmlFor="door-pair-code">
          {m.pair.codeLabel}
        </label>
        <input
          id="door-pair-code"
          className="door-input door-input-pair"
          autoFocus
          inputMode="numeric"
          autoComplete="one-time-code"
          pattern="[0-9]*"
          maxLength={PAIR_CODE_LENGTH}
          placeholder={'0'.repeat(PAIR_CODE_LENGTH)}
          value={code}
          aria-invalid={(text !== null && !tokenProblem) || undefined}
          aria-describedby={text && !tokenProblem ? 'door-pair-problem' : undefined}
          onChange={(event) => typePairCode(event.target.value)}
        />
        {!tokenProblem && alert('door-pair-problem')}
        <button type="submit" className="button button-primary" disabled={busy}>
          {m.pair.submitCode}
        </button>
      </form>
      <details className="door-pair-token" open={tokenProblem || undefined}>
        <summary>{m.pair.tokenHeading}</summary>
        <form
          onSubmit={(event) => {
            event.preventDefault();
            void pairWithToken();
          }}
        >
          <label className="door-label" htmlFor="door-token">
            {m.pair.label}
          </label>
          <input
            id="door-token"
            className="door-input"
            autoComplete="off"
            autoCapitalize="off"
            autoCorrect="off"
            spellCheck={false}
            value={token}
            aria-invalid={tokenProblem || undefined}
            aria-describedby={tokenProblem ? 'door-token-problem' : undefined}
            onChange={(event) => typePairToken(event.target.value)}
          />
          {tokenProblem && alert('door-token-problem')}
          <button type="submit" className="button button-secondary" disabled={busy}>
            {m.pair.submit}
          </button>
        </form>
      </details>
    </div>
  );
}
