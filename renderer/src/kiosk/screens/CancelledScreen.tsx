import { ScreenLayout } from '../components/ScreenLayout';
import { useActions, useMessages } from '../store/context';

export function CancelledScreen() {
  const m = useMessages();
  const { startOver } = useActions();
  return (
    <ScreenLayout
      name="cancelled"
      title={m.cancel.doneHeading}
      subtitle={m.cancel.doneBody}
      footer={
        <button type="button" className="button button-primary button-next" onClick={startOver}>
          {m.nav.done}
        </button>
      }
    />
  );
}
