// Chooses which app this window is: the guest kiosk or the staff manager (docs/ARCHITECTURE.md),
// sharing the transport. The manager is loaded on demand, so the kiosk's first download
// stays small.
import { lazy, Suspense, useState } from 'react';
import { KioskApp } from './kiosk/KioskApp';
import type { KioskConfig } from './kiosk/lib/kiosk-config';
import { createKioskStore, type KioskStoreOptions } from './kiosk/store/kiosk-store';
import type { Transport } from './shared/transport';

const ManagerApp = lazy(() => import('./manager/ManagerApp'));

export type AppMode = 'kiosk' | 'manager';

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
  }
}
