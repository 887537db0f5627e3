// The door's setting, under the scanner: a verdict stays until "Next guest" (the default), or
// clears itself after a chosen number of seconds.
import { VERDICT_RESET_CHOICES } from '../lib/verdict-reset';
import { useDoor, useDoorActions, useDoorMessages } from '../store/context';

export function VerdictReset() {
  const m = useDoorMessages();
  const seconds = useDoor((s) => s.verdictResetSeconds);
  const { setVerdictReset } = useDoorActions();
  return (
    <div className="door-setting">
      <label className="door-label" htmlFor="door-verdict-reset">
        {m.verdictReset.label}
      </label>
      <select
        id="door-verdict-reset"
        className="door-input"
        value={seconds ?? ''}
        onChange={(event) => setVerdictReset(event.target.value === '' ? null : Number(event.target.value))}
      >
        <option value="">{m.verdictReset.off}</option>
        {VERDICT_RESET_CHOICES.map((choice) => (
          <option key={choice} value={choice}>
            {m.verdictReset.after(choice)}
          </option>
        ))}
      </select>
    </div>
  );
}
