// Chooses which app this window is: the guest kiosk, the staff manager (docs/ARCHITECTURE.md) or the
// door's scanner, sharing the transport. Each app is its own chunk with its own stylesheet (and
// the shared one), loaded on demand: a window downloads, styles and builds only its own app.
import type { ComponentType } from 'react';
import type { KioskWindowProps } from './kiosk/KioskWindow';
import type { Transport } from './shared/transport';

export type AppMode = 'kiosk' | 'manager' | 'door';

export interface AppProps extends KioskWindowProps {
  transport: Transport;
}

const APPS: Record<AppMode, () => Promise<ComponentType<AppProps>>> = {
  kiosk: async () => (await import('./kiosk/KioskWindow')).default,
  manager: async () => (await import('./manager/ManagerApp')).default,
  door: async () => (await import('./door/DoorApp')).default,
};

/**
 * This window's app, once its chunk (and its stylesheets) are in; asking starts the download.
 * main.tsx renders it only then, so the app's first render is React's first commit. Behind
 * React.lazy and Suspense the (empty) fallback was committed first, and React then held the
 * app's own first commit back until 300 ms after it: it reveals content at most that often
 * after a fallback.
 */
export function loadApp(mode: AppMode): Promise<ComponentType<AppProps>> {
  return APPS[mode]();
}
