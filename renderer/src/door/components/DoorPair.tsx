// The one place a door device proves itself: a door token typed or pasted once, kept by the
// transport. (Short pairing codes will replace the token here when they land.)
import { useDoor, useDoorActions, useDoorMessages } from '../store/context';

export function DoorPair() {
  const m = useDoorMessages();
  const value = useDoor((s) => s.pairToken);
  const problem = useDoor((s) => s.pairProblem);
  const busy = useDoor((s) => s.busy);
  const { typePairToken, pair } = useDoorActions();
  return (
    <form
      className="door-card door-pair"
      data-view="pair"
      onSubmit={(event) => {
        event.preventDefault();
        void pair();
      }}
    >
      <h1>{m.pair.heading}</h1>
      <p className="door-muted">{m.pair.body}</p>
      <label className="door-label" htmlFor="door-token">
        {m.pair.label}
      </label>
      <input
        id="door-token"
        className="door-input"
        autoFocus
        autoComplete="off"
        autoCapitalize="off"
        autoCorrect="off"
        spellCheck={false}
        value={value}
        aria-invalid={problem !== null || undefined}
        aria-describedby={problem ? 'door-token-problem' : undefined}
        onChange={(event) => typePairToken(event.target.value)}
      />
      {problem && (
        <p id="door-token-problem" className="door-problem" role="alert">
          {m.pair.problems[problem]}
        </p>
      )}
      <button type="submit" className="door-button door-button-primary" disabled={busy}>
        {m.pair.submit}
      </button>
    </form>
  );
}
