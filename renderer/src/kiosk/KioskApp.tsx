// The guest kiosk: one screen at a time, with the outage banner, the slow-answer spinner
// and the idle countdown laid over whichever screen is showing.
import { useEffect, useLayoutEffect, type ComponentType } from 'react';
import '../shared/styles/shared.css';
import './styles/kiosk.css';
import { OutageBanner } from './components/OutageBanner';
import { IdleCountdown } from './components/Countdown';
import { Spinner } from './components/Spinner';
import type { KioskConfig } from './lib/kiosk-config';
import { adoptTicketPage } from '../shared/lib/ticket-page';
import { CancelledScreen } from './screens/CancelledScreen';
import { MoveScreen } from './screens/MoveScreen';
import { LookupScreen } from './screens/LookupScreen';
import { GiveBackScreen } from './screens/GiveBackScreen';
import { MyTicketScreen } from './screens/MyTicketScreen';
import { PartyScreen } from './screens/PartyScreen';
import { NameScreen } from './screens/NameScreen';
import { PairScreen } from './screens/PairScreen';
import { PhoneScreen } from './screens/PhoneScreen';
import { ReviewScreen } from './screens/ReviewScreen';
import { StartScreen } from './screens/StartScreen';
import { TicketScreen } from './screens/TicketScreen';
import { KioskProvider, useKiosk, useMessages } from './store/context';
import type { KioskStore, Screen } from './store/kiosk-store';

const SCREENS: Record<Screen, ComponentType> = {
  pair: PairScreen,
  start: StartScreen,
  party: PartyScreen,
  name: NameScreen,
  phone: PhoneScreen,
  review: ReviewScreen,
  ticket: TicketScreen,
  lookup: LookupScreen,
  myTicket: MyTicketScreen,
  move: MoveScreen,
  giveBack: GiveBackScreen,
  cancelled: CancelledScreen,
};

function KioskShell({ config }: { config: KioskConfig }) {
  const screen = useKiosk((s) => s.screen);
  const locale = useKiosk((s) => s.locale);
  const largeText = useKiosk((s) => s.largeText);
  const highContrast = useKiosk((s) => s.highContrast);
  const m = useMessages();
  useEffect(() => {
    document.documentElement.lang = locale;
    document.title = `${m.appName} · ${m.theatreName}`;
  }, [locale, m]);
  // On the root element: text sizes are rem, so "Aa" scales every word at once (kiosk.css).
  useEffect(() => {
    const root = document.documentElement.dataset;
    root.textSize = largeText ? 'large' : 'normal';
    root.contrast = highContrast ? 'high' : 'normal';
  }, [largeText, highContrast]);
  const Current = SCREENS[screen];
  return (
    <div className="app">
      <OutageBanner />
      <Current key={screen} />
      <Spinner />
      <IdleCountdown config={config} />
    </div>
  );
}

export function KioskApp({ store, config }: { store: KioskStore; config: KioskConfig }) {
  // Before the first paint, not after it: the seat stream and refresh start at once. The first
  // frame's film list comes from the store itself when the head start's answers were in
  // before it was made (kiosk-store.ts, answersIn): an update made here would be seen only
  // after that frame, once React subscribes to the store.
  useLayoutEffect(() => {
    void store.getState().init();
    return () => store.getState().dispose();
  }, [store]);
  // Printing from the kiosk prints the ticket, on its receipt paper.
  useEffect(() => adoptTicketPage(), []);
  return (
    <KioskProvider store={store}>
      <KioskShell config={config} />
    </KioskProvider>
  );
}
