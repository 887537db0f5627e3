import { Keypad } from '../components/Keypad';
import { SelectedShowSummary } from '../components/ShowSummary';
import { TextField } from '../components/TextField';
import { useActions, useKiosk, useMessages } from '../store/context';
import { EntryScreen } from './EntryScreen';

export function PhoneScreen() {
  const m = useMessages();
  const value = useKiosk((s) => s.inputs.phoneNo);
  const { type, submitPhone, goTo } = useActions();
  return (
    <EntryScreen
      name="phone"
      title={m.phone.heading}
      subtitle={m.phone.hint}
      step={2}
      onBack={() => goTo('name')}
      nextLabel={m.nav.next}
      onNext={submitPhone}
      input={<Keypad value={value} onChange={(v) => type('phoneNo', v)} allowPlus />}
    >
      <SelectedShowSummary />
      <TextField field="phoneNo" label={m.phone.label} numeric autoFocus maxLength={24} />
    </EntryScreen>
  );
}
