import { Keyboard } from '../components/Keyboard';
import { SelectedShowSummary } from '../components/ShowSummary';
import { TextField, type FieldLimit } from '../components/TextField';
import { NAME_MAX } from '../../shared/lib/validation';
import { useActions, useKiosk, useMessages } from '../store/context';
import { EntryScreen } from './EntryScreen';

/** The counter shows over the last this many letters before the limit. */
const NAME_WARN_WITHIN = 10;

// Letters as the schema counts them: code points, so "é" or "ñ" is one.
const letters = (value: string) => [...value].length;

export function NameScreen() {
  const m = useMessages();
  const value = useKiosk((s) => s.inputs.userName);
  const { type, submitName, goTo } = useActions();
  const limit: FieldLimit = { max: NAME_MAX, count: letters, reached: m.name.limitReached(NAME_MAX), warnWithin: NAME_WARN_WITHIN };
  return (
    <EntryScreen
      name="name"
      title={m.name.heading}
      subtitle={m.name.hint}
      step={2}
      onBack={() => goTo('party')}
      nextLabel={m.nav.next}
      onNext={submitName}
      input={<Keyboard value={value} onChange={(v) => type('userName', v)} maxLength={NAME_MAX} />}
      summary={<SelectedShowSummary />}
    >
      {/* A physical keyboard may type past the limit; the counter and the check on Next say so. */}
      <TextField field="userName" label={m.name.label} autoFocus maxLength={NAME_MAX * 2} limit={limit} />
    </EntryScreen>
  );
}
