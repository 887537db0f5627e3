import { Keypad, digitCount } from '../components/Keypad';
import { SelectedShowSummary } from '../components/ShowSummary';
import { TextField, type FieldLimit } from '../components/TextField';
import { PHONE_DIGITS_MAX } from '../../shared/lib/validation';
import { useActions, useKiosk, useMessages } from '../store/context';
import { EntryScreen } from './EntryScreen';

/** Room for the digits and the spaces, dashes or brackets a physical keyboard may add. */
const PHONE_TYPED_MAX = 24;

export function PhoneScreen() {
  const m = useMessages();
  const value = useKiosk((s) => s.inputs.phoneNo);
  const { type, submitPhone, goTo } = useActions();
  const limit: FieldLimit = { max: PHONE_DIGITS_MAX, count: digitCount, reached: m.phone.limitReached(PHONE_DIGITS_MAX), warnWithin: 0 };
  return (
    <EntryScreen
      name="phone"
      title={m.phone.heading}
      subtitle={m.phone.hint}
      step={3}
      onBack={() => goTo('name')}
      nextLabel={m.nav.next}
      onNext={submitPhone}
      input={<Keypad value={value} onChange={(v) => type('phoneNo', v)} allowPlus maxDigits={PHONE_DIGITS_MAX} />}
      summary={<SelectedShowSummary />}
    >
      <TextField field="phoneNo" label={m.phone.label} numeric autoFocus maxLength={PHONE_TYPED_MAX} limit={limit} />
    </EntryScreen>
  );
}
