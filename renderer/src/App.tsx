// Chooses which app this window is: the guest kiosk, the staff manager (docs/ARCHITECTURE.md) or the
// door's scanner, sharing the transport. Each app is its own chunk with its own stylesheet (and
// the shared one), loaded on demand: a window downloads, styles and builds only its own app.
import { lazy, Suspense } from 'react';
import type { KioskWindowProps } from './kiosk/KioskWindow';
import type { Transport } from './shared/transport';

export type AppMode = 'kiosk' | 'manager' | 'door';

const APPS = {
  kiosk: () => import('./kiosk/KioskWindow'),
  manager: () => import('./manager/ManagerApp'),
  door: () => import('./door/DoorApp'),
} as const satisfies Record<AppMode, () => Promise<unknown>>;

const KioskWindow = lazy(APPS.kiosk);
const ManagerApp = lazy(APPS.manager);
const DoorApp = lazy(APPS.door);

/** Starts downloading this window's app now, before React renders (the same import React.lazy waits for). */
export function preloadApp(mode: AppMode): void {
  void APPS[mode]();
}

export interface AppProps extends KioskWindowProps {
  mode: AppMode;
  transport: Transport;
}

export function App({ mode, transport, config, headStart }: AppProps) {
  return (
    <Suspense fallback={null}>
      {mode === 'kiosk' ? (
        <KioskWindow transport={transport} config={config} headStart={headStart} />
      ) : mode === 'manager' ? (
        <ManagerApp transport={transport} />
      ) : (
        <DoorApp transport={transport} />
      )}
    </Suspense>
  );
}
