import { Keyboard } from '../components/Keyboard';
import { SelectedShowSummary } from '../components/ShowSummary';
import { TextField } from '../components/TextField';
import { NAME_MAX } from '../../shared/lib/validation';
import { useActions, useKiosk, useMessages } from '../store/context';
import { EntryScreen } from './EntryScreen';

export function NameScreen() {
  const m = useMessages();
  const value = useKiosk((s) => s.inputs.userName);
  const { type, submitName, goTo } = useActions();
  return (
    <EntryScreen
      name="name"
      title={m.name.heading}
      subtitle={m.name.hint}
      step={1}
      onBack={() => goTo('start')}
      nextLabel={m.nav.next}
      onNext={submitName}
      input={<Keyboard value={value} onChange={(v) => type('userName', v)} maxLength={NAME_MAX} />}
    >
      <SelectedShowSummary />
      <TextField field="userName" label={m.name.label} autoFocus maxLength={NAME_MAX * 2} />
    </EntryScreen>
  );
}
