import { CodeKeypad, groupedCode } from '../components/CodeKeypad';
import { TextField } from '../components/TextField';
import { useActions, useKiosk, useMessages } from '../store/context';
import { EntryScreen } from './EntryScreen';

/** A guest finds an own ticket by its code: the secret printed on it (the number alone proves nothing). */
export function LookupScreen() {
  const m = useMessages();
  const value = useKiosk((s) => s.inputs.lookupCode);
  const { type, lookupTicket, startOver } = useActions();
  return (
    <EntryScreen
      name="lookup"
      title={m.lookup.heading}
      subtitle={m.lookup.hint}
      onBack={startOver}
      nextLabel={m.lookup.submit}
      onNext={() => void lookupTicket()}
      input={<CodeKeypad value={value} onChange={(v) => type('lookupCode', v)} />}
    >
      <TextField field="lookupCode" label={m.lookup.codeLabel} autoFocus maxLength={16} format={groupedCode} />
      {/* Enter submits, as on any form. */}
      <button type="submit" hidden />
    </EntryScreen>
  );
}
