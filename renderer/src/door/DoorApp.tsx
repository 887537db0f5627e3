// The door app: a phone or tablet at the theatre door, held in portrait. One scan, one
// full-screen answer with a sound, then ready for the next guest; the current show's count
// of guests in against tickets booked stays on top. The answer stays until the next scan or
// "Next guest" (a door setting, under today's list, can clear it after some seconds). Loaded
// on demand like the manager.
import { useEffect, useState } from 'react';
import '../shared/styles/shared.css';
import './styles/door.css';
import { SHARED_WORDS } from '../shared/i18n/locales';
import type { Transport } from '../shared/transport';
import { DoorPair } from './components/DoorPair';
import { FindByName } from './components/FindByName';
import { OfflineStatus } from './components/OfflineStatus';
import { ScanPanel } from './components/ScanPanel';
import { ShowCount } from './components/ShowCount';
import { TodayByScreen } from './components/TodayByScreen';
import { VerdictReset } from './components/VerdictReset';
import { VerdictScreen } from './components/VerdictScreen';
import { beep } from './lib/beep';
import { keepDoorPageOffline } from './lib/offline-page';
import { DoorProvider, useDoor, useDoorActions, useDoorMessages } from './store/context';
import { createDoorStore, type DoorStore } from './store/door-store';

function LanguageButton() {
  const locale = useDoor((s) => s.locale);
  const { toggleLocale } = useDoorActions();
  const next = SHARED_WORDS[locale].languageToggle;
  return (
    <button type="button" className="button button-ghost" lang={next.lang} aria-label={next.aria} onClick={toggleLocale}>
      {next.label}
    </button>
  );
}

function DoorScreen() {
  const m = useDoorMessages();
  const paired = useDoor((s) => s.paired);
  const locale = useDoor((s) => s.locale);
  const { unpair } = useDoorActions();
  // The scanning screen's one h1; the pairing card has its own.
  const Brand = paired ? 'h1' : 'span';
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  return (
    <div className="door-app" data-paired={paired}>
      <header className="door-topbar">
        <Brand className="door-brand">
          Marquee <span className="door-brand-sub">· {m.title}</span>
        </Brand>
        <span className="door-topbar-actions">
          <LanguageButton />
          {paired && (
            <button type="button" className="button button-ghost" onClick={unpair}>
              {m.unpair}
            </button>
          )}
        </span>
      </header>
      <main className="door-main">
        {paired ? (
          <>
            <ShowCount />
            <OfflineStatus />
            <ScanPanel />
            <FindByName />
            <TodayByScreen />
            <VerdictReset />
          </>
        ) : (
          <DoorPair />
        )}
      </main>
      <VerdictScreen />
    </div>
  );
}

export default function DoorApp({ transport }: { transport: Transport }) {
  const [store] = useState<DoorStore>(() => createDoorStore({ transport, onVerdict: (verdict) => beep(verdict.kind) }));
  useEffect(() => {
    document.documentElement.classList.add('door');
    void store.getState().init();
    void keepDoorPageOffline();
    return () => store.getState().dispose();
  }, [store]);
  return (
    <DoorProvider store={store}>
      <DoorScreen />
    </DoorProvider>
  );
}
