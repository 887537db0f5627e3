import { useState } from 'react';
import { Keypad } from '../components/Keypad';
import { TextField } from '../components/TextField';
import { useActions, useKiosk, useMessages } from '../store/context';
import { EntryScreen } from './EntryScreen';

type LookupField = 'lookupTicketId' | 'lookupPhone';

export function LookupScreen() {
  const m = useMessages();
  // One keypad serves both fields: it types into whichever the guest tapped last.
  const [active, setActive] = useState<LookupField>('lookupTicketId');
  const value = useKiosk((s) => s.inputs[active]);
  const { type, findTicket, startOver } = useActions();
  return (
    <EntryScreen
      name="lookup"
      title={m.lookup.heading}
      subtitle={m.lookup.hint}
      onBack={startOver}
      nextLabel={m.lookup.find}
      onNext={() => void findTicket()}
      input={<Keypad value={value} onChange={(v) => type(active, v)} allowPlus={active === 'lookupPhone'} maxLength={active === 'lookupTicketId' ? 15 : 20} />}
    >
      <TextField field="lookupTicketId" label={m.lookup.ticketLabel} numeric autoFocus maxLength={15} active={active === 'lookupTicketId'} onFocus={() => setActive('lookupTicketId')} />
      <TextField field="lookupPhone" label={m.lookup.phoneLabel} numeric maxLength={24} active={active === 'lookupPhone'} onFocus={() => setActive('lookupPhone')} />
      {/* Enter in either field submits, as on any form. */}
      <button type="submit" hidden />
    </EntryScreen>
  );
}
