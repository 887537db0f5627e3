// Chooses which app this window is: the guest kiosk, the staff manager (docs/ARCHITECTURE.md) or the
// door's scanner, sharing the transport. Manager and door are loaded on demand, so the kiosk's
// first download stays small.
import { lazy, Suspense, useState } from 'react';
import { KioskApp } from './kiosk/KioskApp';
import type { KioskConfig } from './kiosk/lib/kiosk-config';
import { createKioskStore, type KioskStoreOptions } from './kiosk/store/kiosk-store';
import type { Transport } from './shared/transport';

const ManagerApp = lazy(() => import('./manager/ManagerApp'));
const DoorApp = lazy(() => import('./door/DoorApp'));

export type AppMode = 'kiosk' | 'manager' | 'door';

export interface AppProps {
  mode: AppMode;
  transport: Transport;
  config: KioskConfig;
  /** The kiosk's show list, asked for before React started (see main.tsx). */
  firstShows?: KioskStoreOptions['firstShows'];
}

export function App({ mode, transport, config, firstShows }: AppProps) {
  const [kioskStore] = useState(() => createKioskStore({ transport, firstShows }));
  switch (mode) {
    case 'kiosk':
      return <KioskApp store={kioskStore} config={config} />;
    case 'manager':
      return (
        <Suspense fallback={null}>
          <ManagerApp transport={transport} />
        </Suspense>
      );
    case 'door':
      return (
        <Suspense fallback={null}>
          <DoorApp transport={transport} />
        </Suspense>
      );
  }
}
