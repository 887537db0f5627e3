// Chooses which app this window is: the guest kiosk, the staff manager (docs/ARCHITECTURE.md) or the
// door's scanner, sharing the transport. Each app is its own chunk with its own stylesheet (and
// the shared one), loaded on demand: a window downloads, styles and builds only its own app.
import { lazy, Suspense } from 'react';
import type { KioskWindowProps } from './kiosk/KioskWindow';
import type { Transport } from './shared/transport';

const KioskWindow = lazy(() => import('./kiosk/KioskWindow'));
const ManagerApp = lazy(() => import('./manager/ManagerApp'));
const DoorApp = lazy(() => import('./door/DoorApp'));

export type AppMode = 'kiosk' | 'manager' | 'door';

export interface AppProps extends KioskWindowProps {
  mode: AppMode;
  transport: Transport;
}

export function App({ mode, transport, config, firstShows }: AppProps) {
  return (
    <Suspense fallback={null}>
      {mode === 'kiosk' ? (
        <KioskWindow transport={transport} config={config} firstShows={firstShows} />
      ) : mode === 'manager' ? (
        <ManagerApp transport={transport} />
      ) : (
        <DoorApp transport={transport} />
      )}
    </Suspense>
  );
}
