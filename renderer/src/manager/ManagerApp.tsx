// The staff app (docs/ARCHITECTURE.md): schedule with live seats, roster per show, ticket
// detail with history, move and cancel; the week's timeline per screen and its program;
// screens and films; sales and distributor reports; devices and server. Loaded on demand,
// so the guest kiosk's first download does not carry it.
import { useEffect, useState } from 'react';
import '../shared/styles/shared.css';
import './styles/manager.css';
import type { Transport } from '../shared/transport';
import { CashUpView } from './components/CashUpView';
import { CatalogView } from './components/CatalogView';
import { Dialogs } from './components/Dialogs';
import { DevicesView } from './components/DevicesView';
import { FindView } from './components/FindView';
import { Header } from './components/Header';
import { PairView } from './components/PairView';
import { ReportsView } from './components/ReportsView';
import { SellView } from './components/SellView';
import { TicketTypesView } from './components/TicketTypesView';
import { RosterPanel } from './components/RosterPanel';
import { SchedulePanel } from './components/SchedulePanel';
import { SearchResultsPanel } from './components/SearchResultsPanel';
import { Messages, OutageBanner } from './components/StatusAreas';
import { TicketPanel } from './components/TicketPanel';
import { WeekView } from './components/WeekView';
import { ManagerProvider, useManager, useManagerMessages } from './store/context';
import { createManagerStore, type ManagerStore } from './store/manager-store';

function ScheduleView() {
  const panel = useManager((s) => s.panel);
  const hasTicket = useManager((s) => s.ticket !== null);
  const hasResults = useManager((s) => s.searchResults !== null);
  return (
    <main id="main-content" tabIndex={-1} className="mgr-main mgr-split" data-view="schedule">
      <SchedulePanel />
      {panel === 'ticket' && hasTicket ? <TicketPanel /> : panel === 'results' && hasResults ? <SearchResultsPanel /> : <RosterPanel />}
    </main>
  );
}

function CurrentView() {
  const m = useManagerMessages();
  const role = useManager((s) => s.deviceRole);
  const view = useManager((s) => s.view);
  // Until the box office says who this device is, no section is shown (nor read).
  if (role === null) {
    return (
      <main id="main-content" tabIndex={-1} className="mgr-main mgr-checking">
        <h1>{m.checking}</h1>
      </main>
    );
  }
  switch (view) {
    case 'schedule':
      return <ScheduleView />;
    case 'week':
      return <WeekView />;
    case 'catalog':
      return <CatalogView />;
    case 'ticketTypes':
      return <TicketTypesView />;
    case 'reports':
      return <ReportsView />;
    case 'devices':
      return <DevicesView />;
    case 'sell':
      return <SellView />;
    case 'find':
      return <FindView />;
    case 'cashup':
      return <CashUpView />;
  }
}

function ManagerShell() {
  const m = useManagerMessages();
  const access = useManager((s) => s.access);
  const locale = useManager((s) => s.locale);
  useEffect(() => {
    document.documentElement.lang = locale;
    document.title = `${m.appName} · ${m.appSub}`;
  }, [locale, m]);

  if (access === 'checking') {
    return (
      <div className="mgr-app mgr-checking" role="status">
        {m.checking}
      </div>
    );
  }
  if (access === 'unpaired') {
    return (
      <div className="mgr-app">
        <PairView />
      </div>
    );
  }
  return (
    <div className="mgr-app">
      <a className="mgr-skip-link" href="#main-content">
        {m.nav.skipToContent}
      </a>
      <Header />
      <OutageBanner />
      <Messages />
      <CurrentView />
      <Dialogs />
    </div>
  );
}

export interface ManagerAppProps {
  transport: Transport;
  /** Tests pass their own store (fast retries, fixed clock). */
  store?: ManagerStore;
}

export function ManagerApp({ transport, store: given }: ManagerAppProps) {
  const [store] = useState(() => given ?? createManagerStore({ transport }));
  useEffect(() => {
    // The manager's denser sizes hang off this class.
    document.documentElement.classList.add('manager');
    void store.getState().init();
    return () => {
      store.getState().dispose();
      document.documentElement.classList.remove('manager');
    };
  }, [store]);
  return (
    <ManagerProvider store={store}>
      <ManagerShell />
    </ManagerProvider>
  );
}

export default ManagerApp;
