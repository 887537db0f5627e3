import { ScreenLayout } from '../components/ScreenLayout';
import { TextField } from '../components/TextField';
import { useActions, useMessages } from '../store/context';
import { NextButton } from './buttons';

/** Shown once per browser: staff type or paste the kiosk token with a real keyboard. */
export function PairScreen() {
  const m = useMessages();
  const { pair } = useActions();
  return (
    <ScreenLayout name="pair" title={m.pair.heading} subtitle={m.pair.body} focusHeading={false} footer={<NextButton label={m.pair.submit} onClick={() => void pair()} />}>
      <form
        className="entry-fields pair-form"
        onSubmit={(event) => {
          event.preventDefault();
          void pair();
        }}
      >
        <TextField field="token" label={m.pair.label} autoFocus systemKeyboard />
      </form>
    </ScreenLayout>
  );
}
