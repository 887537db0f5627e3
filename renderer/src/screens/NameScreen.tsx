import { Keyboard } from '../components/Keyboard';
import { ScreenLayout } from '../components/ScreenLayout';
import { SelectedShowSummary } from '../components/ShowSummary';
import { TextField } from '../components/TextField';
import { NAME_MAX } from '../lib/validation';
import { useActions, useKiosk, useMessages } from '../store/context';
import { BackButton, NextButton } from './buttons';

export function NameScreen() {
  const m = useMessages();
  const value = useKiosk((s) => s.inputs.userName);
  const { type, submitName, goTo } = useActions();
  return (
    <ScreenLayout
      name="name"
      title={m.name.heading}
      subtitle={m.name.hint}
      step={1}
      focusHeading={false}
      footer={
        <>
          <BackButton onClick={() => goTo('start')} />
          <NextButton label={m.nav.next} onClick={submitName} />
        </>
      }
    >
      <div className="entry">
        <form
          className="entry-fields"
          onSubmit={(event) => {
            event.preventDefault();
            submitName();
          }}
        >
          <SelectedShowSummary />
          <TextField field="userName" label={m.name.label} autoFocus maxLength={NAME_MAX * 2} />
        </form>
        <Keyboard value={value} onChange={(v) => type('userName', v)} maxLength={NAME_MAX} />
      </div>
    </ScreenLayout>
  );
}
