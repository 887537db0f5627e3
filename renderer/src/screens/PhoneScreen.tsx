import { Keypad } from '../components/Keypad';
import { ScreenLayout } from '../components/ScreenLayout';
import { SelectedShowSummary } from '../components/ShowSummary';
import { TextField } from '../components/TextField';
import { useActions, useKiosk, useMessages } from '../store/context';
import { BackButton, NextButton } from './buttons';

export function PhoneScreen() {
  const m = useMessages();
  const value = useKiosk((s) => s.inputs.phoneNo);
  const { type, submitPhone, goTo } = useActions();
  return (
    <ScreenLayout
      name="phone"
      title={m.phone.heading}
      subtitle={m.phone.hint}
      step={2}
      focusHeading={false}
      footer={
        <>
          <BackButton onClick={() => goTo('name')} />
          <NextButton label={m.nav.next} onClick={submitPhone} />
        </>
      }
    >
      <div className="entry">
        <form
          className="entry-fields"
          onSubmit={(event) => {
            event.preventDefault();
            submitPhone();
          }}
        >
          <SelectedShowSummary />
          <TextField field="phoneNo" label={m.phone.label} numeric autoFocus maxLength={24} />
        </form>
        <Keypad value={value} onChange={(v) => type('phoneNo', v)} allowPlus />
      </div>
    </ScreenLayout>
  );
}
